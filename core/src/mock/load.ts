/**
 * A mock file made ready to serve: parsed, its `file:` bodies found, its `resources:` and
 * `openapi:` routes built by their providers, the sandbox loaded when a template uses `${{ }}`.
 * Every problem is located in the mock file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { ConfigError } from '../dotenv.js';
import { InterpolationError, type ExpressionHost } from '../interpolate.js';
import type { JsonValue } from '../script/types.js';
import type { Span } from '../span.js';
import { compileRoutes, type CompiledRoute } from './match.js';
import type { MockDocument } from './model.js';
import { mockErrors, parseMock } from './parse.js';
import { openApiRoutes } from './openapi.js';
import { resourceRoutes } from './resources.js';
import type { DynamicRoutes } from './types.js';

/** Where `resources:` and `openapi:` routes come from (tests pass their own). */
export interface RouteProviders {
  resourceRoutes: typeof resourceRoutes;
  openApiRoutes: typeof openApiRoutes;
}

export const DEFAULT_PROVIDERS: RouteProviders = { resourceRoutes, openApiRoutes };

export interface MockState {
  doc: MockDocument;
  baseDir: string;
  routes: CompiledRoute[];
  /** `resources:` then `openapi:`, asked in that order after the routes. */
  dynamic: DynamicRoutes[];
  host?: ExpressionHost;
}

function located(doc: MockDocument, span: Span, message: string): ConfigError {
  const position = doc.lineIndex.positionAt(span.start);
  return { file: doc.path, line: position.line + 1, column: position.character + 1, message, span };
}

/** Reads and prepares a mock file; resolves with its errors instead when it cannot be served. */
export async function loadMock(
  file: string,
  providers: RouteProviders = DEFAULT_PROVIDERS,
): Promise<{ state: MockState } | { errors: ConfigError[]; doc?: MockDocument }> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const message = `cannot read the mock file: ${(error as Error).message}`;
    return { errors: [{ file, line: 1, column: 1, message, span: { start: 0, end: 0 } }] };
  }
  const doc = parseMock(text, file);
  const errors = mockErrors(doc);
  if (errors.length > 0) return { errors, doc };
  const baseDir = dirname(file);
  const { model } = doc;
  for (const route of model.routes)
    for (const response of route.responses)
      if (response.file !== undefined && response.fileSpan) {
        const path = resolve(baseDir, response.file);
        if (!existsSync(path))
          errors.push(
            located(
              doc,
              response.fileSpan,
              `\`file: ${response.file}\` not found (looked for ${path}); paths are relative to the mock file`,
            ),
          );
      }
  const dynamic: DynamicRoutes[] = [];
  for (const resource of model.resources) {
    try {
      dynamic.push(
        providers.resourceRoutes({
          name: resource.name,
          path: resource.path,
          ...(resource.seed !== undefined ? { seed: resolve(baseDir, resource.seed) } : {}),
          idField: resource.idField,
        }),
      );
    } catch (error) {
      errors.push(located(doc, resource.span, (error as Error).message));
    }
  }
  if (model.openapi !== undefined && model.openapiSpan) {
    try {
      dynamic.push(await providers.openApiRoutes(resolve(baseDir, model.openapi)));
    } catch (error) {
      errors.push(located(doc, model.openapiSpan, (error as Error).message));
    }
  }
  if (errors.length > 0) return { errors, doc };
  const state: MockState = { doc, baseDir, routes: compileRoutes(model.routes, baseDir), dynamic };
  if (model.usesScripts) {
    try {
      state.host = await sandboxHost();
    } catch (error) {
      return {
        errors: [
          located(
            doc,
            { start: 0, end: 0 },
            `\`\${{ }}\` needs the script sandbox, which could not be loaded: ${(error as Error).message}`,
          ),
        ],
        doc,
      };
    }
  }
  return { state };
}

/** `${{ }}` in templates: the shared QuickJS sandbox, loaded only for mocks that use it. */
async function sandboxHost(): Promise<ExpressionHost> {
  const { loadSandbox } = await import('../script/index.js');
  const sandbox = await loadSandbox();
  await sandbox.prepare();
  return {
    evaluate(source, variables) {
      const result = sandbox.evaluateExpressionSync(source, variables as Record<string, JsonValue>, {});
      if (result.ok) return result.value;
      throw new InterpolationError(`\`\${{${source}}}\`: ${result.error.message}`);
    },
  };
}
