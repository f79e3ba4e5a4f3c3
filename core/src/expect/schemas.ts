/**
 * JSON Schema validation (2020-12, formats on) for `expect.schema` and the `schema` matcher.
 *
 * A schema file is compiled once and cached by path and modification time (an edited schema is
 * picked up by the next run in the editor). Relative `$ref`s to other local files are loaded
 * up front, so validation itself stays synchronous.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, extname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parse as parseYaml } from 'yaml';
import { short } from './values.js';

// ajv-formats is CommonJS with a default export; under Node16 resolution it arrives wrapped.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv2020,
) => void;

/** A schema that cannot be used (missing file, invalid YAML/JSON, invalid schema): the step errors. */
export class SchemaFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SchemaFileError';
  }
}

/** Returns `undefined` when the value is valid, otherwise a one-line summary of the violations. */
export type SchemaCheck = (value: unknown) => string | undefined;

const fileCache = new Map<string, { mtimeMs: number; check: SchemaCheck }>();
const inlineCache = new Map<string, SchemaCheck>();

function newAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: true });
  addFormats(ajv);
  return ajv;
}

export function readSchemaFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new SchemaFileError(`cannot read schema file ${path}`);
  }
  try {
    return /\.ya?ml$/i.test(extname(path)) ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw new SchemaFileError(
      `schema file ${path} is not valid ${/\.ya?ml$/i.test(path) ? 'YAML' : 'JSON'}: ${(error as Error).message.split('\n')[0]}`,
    );
  }
}

/** Loads every local file the schema refers to (transitively) into `ajv`, keyed by file URL. */
function addReferencedFiles(ajv: Ajv2020, schema: unknown, baseUrl: string, seen: Set<string>): void {
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && !value.startsWith('#')) {
        const target = new URL(value, baseUrl);
        target.hash = '';
        if (target.protocol === 'file:' && !seen.has(target.href)) {
          seen.add(target.href);
          const path = fileURLToPath(target);
          const referenced = readSchemaFile(path);
          const withId = withDefaultId(referenced, target.href);
          addReferencedFiles(ajv, withId, target.href, seen);
          ajv.addSchema(withId as object, target.href);
        }
      } else visit(value);
    }
  };
  visit(schema);
}

function withDefaultId(schema: unknown, id: string): unknown {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return schema;
  return '$id' in schema ? schema : { $id: id, ...schema };
}

function compileCheck(schema: unknown, baseUrl: string, origin: string): SchemaCheck {
  const ajv = newAjv();
  let validate: ValidateFunction;
  try {
    const rooted = withDefaultId(schema, baseUrl);
    addReferencedFiles(ajv, rooted, baseUrl, new Set([baseUrl]));
    validate = ajv.compile(rooted as object);
  } catch (error) {
    if (error instanceof SchemaFileError) throw error;
    throw new SchemaFileError(`invalid JSON Schema in ${origin}: ${(error as Error).message}`);
  }
  return (value) => {
    if (validate(value)) return undefined;
    const errors = (validate.errors ?? []).slice(0, 5).map((error) => {
      const where = error.instancePath === '' ? '(root)' : error.instancePath;
      const extra = error.keyword === 'enum' ? ` ${short(error.params.allowedValues)}` : '';
      return `${where} ${error.message ?? error.keyword}${extra}`;
    });
    const more = (validate.errors?.length ?? 0) - errors.length;
    return errors.join('; ') + (more > 0 ? `; and ${more} more` : '');
  };
}

/** The check for a schema given inline (an object) or as a file path relative to `baseDir`. */
export function schemaValidator(spec: unknown, baseDir: string): SchemaCheck {
  if (typeof spec === 'string') {
    const path = isAbsolute(spec) ? spec : resolve(baseDir, spec);
    let mtimeMs: number;
    try {
      mtimeMs = statSync(path).mtimeMs;
    } catch {
      throw new SchemaFileError(`schema file not found: ${path}`);
    }
    const cached = fileCache.get(path);
    if (cached && cached.mtimeMs === mtimeMs) return cached.check;
    const check = compileCheck(readSchemaFile(path), pathToFileURL(path).href, path);
    fileCache.set(path, { mtimeMs, check });
    return check;
  }
  const key = `${baseDir}\u0000${JSON.stringify(spec)}`;
  let check = inlineCache.get(key);
  if (!check) {
    check = compileCheck(
      spec,
      pathToFileURL(resolve(baseDir, 'inline.schema.json')).href,
      'the inline schema',
    );
    if (inlineCache.size > 500) inlineCache.clear();
    inlineCache.set(key, check);
  }
  return check;
}

/** The folder of a suite file path (schemas, data and multipart files are relative to it). */
export function suiteFolder(suitePath: string): string {
  return dirname(suitePath);
}
