import type { ResponseView } from '../../http/response.js';
import { compileJsonPath, validateJsonPath } from '../../jsonpath.js';
import type { SnapshotRecord } from '../../results.js';
import type { ExpectationDef } from '../kind.js';
import type { SnapshotTarget } from '../matcher.js';
import { deepEqual, short } from '../values.js';

/** What an ignored value is stored and compared as. */
export const IGNORED = '<ignored>';

export const snapshot: ExpectationDef = {
  kind: 'snapshot',
  doc: 'Status and body must equal the stored snapshot (`__snapshots__/<suite>.snap.yaml`); a missing one is recorded. `{ ignore: [$.id] }` leaves those JSONPaths out.',
  schema: {
    oneOf: [
      { const: true },
      {
        type: 'object',
        properties: { ignore: { type: 'array', items: { type: 'string' } } },
        additionalProperties: false,
      },
    ],
  },
  keyed: false,
  evaluate(expected, _expectation, response, context) {
    const target = context.snapshot;
    if (!target) return { passed: false, actual: undefined, message: 'snapshots are not available here' };
    const ignore = ignorePaths(expected);
    if (typeof ignore === 'string') return { passed: false, actual: undefined, message: ignore };
    const value = target.redact({ status: response.status, body: masked(bodyOf(response), ignore) });
    const stored = target.store.read(target.file)[target.test]?.[target.step];
    const record = (note?: SnapshotRecord['note']): SnapshotRecord =>
      note
        ? { file: target.file, test: target.test, step: target.step, value, note }
        : { file: target.file, test: target.test, step: target.step, value };
    if (target.mode === 'update' || (stored === undefined && target.mode === 'record')) {
      target.store.write(target.file, target.test, target.step, value);
      const note = stored === undefined ? 'recorded' : 'updated';
      return {
        passed: true,
        actual: value,
        expected: value,
        message: `snapshot ${note}`,
        snapshot: record(note),
      };
    }
    if (stored === undefined)
      return {
        passed: false,
        actual: value,
        expected: null,
        message: `no snapshot recorded for ${where(target)} — run without --ci (or CI=true) or with -u to record it`,
        snapshot: record(),
      };
    const difference = firstDifference(stored, value, '$');
    if (!difference)
      return {
        passed: true,
        actual: value,
        expected: stored,
        message: 'matches the snapshot',
        snapshot: record(),
      };
    return {
      passed: false,
      actual: value,
      expected: stored,
      message: `response differs from the snapshot at \`${difference.path}\`: expected ${short(difference.expected)}, got ${short(difference.actual)} (run with -u to accept it)`,
      snapshot: record(),
    };
  },
};

function where(target: SnapshotTarget): string {
  return `\`${target.test}\` › \`${target.step}\` in ${target.file}`;
}

/** The ignore paths of `true` or `{ ignore: [...] }`, or a message saying what is wrong. */
function ignorePaths(expected: unknown): string[] | string {
  if (expected === true) return [];
  if (expected !== null && typeof expected === 'object' && !Array.isArray(expected)) {
    const ignore = (expected as { ignore?: unknown }).ignore;
    if (ignore === undefined) return [];
    if (Array.isArray(ignore) && ignore.every((path) => typeof path === 'string')) {
      for (const path of ignore as string[]) {
        const problem = validateJsonPath(path);
        if (problem) return `invalid ignore path \`${path}\`: ${problem.message}`;
      }
      return ignore as string[];
    }
  }
  return '`snapshot` must be `true` or `{ ignore: [JSONPath, …] }` (e.g. `{ ignore: [$.id] }`)';
}

function bodyOf(response: ResponseView): unknown {
  const parsed = response.json();
  return parsed.ok ? parsed.value : response.text();
}

/** The body with every value an ignore path selects replaced by `IGNORED`. */
function masked(body: unknown, ignore: readonly string[]): unknown {
  if (ignore.length === 0 || body === null || typeof body !== 'object') return body;
  const copy: unknown = structuredClone(body);
  for (const path of ignore) {
    const nodes = compileJsonPath(path).query(copy as never).nodes;
    for (const node of nodes) replaceAt(copy, node.location);
  }
  return copy;
}

function replaceAt(root: unknown, location: readonly (string | number)[]): void {
  if (location.length === 0) return;
  let parent = root as Record<string | number, unknown>;
  for (const step of location.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  const last = location[location.length - 1]!;
  if (Array.isArray(parent)) parent[last as number] = IGNORED;
  else
    Object.defineProperty(parent, last, {
      value: IGNORED,
      writable: true,
      enumerable: true,
      configurable: true,
    });
}

interface Difference {
  path: string;
  expected: unknown;
  actual: unknown;
}

/** Where two values first differ (object keys in sorted order), for a one-line message. */
export function firstDifference(expected: unknown, actual: unknown, path: string): Difference | undefined {
  if (deepEqual(expected, actual)) return undefined;
  const bothObjects =
    expected !== null && actual !== null && typeof expected === 'object' && typeof actual === 'object';
  if (!bothObjects || Array.isArray(expected) !== Array.isArray(actual)) return { path, expected, actual };
  if (Array.isArray(expected) && Array.isArray(actual)) {
    for (let index = 0; index < Math.max(expected.length, actual.length); index++) {
      const found = firstDifference(expected[index], actual[index], `${path}[${index}]`);
      if (found) return found;
    }
    return { path, expected, actual };
  }
  const left = expected as Record<string, unknown>;
  const right = actual as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(left), ...Object.keys(right)])].sort();
  for (const key of keys) {
    const child = /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
    const found = firstDifference(
      Object.hasOwn(left, key) ? left[key] : undefined,
      Object.hasOwn(right, key) ? right[key] : undefined,
      child,
    );
    if (found) return found;
  }
  return { path, expected, actual };
}
