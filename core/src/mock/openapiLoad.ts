/**
 * Reading an `openapi:` document with @readme/openapi-parser: parsed (JSON or YAML), checked to be
 * OpenAPI 3.0 or 3.1, validated against its specification and dereferenced ($refs across files).
 * Every failure becomes one Error naming the file and each problem on its own line.
 */
import { resolve } from 'node:path';

/** What the mock reads of a dereferenced document (the rest is left to the parser's validation). */
export interface OpenApiDocument {
  openapi: string;
  paths?: Record<string, Record<string, unknown> | undefined>;
}

export type OpenApiVersion = '3.0' | '3.1';

const MAX_PROBLEMS = 10;

export async function loadOpenApi(file: string): Promise<{ doc: OpenApiDocument; version: OpenApiVersion }> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- its CommonJS build, loaded on first use
  const parser = require('@readme/openapi-parser') as typeof import('@readme/openapi-parser');
  const fail = (problems: string[]): never => {
    throw new Error(`${file}: ${problems.length === 1 ? problems[0] : `\n  ${problems.join('\n  ')}`}`);
  };
  const attempt = async <T>(step: () => Promise<T>): Promise<T> => {
    try {
      return await step();
    } catch (error) {
      return fail([unreadable(error instanceof Error ? error.message : String(error), file)]);
    }
  };
  const parsed = (await attempt(() => parser.parse(file))) as unknown as Record<string, unknown>;
  const version = versionOf(parsed);
  if (version === undefined) {
    if (parsed !== null && typeof parsed === 'object' && 'swagger' in parsed)
      fail([
        'is a Swagger 2.0 document; mocks read OpenAPI 3.0 and 3.1 — convert it first (for example with swagger2openapi)',
      ]);
    fail([
      'is not an OpenAPI 3.0 or 3.1 document: it needs a top-level `openapi: 3.0.x` or `openapi: 3.1.x`',
    ]);
  }
  const result = await attempt(() => parser.validate(file, { resolve: { file: true } }));
  if (!result.valid) {
    const problems = result.errors.slice(0, MAX_PROBLEMS).map((error) => firstLine(error.message));
    const more = result.errors.length - problems.length + result.additionalErrors;
    fail(more > 0 ? [...problems, `… and ${more} more`] : problems);
  }
  const doc = (await attempt(() => parser.dereference(file))) as unknown as OpenApiDocument;
  return { doc, version: version as OpenApiVersion };
}

function versionOf(parsed: unknown): string | undefined {
  if (parsed === null || typeof parsed !== 'object') return undefined;
  const openapi = (parsed as { openapi?: unknown }).openapi;
  const match = typeof openapi === 'string' ? /^3\.([01])\./.exec(openapi) : null;
  return match ? `3.${match[1]}` : undefined;
}

/** `Error opening file /a/b.yaml: ENOENT: no such file…` said for the document or for a `$ref`. */
function unreadable(message: string, file: string): string {
  const opening = /^Error opening file (.+?): ([A-Z]+):/.exec(message);
  if (!opening) return firstLine(message);
  return opening[1] === resolve(file)
    ? `cannot read the file (${opening[2]})`
    : `a $ref points to ${opening[1]}, which cannot be read (${opening[2]})`;
}

/** The parser's messages carry a code frame (of the JSON form, not the file's lines): keep the sentence. */
function firstLine(message: string): string {
  return message
    .split('\n')[0]
    .replace(/^[A-Z_]+ (?=must )/, '')
    .trim();
}
