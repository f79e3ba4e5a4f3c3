/**
 * What the editor and `bluebook validate` read of an OpenAPI document (SPEC §11): each operation's
 * method, path template, summary, query parameters, request body schema and declared responses,
 * taken once from the dereferenced document.
 */
import { loadOpenApi, type OpenApiDocument } from '../mock/openapiLoad.js';
import { isObject } from './bodyKeys.js';
import { OperationIndex } from './paths.js';

export interface QueryParameter {
  name: string;
  required: boolean;
  description?: string;
  type?: string;
}

export interface Operation {
  /** Upper case: `GET`. */
  method: string;
  /** `/users/{id}`, as the document writes it. */
  template: string;
  summary?: string;
  description?: string;
  operationId?: string;
  query: QueryParameter[];
  /** The JSON request body's schema (dereferenced; may be cyclic). */
  bodySchema?: unknown;
  /** Declared statuses (`200`, `4XX`, `default`) and their descriptions. */
  responses: { status: string; description?: string }[];
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

type Json = Record<string, unknown>;

/** What is indexed of a document: plain data (a worker thread can post it). */
export interface OperationsOf {
  operations: Operation[];
  servers: string[];
}

/** Loads, validates and dereferences the document; rejects with the loader's message. */
export async function loadOperations(file: string): Promise<OperationsOf> {
  const { doc } = await loadOpenApi(file);
  return { operations: operationsOf(doc), servers: serverUrls(doc) };
}

/** `loadOperations`, indexed. */
export async function loadOperationIndex(file: string): Promise<OperationIndex> {
  const { operations, servers } = await loadOperations(file);
  return new OperationIndex(operations, servers);
}

export function operationsOf(doc: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [template, item] of Object.entries(doc.paths ?? {})) {
    if (!isObject(item)) continue;
    const shared = arrayOf(item.parameters);
    for (const method of METHODS) {
      const operation = item[method];
      if (!isObject(operation)) continue;
      operations.push({
        method: method.toUpperCase(),
        template,
        ...text('summary', operation.summary),
        ...text('description', operation.description),
        ...text('operationId', operation.operationId),
        query: queryParameters(shared, arrayOf(operation.parameters)),
        bodySchema: jsonSchemaOf(operation.requestBody),
        responses: Object.entries(isObject(operation.responses) ? operation.responses : {}).map(
          ([status, response]) => ({
            status,
            ...text('description', isObject(response) ? response.description : undefined),
          }),
        ),
      });
    }
  }
  return operations;
}

function serverUrls(doc: OpenApiDocument): string[] {
  const servers = arrayOf((doc as unknown as Json).servers);
  return servers.flatMap((server) => (typeof server.url === 'string' ? [server.url] : []));
}

/** Operation parameters override the path item's of the same name; required ones first. */
function queryParameters(shared: Json[], own: Json[]): QueryParameter[] {
  const byName = new Map<string, QueryParameter>();
  for (const parameter of [...shared, ...own]) {
    if (parameter.in !== 'query' || typeof parameter.name !== 'string') continue;
    const schema = isObject(parameter.schema) ? parameter.schema : {};
    byName.set(parameter.name, {
      name: parameter.name,
      required: parameter.required === true,
      ...text('description', parameter.description),
      ...text('type', schema.type),
    });
  }
  return [...byName.values()].sort((a, b) => Number(b.required) - Number(a.required));
}

function jsonSchemaOf(requestBody: unknown): unknown {
  if (!isObject(requestBody) || !isObject(requestBody.content)) return undefined;
  const entry = Object.entries(requestBody.content).find(([type]) => /\bjson\b/i.test(type));
  return entry && isObject(entry[1]) ? entry[1].schema : undefined;
}

function text<K extends string>(key: K, value: unknown): Partial<Record<K, string>> {
  return typeof value === 'string' && value !== '' ? ({ [key]: value } as Record<K, string>) : {};
}

function arrayOf(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}
