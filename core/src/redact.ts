/**
 * Redaction: secret values and credential headers never leave core in clear text.
 *
 * The runner builds one `Redactor` per suite run and passes every result through it before
 * emitting, so the CLI, reports, the Test Explorer and logs only ever see `•••`.
 */
import { short } from './expect/values.js';
import type { ExpectationResult } from './results.js';

export const REDACTED = '•••';

/** Header names whose values are always redacted (lower case). */
export const SENSITIVE_HEADERS: ReadonlySet<string> = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
]);

export function isSensitiveHeader(name: string): boolean {
  return SENSITIVE_HEADERS.has(name.toLowerCase());
}

/** Shorter values would turn ordinary text into `•••` everywhere ("1", "a"); they are still masked when whole. */
const MIN_SUBSTRING_LENGTH = 3;

export class Redactor {
  private readonly secrets = new Set<string>();
  private pattern: RegExp | undefined;

  constructor(values: Iterable<unknown> = []) {
    for (const value of values) this.add(value);
  }

  /** Adds a secret value (strings, numbers; objects add their leaf values). */
  add(value: unknown): void {
    if (value === null || value === undefined || typeof value === 'boolean') return;
    if (typeof value === 'object') {
      for (const item of Object.values(value)) this.add(item);
      return;
    }
    const text = String(value);
    if (text.length === 0 || this.secrets.has(text)) return;
    this.secrets.add(text);
    this.pattern = undefined;
  }

  get size(): number {
    return this.secrets.size;
  }

  /** Replaces every secret value inside a string. */
  text(value: string): string {
    if (this.secrets.size === 0) return value;
    if (this.secrets.has(value)) return REDACTED;
    const pattern = this.compiled();
    return pattern ? value.replace(pattern, REDACTED) : value;
  }

  /** A deep copy of a JSON-like value with every secret replaced (numbers equal to a secret too). */
  value<T>(value: T): T {
    return this.walk(value) as T;
  }

  /** Headers with credential headers masked and secrets removed from the rest. */
  headers(headers: Record<string, string>): Record<string, string> {
    const result: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) {
      result[name] = SENSITIVE_HEADERS.has(name.toLowerCase()) ? REDACTED : this.text(value);
    }
    return result;
  }

  private walk(value: unknown): unknown {
    if (typeof value === 'string') return this.text(value);
    if (typeof value === 'number' && this.secrets.has(String(value))) return REDACTED;
    if (Array.isArray(value)) return value.map((item) => this.walk(item));
    if (value !== null && typeof value === 'object') {
      const result: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) result[key] = this.walk(item);
      return result;
    }
    return value;
  }

  private compiled(): RegExp | undefined {
    if (this.pattern) return this.pattern;
    const parts = [...this.secrets]
      .filter((secret) => secret.length >= MIN_SUBSTRING_LENGTH)
      .sort((a, b) => b.length - a.length)
      .map((secret) => secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    if (parts.length === 0) return undefined;
    this.pattern = new RegExp(parts.join('|'), 'g');
    return this.pattern;
  }
}

/**
 * An expectation on a credential header as results show it (the match used the real values): the
 * actual value is `•••`, so are the parts of the expected value that came from `${...}` (what the
 * suite itself says stays readable), and neither appears in the message.
 */
export function maskCredentialExpectation(result: ExpectationResult, template: unknown): void {
  const hidden: unknown[] = [];
  if (result.actual !== undefined) {
    hidden.push(result.actual);
    result.actual = REDACTED;
  }
  result.expected = maskInterpolated(template, result.expected, hidden);
  if (hidden.length === 0) return;
  let message = result.message;
  // Messages quote values through `short` (cut at 120 characters): mask that form first.
  for (const value of hidden) message = message.split(short(value)).join(short(REDACTED));
  result.message = new Redactor(hidden).text(message);
}

function maskInterpolated(template: unknown, value: unknown, hidden: unknown[]): unknown {
  if (typeof template === 'string') {
    if (!template.includes('${')) return value;
    hidden.push(value);
    return REDACTED;
  }
  if (Array.isArray(template) && Array.isArray(value))
    return value.map((item, index) => maskInterpolated(template[index], item, hidden));
  if (isRecord(template) && isRecord(value)) {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value))
      result[key] = maskInterpolated(template[key], item, hidden);
    return result;
  }
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
