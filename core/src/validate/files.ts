/**
 * Files a suite refers to: `each:` data files, `schema:` files and multipart `file:` parts.
 * Checked for existence and validity (data parses to rows; a schema compiles with Ajv 2020-12).
 */
import { dirname, isAbsolute, resolve } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse as parseYaml } from 'yaml';
import { parseDataFile } from '../data.js';
import { nodeFileSystem, type ValidationContext } from './context.js';

/** Resolves a path written in a suite against the suite's folder; undefined for untitled suites. */
export function resolveSuitePath(path: string, context: ValidationContext): string | undefined {
  if (isAbsolute(path)) return path;
  if (!context.suitePath) return undefined;
  return resolve(dirname(context.suitePath), path);
}

const rowCache = new Map<string, { text: string; rows?: Record<string, unknown>[] }>();

/** The rows of an `each:` file, or undefined when it is missing or invalid. */
export function eachFileRows(
  path: string,
  context: ValidationContext,
): Record<string, unknown>[] | undefined {
  const absolute = resolveSuitePath(path, context);
  if (!absolute) return undefined;
  const text = (context.fileSystem ?? nodeFileSystem).readText(absolute);
  if (text === undefined) return undefined;
  const cached = rowCache.get(absolute);
  if (cached && cached.text === text) return cached.rows;
  const parsed = parseDataFile(text, absolute);
  const rows = parsed.error ? undefined : parsed.rows;
  rowCache.set(absolute, { text, rows });
  return rows;
}

let ajv: Ajv2020 | undefined;

/** Compiles a JSON Schema (2020-12, formats on); returns the error message when it is invalid. */
export function schemaError(schema: unknown): string | undefined {
  if (typeof schema === 'boolean') return undefined;
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema))
    return 'a JSON Schema must be an object or a boolean';
  ajv ??= createAjv();
  try {
    // Ajv caches by `$id`; compiling the same `$id` twice throws, so drop it for validation.
    const { $id: _id, ...rest } = schema as Record<string, unknown>;
    ajv.compile(rest);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function createAjv(): Ajv2020 {
  const instance = new Ajv2020({ strict: false, allErrors: false, validateSchema: true });
  (addFormats as unknown as (ajv: Ajv2020) => void)(instance);
  return instance;
}

/** Parses a schema file's text (`.json` or `.yaml`). Throws with the parser's message. */
export function parseSchemaFile(text: string, path: string): unknown {
  return /\.json$/i.test(path) ? JSON.parse(text) : parseYaml(text);
}
