/**
 * OpenAPI schemas as JSON Schema 2020-12, so one validator (ajv) and one generator
 * (json-schema-faker) serve 3.0 and 3.1 alike: 3.0's `nullable` and boolean exclusive bounds are
 * rewritten, `example` becomes `examples`, and a `readOnly` property is not required in a request
 * (nor a `writeOnly` one in a response). A dereferenced recursive schema is an object cycle: the
 * repeat is cut to `{}` (anything), so checks and data stop where the recursion starts.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { OpenApiVersion } from './openapiLoad.js';

// ajv-formats is CommonJS with a default export; under Node16 resolution it arrives wrapped.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv2020,
) => void;

export type Schema = Record<string, unknown> | boolean;

/** Which side of the exchange a schema checks or generates. */
export type SchemaUse = 'request' | 'response';

const SCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'dependentSchemas'];
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const SCHEMA_VALUES = [
  'items',
  'additionalProperties',
  'not',
  'if',
  'then',
  'else',
  'contains',
  'propertyNames',
  'unevaluatedItems',
  'unevaluatedProperties',
];

/** OpenAPI's own formats: accepted as they come (ajv-formats knows the JSON Schema ones). */
const OPENAPI_FORMATS = ['int32', 'int64', 'float', 'double', 'byte', 'binary', 'password'];

export function toJsonSchema(schema: unknown, version: OpenApiVersion, use: SchemaUse): Schema {
  return convert(schema, version, use, new Set());
}

function convert(schema: unknown, version: OpenApiVersion, use: SchemaUse, open: Set<object>): Schema {
  if (typeof schema === 'boolean') return schema;
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return {};
  if (open.has(schema)) return {};
  open.add(schema);
  const source = schema as Record<string, unknown>;
  const result: Record<string, unknown> = {};
  const sub = (value: unknown): Schema => convert(value, version, use, open);
  for (const [key, value] of Object.entries(source)) {
    if (SCHEMA_MAPS.includes(key) && isRecord(value))
      result[key] = Object.fromEntries(Object.entries(value).map(([name, item]) => [name, sub(item)]));
    else if (SCHEMA_LISTS.includes(key) && Array.isArray(value)) result[key] = value.map(sub);
    else if (SCHEMA_VALUES.includes(key) && (isRecord(value) || typeof value === 'boolean'))
      result[key] = sub(value);
    else result[key] = value;
  }
  open.delete(schema);
  if (version === '3.0') fromOpenApi30(result);
  if ('example' in result) {
    if (!Array.isArray(result.examples)) result.examples = [result.example];
    delete result.example;
  }
  dropHiddenRequired(result, use === 'request' ? 'readOnly' : 'writeOnly');
  return result;
}

function fromOpenApi30(schema: Record<string, unknown>): void {
  if (schema.nullable === true) {
    if (typeof schema.type === 'string') schema.type = [schema.type, 'null'];
    if (Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...schema.enum, null];
  }
  delete schema.nullable;
  for (const [flag, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ]) {
    if (typeof schema[flag] !== 'boolean') continue;
    if (schema[flag] === true && typeof schema[bound] === 'number') {
      schema[flag] = schema[bound];
      delete schema[bound];
    } else delete schema[flag];
  }
}

function dropHiddenRequired(schema: Record<string, unknown>, hidden: 'readOnly' | 'writeOnly'): void {
  if (!Array.isArray(schema.required) || !isRecord(schema.properties)) return;
  const properties = schema.properties;
  schema.required = schema.required.filter(
    (name) => !(typeof name === 'string' && isRecord(properties[name]) && properties[name][hidden] === true),
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * One document's validators: two ajv instances for all its operations (one converting text to the
 * schema's types, for parameters), and one validator per body schema object — a dereferenced
 * `$ref` is the same object wherever it is used, so a shared schema is compiled once.
 */
export class SchemaCompiler {
  private readonly strict = newAjv(false);
  private readonly coercing = newAjv(true);
  private readonly bodies = new WeakMap<object, ValidateFunction>();
  private readonly responseBodies = new WeakMap<object, ValidateFunction>();
  private readonly parameterSets = new Map<string, ValidateFunction>();

  constructor(readonly version: OpenApiVersion) {}

  convert(schema: unknown, use: SchemaUse): Schema {
    return toJsonSchema(schema, this.version, use);
  }

  body(schema: unknown, use: SchemaUse = 'request'): ValidateFunction {
    const cache = use === 'request' ? this.bodies : this.responseBodies;
    const key = schema !== null && typeof schema === 'object' ? schema : undefined;
    const cached = key && cache.get(key);
    if (cached) return cached;
    const validate = this.strict.compile(this.convert(schema, use));
    if (key) cache.set(key, validate);
    return validate;
  }

  /** `schema` is already converted: an object of parameters (operations often share the same ones). */
  parameters(schema: object): ValidateFunction {
    const key = JSON.stringify(schema);
    let validate = this.parameterSets.get(key);
    if (!validate) {
      validate = this.coercing.compile(schema);
      this.parameterSets.set(key, validate);
    }
    return validate;
  }
}

/** ajv for converted schemas; `coerce` converts text (parameters) to the schema's types first. */
function newAjv(coerce: boolean): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    strict: false,
    validateFormats: true,
    logger: false,
    ...(coerce ? { coerceTypes: 'array' as const } : {}),
  });
  addFormats(ajv);
  for (const format of OPENAPI_FORMATS) ajv.addFormat(format, true);
  return ajv;
}
