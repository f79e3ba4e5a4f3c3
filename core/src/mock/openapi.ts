/**
 * `openapi:` — a route for every operation of an OpenAPI 3.0/3.1 document (SPEC §9). Requests are
 * checked against the operation (400 listing each problem), answers come from the document's
 * examples or from its schemas (openapiResponse.ts). Everything is compiled once, at load.
 */
import type * as PathToRegexp from 'path-to-regexp' with { 'resolution-mode': 'import' };
import { matchTokens } from './pattern.js';
import { editDistance } from '../suggest.js';
import { loadOpenApi } from './openapiLoad.js';
import { requestCheck, type Parameter, type RequestBody, type RequestCheck } from './openapiRequest.js';
import { SchemaCompiler } from './openapiSchema.js';
import { anyOf } from './wording.js';
import { responder, type Responder, type ResponseObject } from './openapiResponse.js';
import type { DynamicRoutes, MockReply, MockRequest, NearMiss } from './types.js';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

interface Operation {
  method: string;
  template: string;
  /** `GET /pets/{petId} (showPet)` */
  label: string;
  params: number;
  match: PathToRegexp.MatchFunction<PathToRegexp.ParamData>;
  check: RequestCheck;
  respond: Responder;
}

/** Loads and dereferences the document; rejects with an Error saying what is wrong with it. */
export async function openApiRoutes(file: string): Promise<DynamicRoutes> {
  const { doc, version } = await loadOpenApi(file);
  const compiler = new SchemaCompiler(version);
  const operations: Operation[] = [];
  for (const [template, item] of Object.entries(doc.paths ?? {})) {
    if (!item) continue;
    const shared = (item.parameters as Parameter[] | undefined) ?? [];
    const match = templateMatcher(template);
    for (const method of METHODS) {
      const operation = item[method] as Record<string, unknown> | undefined;
      if (!operation) continue;
      const name = method.toUpperCase();
      const id = typeof operation.operationId === 'string' ? ` (${operation.operationId})` : '';
      const label = `${name} ${template}${id}`;
      let check: RequestCheck;
      try {
        check = requestCheck(
          parameters(shared, (operation.parameters as Parameter[] | undefined) ?? []),
          operation.requestBody as RequestBody | undefined,
          compiler,
        );
      } catch (error) {
        throw new Error(`${file}: ${label}: a schema cannot be used: ${(error as Error).message}`, {
          cause: error,
        });
      }
      operations.push({
        method: name,
        template,
        label,
        params: (template.match(/\{[^}]*\}/g) ?? []).length,
        match,
        check,
        respond: responder(
          (operation.responses as Record<string, ResponseObject | undefined> | undefined) ?? {},
          version,
          `${name} ${template}`,
        ),
      });
    }
  }
  // A literal path wins over a templated one (`/pets/mine` before `/pets/{id}`), as OpenAPI says.
  operations.sort((a, b) => a.params - b.params);
  return { handle: (request, misses) => handle(operations, request, misses) };
}

async function handle(
  operations: Operation[],
  request: MockRequest,
  misses: NearMiss[],
): Promise<MockReply | undefined> {
  const method = request.method.toUpperCase();
  const otherMethods = new Map<string, string[]>();
  for (const operation of operations) {
    const found = operation.match(request.path);
    if (!found) continue;
    if (operation.method !== method) {
      otherMethods.set(operation.template, [
        ...(otherMethods.get(operation.template) ?? []),
        operation.method,
      ]);
      continue;
    }
    const route = `openapi ${operation.label}`;
    const problems = operation.check(request, found.params as Record<string, string>);
    if (problems.length > 0)
      return {
        status: 400,
        json: { error: `the request does not match the OpenAPI operation ${operation.label}`, problems },
        route,
      };
    return { ...(await operation.respond()), route };
  }
  for (const [template, methods] of otherMethods)
    misses.push({
      route: `openapi ${template}`,
      reasons: [`method: expected ${anyOf(methods)}, got ${method}`],
    });
  if (otherMethods.size === 0)
    for (const operation of operations)
      if (operation.method === method && closePath(request.path, operation.template))
        misses.push({
          route: `openapi ${operation.label}`,
          reasons: [`path: ${request.path} does not match ${operation.template}`],
        });
  return undefined;
}

/** Operation parameters override the path item's of the same name and location. */
function parameters(shared: Parameter[], own: Parameter[]): Parameter[] {
  const key = (parameter: Parameter): string => `${parameter.in}:${parameter.name}`;
  const overridden = new Set(own.map(key));
  return [...shared.filter((parameter) => !overridden.has(key(parameter))), ...own];
}

/** `/pets/{petId}` as path-to-regexp tokens: the template's text is never read as a pattern. */
function templateMatcher(template: string): PathToRegexp.MatchFunction<PathToRegexp.ParamData> {
  const tokens: PathToRegexp.Token[] = template
    .split(/(\{[^}]*\})/)
    .filter((part) => part !== '')
    .map((part) =>
      /^\{[^}]*\}$/.test(part) ? { type: 'param', name: part.slice(1, -1) } : { type: 'text', value: part },
    );
  return matchTokens(tokens);
}

/** As many segments, and the literal ones differ in at most one, by a typo's distance. */
function closePath(path: string, template: string): boolean {
  const sent = path.split('/').filter(Boolean);
  const wanted = template.split('/').filter(Boolean);
  if (sent.length !== wanted.length) return false;
  const differing = wanted.filter((segment, index) => !segment.includes('{') && segment !== sent[index]);
  if (differing.length !== 1) return false;
  const index = wanted.indexOf(differing[0]);
  return (
    editDistance(sent[index].toLowerCase(), differing[0].toLowerCase()) <=
    Math.max(2, differing[0].length / 3)
  );
}
