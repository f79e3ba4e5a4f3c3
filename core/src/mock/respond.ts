/** A route's `respond`: status, headers, one body (`json`, `body` or `file`), `delay`, `fault`. */
import { changeTo } from '../diagnostics.js';
import { validateHeaderName, validateHeaderValue } from 'node:http';
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { parseDuration } from '../duration.js';
import type { Span } from '../span.js';
import { closest } from '../suggest.js';
import type { MockResponse } from './model.js';
import { keyOf, knownPairs, spanOf, toJS, type Report, type YamlPair } from './walk.js';

const FAULTS = ['reset', 'close', 'hang'] as const;

/** A route's `respond`: one response or a list answered in turn. */
export function readResponses(node: Node | null, keySpan: Span, report: Report): MockResponse[] {
  if (isSeq(node)) {
    if (node.items.length === 0)
      report('invalid-mock', spanOf(node), '`respond` lists no responses; give at least one');
    return (node.items as Node[]).flatMap((item) => readResponse(item, report) ?? []);
  }
  const single = readResponse(node, report, keySpan);
  return single ? [single] : [];
}

function readResponse(node: Node | null, report: Report, keySpan?: Span): MockResponse | undefined {
  if (!isMap(node)) {
    report(
      'invalid-mock',
      spanOf(node, keySpan),
      'a response is a mapping such as `{ status: 200, json: {...} }`',
    );
    return undefined;
  }
  const response: MockResponse = { status: 200, headers: {}, hasJson: false, span: spanOf(node) };
  let valid = true;
  const bodies: YamlPair[] = [];
  for (const pair of knownPairs(node, 'respond', 'a response', report)) {
    const key = keyOf(pair);
    const value = pair.value;
    const span = spanOf(value ?? pair.key);
    const js = toJS(value);
    switch (key) {
      case 'status':
        if (Number.isInteger(js) && (js as number) >= 100 && (js as number) <= 599)
          response.status = js as number;
        else {
          report('invalid-status', span, '`status` must be a whole number from 100 to 599');
          valid = false;
        }
        break;
      case 'headers':
        if (!isMap(value)) {
          report('invalid-mock', span, '`headers` must be a mapping: name → value');
          valid = false;
          break;
        }
        for (const header of value.items as YamlPair[]) {
          const item = toJS(header.value);
          if (item === null || typeof item === 'object') {
            report(
              'invalid-mock',
              spanOf(header.value ?? header.key),
              'a response header value must be a string, number or boolean',
            );
            valid = false;
          } else {
            const name = String(toJS(header.key));
            const problem = headerProblem(name, String(item));
            if (problem) {
              report('invalid-mock', spanOf(problem.inName ? header.key : header.value), problem.message);
              valid = false;
            } else response.headers[name.toLowerCase()] = String(item);
          }
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
          report('invalid-mock', span, '`body` must be text; use `json` for structured data');
          valid = false;
        }
        bodies.push(pair);
        break;
      case 'file':
        if (typeof js === 'string' && js !== '') {
          response.file = js;
          response.fileSpan = span;
        } else {
          report('invalid-mock', span, '`file` must be a path relative to the mock file');
          valid = false;
        }
        bodies.push(pair);
        break;
      case 'delay': {
        const ms = parseDuration(js);
        if (ms === undefined) {
          report(
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
          report(
            'invalid-mock',
            span,
            `\`fault\` must be one of ${FAULTS.join(', ')}${suggestion ? ` — did you mean \`${suggestion}\`?` : ''}`,
            suggestion ? { fixes: [changeTo(span, suggestion)] } : {},
          );
          valid = false;
        }
        break;
    }
  }
  for (const extra of bodies.slice(1)) {
    report(
      'conflicting-bodies',
      spanOf(extra.key),
      `a response has one body: \`${keyOf(bodies[0])}\` is already given; remove \`${keyOf(extra)}\``,
    );
    valid = false;
  }
  return valid ? response : undefined;
}

/** A header Node refuses to send; a templated value is checked when it is rendered. */
function headerProblem(name: string, value: string): { inName: boolean; message: string } | undefined {
  try {
    validateHeaderName(name);
  } catch (error) {
    return { inName: true, message: `header name \`${name}\` cannot be sent: ${(error as Error).message}` };
  }
  if (value.includes('${')) return undefined;
  try {
    validateHeaderValue(name, value);
  } catch (error) {
    return { inName: false, message: `header \`${name}\` cannot be sent: ${(error as Error).message}` };
  }
  return undefined;
}
