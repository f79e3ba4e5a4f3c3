/** Mock services (`*.mock.yaml`, SPEC §9): the API the CLI, services and the extension use. */
import { MockLoadError, type MockServerOptions, type RunningMock } from './types.js';

export * from './types.js';

/** Parses, validates and serves a mock file; rejects with MockLoadError when it has errors. */
export async function startMock(file: string, options: MockServerOptions = {}): Promise<RunningMock> {
  void options;
  throw new MockLoadError(file, [
    { file, line: 1, column: 1, message: 'mocks are not implemented yet', span: { start: 0, end: 0 } },
  ]);
}
