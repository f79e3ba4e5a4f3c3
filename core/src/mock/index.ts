/** Mock services (`*.mock.yaml`, SPEC §9): the API the CLI, services and the extension use. */
import { resolve } from 'node:path';
import { DEFAULT_PROVIDERS, loadMock, type RouteProviders } from './load.js';
import { MockServer } from './server.js';
import { MockLoadError, type MockServerOptions, type RunningMock } from './types.js';

export * from './types.js';
export { parseMock, mockErrors, defaultMockName } from './parse.js';
export type {
  MockDocument,
  MockModel,
  MockRoute,
  MockResponse,
  MockMatcher,
  MockResourceModel,
} from './model.js';

/** Parses, validates and serves a mock file; rejects with MockLoadError when it has errors. */
export function startMock(file: string, options: MockServerOptions = {}): Promise<RunningMock> {
  return serveMock(file, options, DEFAULT_PROVIDERS);
}

/** `startMock` with the `resources:`/`openapi:` providers given (tests pass fakes). */
export async function serveMock(
  file: string,
  options: MockServerOptions,
  providers: RouteProviders,
): Promise<RunningMock> {
  const path = resolve(file);
  const loaded = await loadMock(path, providers);
  if ('errors' in loaded) throw new MockLoadError(path, loaded.errors);
  const server = new MockServer(loaded.state, options);
  const host = options.host ?? '127.0.0.1';
  const port = await server.listen(options.port ?? loaded.state.doc.model.port ?? 0, host);
  return {
    get name() {
      return server.name;
    },
    file: path,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    journal: () => server.entries(),
    async reload() {
      const next = await loadMock(path, providers);
      if ('errors' in next) return next.errors;
      server.swap(next.state);
      return [];
    },
    close: () => server.close(),
  };
}
