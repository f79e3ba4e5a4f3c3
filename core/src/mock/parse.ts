/**
 * `parseMock(text, path)`: the one parser of `*.mock.yaml` files (SPEC §9). Never throws; keeps
 * whatever is valid and reports every problem with its span (the CLI prints `file:line:col`, the
 * language server shows the same diagnostics).
 */
import { basename } from 'node:path';
import { isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import type { ConfigError } from '../dotenv.js';
import type { Diagnostic, DiagnosticCode, Fix, Severity } from '../diagnostics.js';
import { parseDuration } from '../duration.js';
import { hasScriptExpression } from '../script/template.js';
import { readYaml } from '../parse/yaml.js';
import { LineIndex, type Span } from '../span.js';
import { closest } from '../suggest.js';
import { checkMatcherNode, checkMockJsonPath } from './check.js';
import { MOCK_METHODS, mockKeyNames, type MockKeyContext } from './keys.js';
import type {
  MockDocument,
  MockMatcher,
  MockModel,
  MockResourceModel,
  MockResponse,
  MockRoute,
} from './model.js';
import { compilePattern, toPattern } from './pattern.js';
import { unreachableRoutes } from './reachability.js';

type YamlPair = Pair<Node, Node | null>;

export type Report = (
  code: DiagnosticCode,
  span: Span,
  message: string,
  extra?: { severity?: Severity; fixes?: Fix[]; data?: Record<string, unknown> },
) => void;

const FAULTS = ['reset', 'close', 'hang'] as const;
const MOCK_SUFFIX = /\.mock\.ya?ml$/i;

export function spanOf(node: Node | null | undefined, fallback: Span = { start: 0, end: 0 }): Span {
  return node?.range ? { start: node.range[0], end: node.range[1] } : fallback;
}

function toJS(node: Node | null | undefined): unknown {
  try {
    return node ? node.toJSON() : null;
  } catch {
    return null;
  }
}

/** The mock's name when the file has no `name:`: its file name without `.mock.yaml`. */
export function defaultMockName(path: string): string {
  return basename(path)
    .replace(MOCK_SUFFIX, '')
    .replace(/\.ya?ml$/i, '');
}

/** Parses mock file text; never throws. */
export function parseMock(text: string, path: string): MockDocument {
  const lineIndex = new LineIndex(text);
  const diagnostics: Diagnostic[] = [];
  const report: Report = (code, span, message, extra = {}) => {
    const end = Math.max(span.end, Math.min(span.start + 1, text.length));
    diagnostics.push({
      code,
      severity: extra.severity ?? 'error',
      message,
      span: { start: span.start, end },
      ...(extra.fixes ? { fixes: extra.fixes } : {}),
      ...(extra.data ? { data: extra.data } : {}),
    });
  };
  const model: MockModel = {
    name: defaultMockName(path),
    routes: [],
    resources: [],
    usesScripts: hasScriptExpression(text),
  };
  const doc: MockDocument = { path, text, lineIndex, model, diagnostics };
  const { root, problems } = readYaml(text);
  for (const problem of problems)
    report(problem.kind === 'limit' ? 'yaml-limit' : 'yaml-syntax', problem.span, problem.message, {
      ...(problem.fixes ? { fixes: problem.fixes } : {}),
    });
  if (root === null) return doc;
  if (!isMap(root)) {
    if (problems.length === 0)
      report(
        'invalid-mock',
        spanOf(root),
        `a mock file is a mapping with keys ${mockKeyNames('mock').join(', ')}`,
      );
    return doc;
  }
  const walker = new MockWalker(text, lineIndex, report);
  for (const pair of walker.pairs(root, 'mock', 'the mock file')) {
    const key = String((pair.key as { value: unknown }).value);
    const value = pair.value;
    const where = value ?? pair.key;
    switch (key) {
      case 'name':
        if (isScalar(value) && typeof value.value === 'string' && value.value.trim() !== '')
          model.name = value.value;
        else report('invalid-mock', spanOf(where), '`name` must be a non-empty string');
        break;
      case 'port':
        if (
          isScalar(value) &&
          Number.isInteger(value.value) &&
          (value.value as number) >= 0 &&
          (value.value as number) <= 65535
        )
          model.port = value.value as number;
        else
          report(
            'invalid-mock',
            spanOf(where),
            '`port` must be a whole number from 0 to 65535 (0: a free port)',
          );
        break;
      case 'routes':
        if (isSeq(value)) model.routes = walker.routes(value.items as Node[]);
        else if (value !== null)
          report('invalid-mock', spanOf(value), '`routes` must be a list: `- GET: /path` entries');
        break;
      case 'resources':
        if (isMap(value)) model.resources = walker.resources(value.items as YamlPair[]);
        else if (value !== null)
          report(
            'invalid-mock',
            spanOf(value),
            '`resources` must map names to `{ path, seed }`, e.g. `users: { path: /users }`',
          );
        break;
      case 'openapi':
        if (isScalar(value) && typeof value.value === 'string' && value.value !== '') {
          model.openapi = value.value;
          model.openapiSpan = spanOf(value);
        } else
          report(
            'invalid-mock',
            spanOf(where),
            '`openapi` must be the path of an OpenAPI document, relative to this file',
          );
        break;
    }
  }
  for (const { route, earlier } of unreachableRoutes(model.routes))
    report(
      'unreachable-route',
      route.methodSpan,
      `route \`${route.label}\` can never match: \`${earlier.label}\` (line ${earlier.line}) has no matchers and takes every such request first; move this route above it or give the earlier one matchers`,
      { severity: 'warning' },
    );
  return doc;
}

/** The errors of a parsed mock (warnings left out), located for `file:line:col: message`. */
export function mockErrors(doc: MockDocument): ConfigError[] {
  return doc.diagnostics
    .filter((diagnostic) => diagnostic.severity === 'error')
    .map((diagnostic) => {
      const position = doc.lineIndex.positionAt(diagnostic.span.start);
      return {
        file: doc.path,
        line: position.line + 1,
        column: position.character + 1,
        message: diagnostic.message,
        span: diagnostic.span,
      };
    });
}

class MockWalker {
  constructor(
    readonly text: string,
    readonly lineIndex: LineIndex,
    readonly report: Report,
  ) {}

  /** The pairs of a mapping whose keys are known in `context`; reports unknown and repeated keys. */
  pairs(map: Node, context: MockKeyContext, where: string, extraKeys: readonly string[] = []): YamlPair[] {
    if (!isMap(map)) return [];
    const known = [...mockKeyNames(context), ...extraKeys];
    const seen = new Set<string>();
    const result: YamlPair[] = [];
    for (const pair of map.items as YamlPair[]) {
      if (!isScalar(pair.key)) continue;
      const key = String(pair.key.value);
      const keySpan = spanOf(pair.key);
      if (!known.includes(key)) {
        const suggestion = closest(key, known);
        this.report(
          'unknown-key',
          keySpan,
          suggestion
            ? `unknown key \`${key}\` in ${where} — did you mean \`${suggestion}\`?`
            : `unknown key \`${key}\` in ${where}; expected one of: ${known.join(', ')}`,
          suggestion
            ? {
                fixes: [{ title: `Change to \`${suggestion}\``, span: keySpan, newText: suggestion }],
                data: { suggestion },
              }
            : {},
        );
        continue;
      }
      if (seen.has(key)) {
        this.report(
          'invalid-mock',
          keySpan,
          `duplicate key \`${key}\` in ${where}; each key may appear once`,
        );
        continue;
      }
      seen.add(key);
      result.push(pair);
    }
    return result;
  }

  routes(items: Node[]): MockRoute[] {
    const routes: MockRoute[] = [];
    for (const item of items) {
      if (!isMap(item)) {
        this.report(
          'invalid-mock',
          spanOf(item),
          'a route is a mapping such as `- GET: /users/:id` with a `respond`',
        );
        continue;
      }
      const route = this.route(item);
      if (route) routes.push(route);
    }
    return routes;
  }

  private route(map: Node): MockRoute | undefined {
    const span = spanOf(map);
    const pairs = this.pairs(map, 'route', 'a route');
    const methods = pairs.filter((pair) =>
      MOCK_METHODS.includes(String((pair.key as { value: unknown }).value)),
    );
    if (methods.length === 0) {
      this.report(
        'missing-method',
        { start: span.start, end: span.start + 1 },
        'a route needs a method and a path pattern, e.g. `- GET: /users/:id` (or `ANY: /path`)',
      );
      return undefined;
    }
    for (const extra of methods.slice(1))
      this.report(
        'duplicate-method',
        spanOf(extra.key),
        'a route has exactly one method key; write a second route for another method',
      );
    const methodPair = methods[0];
    const method = String((methodPair.key as { value: unknown }).value);
    const methodSpan = spanOf(methodPair.key);
    const pathNode = methodPair.value;
    const path = isScalar(pathNode) && typeof pathNode.value === 'string' ? pathNode.value : undefined;
    if (path === undefined || !path.startsWith('/')) {
      this.report(
        'invalid-mock',
        spanOf(pathNode ?? methodPair.key),
        `\`${method}\` needs a path pattern starting with \`/\`, e.g. \`/users/:id\``,
      );
      return undefined;
    }
    const pattern = toPattern(path);
    const compiled = compilePattern(pattern);
    if ('problem' in compiled) this.report('invalid-mock', spanOf(pathNode), compiled.problem);
    const route: MockRoute = {
      method,
      path,
      pattern,
      label: `${method} ${path}`,
      line: this.lineIndex.positionAt(methodSpan.start).line + 1,
      query: [],
      headers: [],
      json: [],
      hasBody: false,
      responses: [],
      span,
      methodSpan,
      pathSpan: spanOf(pathNode),
    };
    let respond: YamlPair | undefined;
    for (const pair of pairs) {
      const key = String((pair.key as { value: unknown }).value);
      if (key === 'query' || key === 'headers' || key === 'json') route[key] = this.matchers(pair, key);
      else if (key === 'body') {
        route.body = toJS(pair.value);
        route.hasBody = true;
      } else if (key === 'respond') respond = pair;
    }
    if (!respond)
      this.report(
        'invalid-mock',
        methodSpan,
        `route \`${route.label}\` needs a \`respond\`, e.g. \`respond: { status: 200, json: {...} }\``,
      );
    else route.responses = this.responses(respond.value, spanOf(respond.key));
    return 'problem' in compiled ? undefined : route;
  }

  private matchers(pair: YamlPair, key: 'query' | 'headers' | 'json'): MockMatcher[] {
    const value = pair.value;
    if (!isMap(value)) {
      this.report(
        'invalid-mock',
        spanOf(value ?? pair.key),
        `\`${key}\` must be a mapping: ${key === 'json' ? 'JSONPath' : 'name'} → value or matcher`,
      );
      return [];
    }
    const result: MockMatcher[] = [];
    for (const entry of value.items as YamlPair[]) {
      if (!isScalar(entry.key)) continue;
      const name = String(entry.key.value);
      const keySpan = spanOf(entry.key);
      const valueSpan = spanOf(entry.value, keySpan);
      if (key === 'json') checkMockJsonPath(name, entry.key, this.text, keySpan, this.report);
      const expected = toJS(entry.value);
      if (isMap(entry.value)) checkMatcherNode(entry.value, this.text, this.report);
      else if (Array.isArray(expected) && key !== 'json')
        this.report(
          'invalid-mock',
          valueSpan,
          `\`${key}.${name}\`: give one value or a matcher such as \`{ oneOf: [a, b] }\``,
        );
      result.push({ key: key === 'headers' ? name.toLowerCase() : name, expected, keySpan, valueSpan });
    }
    return result;
  }

  private responses(node: Node | null, keySpan: Span): MockResponse[] {
    if (isSeq(node)) {
      if (node.items.length === 0)
        this.report('invalid-mock', spanOf(node), '`respond` lists no responses; give at least one');
      return (node.items as Node[]).flatMap((item) => this.response(item) ?? []);
    }
    const single = this.response(node, keySpan);
    return single ? [single] : [];
  }

  private response(node: Node | null, keySpan?: Span): MockResponse | undefined {
    if (!isMap(node)) {
      this.report(
        'invalid-mock',
        spanOf(node, keySpan),
        'a response is a mapping such as `{ status: 200, json: {...} }`',
      );
      return undefined;
    }
    const response: MockResponse = { status: 200, headers: {}, hasJson: false, span: spanOf(node) };
    let valid = true;
    const bodies: YamlPair[] = [];
    for (const pair of this.pairs(node, 'respond', 'a response')) {
      const key = String((pair.key as { value: unknown }).value);
      const value = pair.value;
      const span = spanOf(value ?? pair.key);
      const js = toJS(value);
      switch (key) {
        case 'status':
          if (Number.isInteger(js) && (js as number) >= 100 && (js as number) <= 599)
            response.status = js as number;
          else {
            this.report('invalid-status', span, '`status` must be a whole number from 100 to 599');
            valid = false;
          }
          break;
        case 'headers':
          if (!isMap(value)) {
            this.report('invalid-mock', span, '`headers` must be a mapping: name → value');
            valid = false;
            break;
          }
          for (const header of value.items as YamlPair[]) {
            const item = toJS(header.value);
            if (item === null || typeof item === 'object') {
              this.report(
                'invalid-mock',
                spanOf(header.value ?? header.key),
                'a response header value must be a string, number or boolean',
              );
              valid = false;
            } else response.headers[String(toJS(header.key)).toLowerCase()] = String(item);
          }
          break;
        case 'json':
          response.json = js;
          response.hasJson = true;
          bodies.push(pair);
          break;
        case 'body':
          if (isScalar(value) && value.value !== null && typeof value.value !== 'object')
            response.body = String(value.value);
          else {
            this.report('invalid-mock', span, '`body` must be text; use `json` for structured data');
            valid = false;
          }
          bodies.push(pair);
          break;
        case 'file':
          if (typeof js === 'string' && js !== '') {
            response.file = js;
            response.fileSpan = span;
          } else {
            this.report('invalid-mock', span, '`file` must be a path relative to the mock file');
            valid = false;
          }
          bodies.push(pair);
          break;
        case 'delay': {
          const ms = parseDuration(js);
          if (ms === undefined) {
            this.report(
              'invalid-duration',
              span,
              'invalid `delay`; write milliseconds (`150`) or a duration (`150ms`, `2s`)',
            );
            valid = false;
          } else response.delayMs = ms;
          break;
        }
        case 'fault':
          if ((FAULTS as readonly unknown[]).includes(js)) response.fault = js as MockResponse['fault'];
          else {
            const suggestion = typeof js === 'string' ? closest(js, FAULTS) : undefined;
            this.report(
              'invalid-mock',
              span,
              `\`fault\` must be one of ${FAULTS.join(', ')}${suggestion ? ` — did you mean \`${suggestion}\`?` : ''}`,
              suggestion
                ? { fixes: [{ title: `Change to \`${suggestion}\``, span, newText: suggestion }] }
                : {},
            );
            valid = false;
          }
          break;
      }
    }
    for (const extra of bodies.slice(1)) {
      this.report(
        'conflicting-bodies',
        spanOf(extra.key),
        `a response has one body: \`${String((bodies[0].key as { value: unknown }).value)}\` is already given; remove \`${String((extra.key as { value: unknown }).value)}\``,
      );
      valid = false;
    }
    return valid ? response : undefined;
  }

  resources(items: YamlPair[]): MockResourceModel[] {
    const resources: MockResourceModel[] = [];
    for (const pair of items) {
      if (!isScalar(pair.key)) continue;
      const name = String(pair.key.value);
      const nameSpan = spanOf(pair.key);
      if (!isMap(pair.value)) {
        this.report(
          'invalid-mock',
          spanOf(pair.value ?? pair.key),
          `resource \`${name}\` must be a mapping such as \`{ path: /${name}, seed: ./${name}.json }\``,
        );
        continue;
      }
      const resource: MockResourceModel = {
        name,
        path: '',
        idField: 'id',
        span: spanOf(pair.value, nameSpan),
      };
      for (const entry of this.pairs(pair.value, 'resource', `resource \`${name}\``)) {
        const key = String((entry.key as { value: unknown }).value);
        const value = toJS(entry.value);
        const span = spanOf(entry.value ?? entry.key);
        if (typeof value !== 'string' || value === '') {
          this.report('invalid-mock', span, `\`${key}\` of resource \`${name}\` must be a non-empty string`);
          continue;
        }
        if (key === 'path') {
          if (!value.startsWith('/'))
            this.report(
              'invalid-mock',
              span,
              `\`path\` of resource \`${name}\` must start with \`/\`, e.g. \`/${name}\``,
            );
          else resource.path = value;
        } else if (key === 'seed') resource.seed = value;
        else if (key === 'id') resource.idField = value;
      }
      if (resource.path === '') {
        if (!this.hasKey(pair.value, 'path'))
          this.report(
            'invalid-mock',
            nameSpan,
            `resource \`${name}\` needs a \`path\`, e.g. \`path: /${name}\``,
          );
        continue;
      }
      resources.push(resource);
    }
    return resources;
  }

  private hasKey(map: Node, key: string): boolean {
    return isMap(map) && map.items.some((pair) => isScalar(pair.key) && pair.key.value === key);
  }
}
