/**
 * `parseMock(text, path)`: the one parser of `*.mock.yaml` files (SPEC §9). Never throws; keeps
 * whatever is valid and reports every problem with its span (the CLI prints `file:line:col`, the
 * language server shows the same diagnostics).
 */
import { basename } from 'node:path';
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { ConfigError } from '../dotenv.js';
import type { Diagnostic } from '../diagnostics.js';
import { hasScriptExpression } from '../script/template.js';
import { readYaml } from '../parse/yaml.js';
import { LineIndex } from '../span.js';
import { checkMatcherNode, checkMockJsonPath } from './check.js';
import { MOCK_METHODS, mockKeyNames } from './keys.js';
import type { MockDocument, MockMatcher, MockModel, MockRoute } from './model.js';
import { readResources } from './parseResources.js';
import { compilePattern, patternParams, toPattern } from './pattern.js';
import { unreachableRoutes } from './reachability.js';
import { readResponses } from './respond.js';
import { checkTemplates } from './templates.js';
import { keyOf, knownPairs, spanOf, toJS, type Report, type YamlPair } from './walk.js';

export type { Report } from './walk.js';

const MOCK_SUFFIX = /\.mock\.ya?ml$/i;

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
  for (const pair of knownPairs(root, 'mock', 'the mock file', report)) {
    const key = keyOf(pair);
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
        if (isMap(value)) model.resources = readResources(value.items as YamlPair[], report);
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
    const pairs = knownPairs(map, 'route', 'a route', this.report);
    const methods = pairs.filter((pair) => MOCK_METHODS.includes(keyOf(pair)));
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
    const method = keyOf(methodPair);
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
      const key = keyOf(pair);
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
    else {
      route.responses = readResponses(respond.value, spanOf(respond.key), this.report);
      if (!('problem' in compiled)) this.checkResponseTemplates(respond.value, path, patternParams(pattern));
    }
    return 'problem' in compiled ? undefined : route;
  }

  /** The `${…}` of each response's `json`, `body` and `headers`. */
  private checkResponseTemplates(node: Node | null, path: string, params: string[]): void {
    for (const response of isSeq(node) ? (node.items as Node[]) : [node]) {
      if (!isMap(response)) continue;
      for (const pair of response.items as YamlPair[])
        if (isScalar(pair.key) && ['json', 'body', 'headers'].includes(String(pair.key.value)))
          checkTemplates(pair.value, this.text, path, params, this.report);
    }
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
}
