/** `services:` of bluebook.config.yaml (SPEC §10): each entry checked and resolved to a ServiceSpec. */
import { constants } from 'node:os';
import { dirname, resolve } from 'node:path';
import { isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import { parseDuration } from '../duration.js';
import { SERVICE_KEYS } from '../keys.js';
import { regexProblem } from '../regex.js';
import type { Span } from '../span.js';
import { closest } from '../suggest.js';
import type { ServiceSpec } from './types.js';

type Report = (span: Span, message: string) => void;
type SpanOf = (node: Node | null | undefined) => Span;

export const DEFAULT_SERVICE_TIMEOUT_MS = 60_000;
export const DEFAULT_STOP_TIMEOUT_MS = 5000;

const KEYS = SERVICE_KEYS.map((entry) => entry.key);
const STOP_KEYS = ['signal', 'command', 'timeout'];
const READY_KEYS = ['url', 'output'];
/** A name `${services.NAME.url}` can refer to (the interpolation's path segment). */
const NAME = /^[A-Za-z_][\w-]*$/;
const SIGNALS = Object.keys(constants.signals);

interface Parsed {
  spec: ServiceSpec;
  /** Where `dependsOn` is, for its errors. */
  dependsOnSpan?: Span;
}

/** The services of a `services` mapping; every problem is reported where it is. */
export function parseServicesConfig(
  node: Node | null,
  configPath: string,
  spanOf: SpanOf,
  report: Report,
): ServiceSpec[] {
  if (!isMap(node)) {
    report(
      spanOf(node),
      '`services` must map service names to their settings, such as `api: { command: npm start }`',
    );
    return [];
  }
  const folder = dirname(configPath);
  const parsed: Parsed[] = [];
  for (const pair of node.items as Pair<Node, Node | null>[]) {
    const name = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!NAME.test(name)) {
      report(
        spanOf(pair.key),
        `service name \`${name}\` must be a plain name (letters, digits, \`_\`, \`-\`) so \`\${services.${name}.url}\` can refer to it`,
      );
      continue;
    }
    if (parsed.some((item) => item.spec.name === name)) {
      report(spanOf(pair.key), `duplicate service \`${name}\` in \`services\``);
      continue;
    }
    if (!isMap(pair.value)) {
      report(
        spanOf(pair.value ?? pair.key),
        `service \`${name}\` must be a mapping with \`command\` or \`mock\``,
      );
      continue;
    }
    parsed.push(
      parseService(name, pair.key, pair.value.items as Pair<Node, Node | null>[], folder, spanOf, report),
    );
  }
  checkDependencies(parsed, report);
  return parsed.map((item) => item.spec);
}

function parseService(
  name: string,
  keyNode: Node,
  pairs: Pair<Node, Node | null>[],
  folder: string,
  spanOf: SpanOf,
  report: Report,
): Parsed {
  const spec: ServiceSpec = {
    name,
    span: spanOf(keyNode),
    cwd: folder,
    env: {},
    timeoutMs: DEFAULT_SERVICE_TIMEOUT_MS,
    reuseExisting: false,
    dependsOn: [],
    stop: { signal: 'SIGTERM', timeoutMs: DEFAULT_STOP_TIMEOUT_MS },
  };
  const parsed: Parsed = { spec };
  const of = `of service \`${name}\``;
  let reuseSpan: Span | undefined;
  for (const pair of pairs) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = pair.value;
    const at = spanOf(value ?? pair.key);
    const raw = isScalar(value) ? value.value : undefined;
    switch (key) {
      case 'command':
        if (typeof raw !== 'string' || raw.trim() === '')
          report(at, `\`command\` ${of} must be a non-empty shell command`);
        else spec.command = raw;
        break;
      case 'mock':
        if (typeof raw !== 'string' || raw.trim() === '')
          report(at, `\`mock\` ${of} must be the path of a *.mock.yaml file`);
        else spec.mock = resolve(folder, raw);
        break;
      case 'cwd':
        if (typeof raw !== 'string' || raw.trim() === '') report(at, `\`cwd\` ${of} must be a folder path`);
        else spec.cwd = resolve(folder, raw);
        break;
      case 'env':
        spec.env = parseEnv(value, of, spanOf, report);
        break;
      case 'port':
        if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 1 || raw > 65535)
          report(at, `\`port\` ${of} must be a whole number from 1 to 65535`);
        else spec.port = raw;
        break;
      case 'ready': {
        const ready = parseReady(value, of, spanOf, report);
        if (ready) spec.ready = ready;
        break;
      }
      case 'timeout': {
        const ms = parseDuration(raw);
        if (ms === undefined || ms <= 0)
          report(at, `\`timeout\` ${of} must be a duration such as \`60s\` or \`500ms\``);
        else spec.timeoutMs = ms;
        break;
      }
      case 'reuseExisting':
        if (typeof raw !== 'boolean') report(at, `\`reuseExisting\` ${of} must be true or false`);
        else {
          spec.reuseExisting = raw;
          reuseSpan = spanOf(pair.key);
        }
        break;
      case 'dependsOn': {
        const list = typeof raw === 'string' ? [raw] : stringList(value);
        if (!list) report(at, `\`dependsOn\` ${of} must be a service name or a list of them`);
        else {
          spec.dependsOn = list;
          parsed.dependsOnSpan = at;
        }
        break;
      }
      case 'stop': {
        const stop = parseStop(value, of, spanOf, report);
        if (stop) spec.stop = stop;
        break;
      }
      default: {
        const suggestion = closest(key, KEYS);
        report(
          spanOf(pair.key),
          `unknown key \`${key}\` in service \`${name}\`${suggestion ? ` — did you mean \`${suggestion}\`?` : `; expected one of: ${KEYS.join(', ')}`}`,
        );
      }
    }
  }
  const hasCommand = pairs.some((pair) => isScalar(pair.key) && pair.key.value === 'command');
  const hasMock = pairs.some((pair) => isScalar(pair.key) && pair.key.value === 'mock');
  if (hasCommand && hasMock)
    report(spec.span, `service \`${name}\` has both \`command\` and \`mock\`; keep one`);
  else if (!hasCommand && !hasMock)
    report(
      spec.span,
      `service \`${name}\` needs \`command\` (a shell command) or \`mock\` (a *.mock.yaml file)`,
    );
  if (spec.reuseExisting && reuseSpan && !(spec.ready && 'url' in spec.ready))
    report(reuseSpan, `\`reuseExisting\` ${of} needs \`ready.url\` to tell whether it is already running`);
  return parsed;
}

function parseEnv(node: Node | null, of: string, spanOf: SpanOf, report: Report): Record<string, string> {
  const env: Record<string, string> = {};
  if (!isMap(node)) {
    report(spanOf(node), `\`env\` ${of} must map variable names to values, such as \`{ PORT: "\${port}" }\``);
    return env;
  }
  for (const pair of node.items as Pair<Node, Node | null>[]) {
    const name = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = isScalar(pair.value) ? pair.value.value : undefined;
    if (value === undefined || value === null || typeof value === 'object')
      report(spanOf(pair.value ?? pair.key), `\`env.${name}\` ${of} must be a string, number or boolean`);
    else Object.defineProperty(env, name, { value: String(value), enumerable: true, writable: true });
  }
  return env;
}

function parseReady(
  node: Node | null,
  of: string,
  spanOf: SpanOf,
  report: Report,
): ServiceSpec['ready'] | undefined {
  const shape = `\`ready\` ${of} must be \`{ url: "http://127.0.0.1:\${port}/health" }\` or \`{ output: "listening on" }\``;
  if (!isMap(node)) return void report(spanOf(node), shape);
  const pairs = node.items as Pair<Node, Node | null>[];
  for (const pair of pairs) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (READY_KEYS.includes(key)) continue;
    const suggestion = closest(key, READY_KEYS);
    report(
      spanOf(pair.key),
      `unknown key \`${key}\` in \`ready\` ${of}${suggestion ? ` — did you mean \`${suggestion}\`?` : '; expected url or output'}`,
    );
  }
  const known = pairs.filter((pair) => isScalar(pair.key) && READY_KEYS.includes(String(pair.key.value)));
  if (known.length !== 1) {
    if (known.length > 1)
      report(spanOf(node), `\`ready\` ${of} must have one of \`url\` or \`output\`, not both`);
    else if (pairs.length === 0) report(spanOf(node), shape);
    return undefined;
  }
  const [pair] = known;
  const key = String((pair.key as Node & { value: unknown }).value) as 'url' | 'output';
  const value = isScalar(pair.value) ? pair.value.value : undefined;
  if (typeof value !== 'string' || value === '') return void report(spanOf(pair.value ?? pair.key), shape);
  if (key === 'url') return { url: value };
  // `${port}` and other references are filled in at start; check the pattern around them.
  const problem = regexProblem(value.replace(/\$\{[^}]*\}/g, '0'));
  if (problem)
    return void report(spanOf(pair.value), `invalid regex in \`ready.output\` ${of}: ${problem.message}`);
  return { output: value };
}

function parseStop(
  node: Node | null,
  of: string,
  spanOf: SpanOf,
  report: Report,
): ServiceSpec['stop'] | undefined {
  if (!isMap(node)) {
    report(spanOf(node), `\`stop\` ${of} must be \`{ signal: SIGTERM, timeout: 5s }\` or \`{ command: … }\``);
    return undefined;
  }
  let signal: NodeJS.Signals = 'SIGTERM';
  let command: string | undefined;
  let timeoutMs = DEFAULT_STOP_TIMEOUT_MS;
  let valid = true;
  const present = new Set<string>();
  for (const pair of node.items as Pair<Node, Node | null>[]) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const raw = isScalar(pair.value) ? pair.value.value : undefined;
    const at = spanOf(pair.value ?? pair.key);
    present.add(key);
    if (key === 'signal') {
      if (typeof raw === 'string' && SIGNALS.includes(raw)) signal = raw as NodeJS.Signals;
      else {
        valid = false;
        report(
          at,
          `unknown signal \`${String(raw)}\` in \`stop.signal\` ${of}; use a name such as SIGTERM, SIGINT, SIGKILL`,
        );
      }
    } else if (key === 'command') {
      if (typeof raw === 'string' && raw.trim() !== '') command = raw;
      else {
        valid = false;
        report(at, `\`stop.command\` ${of} must be a non-empty shell command`);
      }
    } else if (key === 'timeout') {
      const ms = parseDuration(raw);
      if (ms === undefined || ms <= 0) {
        valid = false;
        report(at, `\`stop.timeout\` ${of} must be a duration such as \`5s\``);
      } else timeoutMs = ms;
    } else {
      valid = false;
      const suggestion = closest(key, STOP_KEYS);
      report(
        spanOf(pair.key),
        `unknown key \`${key}\` in \`stop\` ${of}${suggestion ? ` — did you mean \`${suggestion}\`?` : `; expected one of: ${STOP_KEYS.join(', ')}`}`,
      );
    }
  }
  if (present.has('signal') && present.has('command')) {
    report(spanOf(node), `\`stop\` ${of} has both \`signal\` and \`command\`; keep one`);
    return undefined;
  }
  if (!valid) return undefined;
  return command !== undefined ? { command, timeoutMs } : { signal, timeoutMs };
}

function stringList(node: Node | null): string[] | undefined {
  if (!isSeq(node)) return undefined;
  const items = (node.items as Node[]).map((item) => (isScalar(item) ? item.value : undefined));
  return items.every((item) => typeof item === 'string') ? (items as string[]) : undefined;
}

/** Unknown names in `dependsOn` and cycles (each reported once, as a chain). */
function checkDependencies(parsed: Parsed[], report: Report): void {
  const byName = new Map(parsed.map((item) => [item.spec.name, item]));
  for (const { spec, dependsOnSpan } of parsed) {
    const unknown = spec.dependsOn.filter((name) => !byName.has(name));
    for (const name of unknown) {
      const suggestion = closest(name, byName.keys());
      report(
        dependsOnSpan ?? spec.span,
        `service \`${spec.name}\` depends on \`${name}\`, which is not a service${suggestion ? ` — did you mean \`${suggestion}\`?` : `; defined: ${[...byName.keys()].join(', ')}`}`,
      );
    }
    spec.dependsOn = spec.dependsOn.filter((name) => byName.has(name));
  }
  const done = new Set<string>();
  const visit = (name: string, chain: string[]): void => {
    if (done.has(name)) return;
    const at = chain.indexOf(name);
    if (at >= 0) {
      const cycle = [...chain.slice(at), name];
      const first = byName.get(cycle[0]);
      report(
        first?.dependsOnSpan ?? first?.spec.span ?? { start: 0, end: 0 },
        `\`dependsOn\` cycle: ${cycle.join(' → ')}; a service cannot wait for itself`,
      );
      for (const member of cycle) byName.get(member)!.spec.dependsOn = [];
      return;
    }
    for (const dependency of byName.get(name)?.spec.dependsOn ?? []) visit(dependency, [...chain, name]);
    done.add(name);
  };
  for (const { spec } of parsed) visit(spec.name, []);
}
