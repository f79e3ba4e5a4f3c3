/**
 * Typed relocation of parse results: copies of model objects, diagnostics and interpolations with
 * every span moved by a function. Typed (not a generic walk) because model objects hold user
 * values (`Entry.value`, `Expectation.expected`, `Step.url`, body values, `each` rows) that may
 * themselves contain `start`/`end` keys: those are data and must never move. User values are
 * shared, not copied; nothing here mutates its input, so cached results stay valid for every
 * document version that uses them.
 *
 * Copies keep exactly the keys the original has (an absent optional key stays absent, a key
 * holding `undefined` stays present) so that a relocated result deep-equals a fresh parse.
 */
import type { Diagnostic } from '../diagnostics.js';
import {
  isDeferred,
  type Capture,
  type Condition,
  type Deferred,
  type EachSource,
  type Entry,
  type Expectation,
  type Interpolation,
  type RequestBody,
  type RequestOptions,
  type RetryOptions,
  type Step,
  type Suite,
  type Test,
} from '../model.js';
import type { Span } from '../span.js';

/** Maps one offset to its new place. */
export type Relocate = (offset: number) => number;

export const byDelta =
  (delta: number): Relocate =>
  (offset) =>
    offset + delta;

export function span(s: Span, at: Relocate): Span {
  return { start: at(s.start), end: at(s.end) };
}

export function entry<T>(e: Entry<T>, at: Relocate): Entry<T> {
  return { ...e, keySpan: span(e.keySpan, at), valueSpan: span(e.valueSpan, at), span: span(e.span, at) };
}

const entries = <T>(list: Entry<T>[], at: Relocate): Entry<T>[] => list.map((e) => entry(e, at));

/** A `Deferred` value moved; literals are shared. */
function deferred<T>(value: T | Deferred, at: Relocate): T | Deferred {
  return isDeferred(value) ? { ...value, span: span(value.span, at) } : value;
}

function requestOptions<T extends RequestOptions>(options: T, at: Relocate): T {
  const out = { ...options, headers: entries(options.headers, at), query: entries(options.query, at) };
  if (options.auth) out.auth = entry(options.auth, at);
  if (isDeferred(options.timeoutMs)) out.timeoutMs = deferred(options.timeoutMs, at);
  if (isDeferred(options.followRedirects)) out.followRedirects = deferred(options.followRedirects, at);
  return out;
}

function expectation(e: Expectation, at: Relocate): Expectation {
  const out: Expectation = { ...e, valueSpan: span(e.valueSpan, at), span: span(e.span, at) };
  if (e.keySpan) out.keySpan = span(e.keySpan, at);
  return out;
}

function capture(c: Capture, at: Relocate): Capture {
  return { ...c, nameSpan: span(c.nameSpan, at), valueSpan: span(c.valueSpan, at), span: span(c.span, at) };
}

function body(b: RequestBody, at: Relocate): RequestBody {
  const out = { ...b, span: span(b.span, at) };
  if (out.kind !== 'graphql') return out;
  if (out.query) out.query = { ...out.query, span: span(out.query.span, at) };
  if (out.variables)
    out.variables = {
      keySpan: span(out.variables.keySpan, at),
      names: out.variables.names.map((name) => ({ name: name.name, span: span(name.span, at) })),
    };
  return out;
}

function condition(c: Condition, at: Relocate): Condition {
  return { ...c, span: span(c.span, at) };
}

function retry(r: RetryOptions, at: Relocate): RetryOptions {
  const out: RetryOptions = {
    ...r,
    attempts: deferred(r.attempts, at),
    intervalMs: deferred(r.intervalMs, at),
    span: span(r.span, at),
  };
  if (isDeferred(r.timeoutMs)) out.timeoutMs = deferred(r.timeoutMs, at);
  if (r.failWhen) {
    out.failWhen = {
      ...r.failWhen,
      expectations: r.failWhen.expectations.map((e) => expectation(e, at)),
      span: span(r.failWhen.span, at),
    };
    if (r.failWhen.condition) out.failWhen.condition = condition(r.failWhen.condition, at);
  }
  return out;
}

function each(e: EachSource, at: Relocate): EachSource {
  return { ...e, span: span(e.span, at) };
}

export function step(s: Step, at: Relocate): Step {
  const out: Step = {
    ...requestOptions(s, at),
    methodSpan: span(s.methodSpan, at),
    urlSpan: span(s.urlSpan, at),
    expectations: s.expectations.map((e) => expectation(e, at)),
    captures: s.captures.map((c) => capture(c, at)),
    span: span(s.span, at),
  };
  if (s.body) out.body = body(s.body, at);
  if (s.retry) out.retry = retry(s.retry, at);
  if (s.expectSpan) out.expectSpan = span(s.expectSpan, at);
  if (isDeferred(s.skip)) out.skip = deferred(s.skip, at);
  if (s.when) out.when = condition(s.when, at);
  if (s.script) {
    const { before, after } = s.script;
    out.script = {};
    if (before) out.script.before = { ...before, span: span(before.span, at) };
    if (after) out.script.after = { ...after, span: span(after.span, at) };
  }
  if (s.use) {
    const { targetSpan, targetOffset, with: given } = s.use;
    out.use = {
      ...s.use,
      targetSpan: span(targetSpan, at),
      targetOffset: at(targetOffset),
      with: entries(given, at),
    };
  }
  return out;
}

export function test(t: Test, at: Relocate): Test {
  const out: Test = {
    ...t,
    idSpan: span(t.idSpan, at),
    span: span(t.span, at),
    variables: entries(t.variables, at),
    steps: t.steps.map((s) => step(s, at)),
  };
  if (t.each) out.each = each(t.each, at);
  if (isDeferred(t.skip)) out.skip = deferred(t.skip, at);
  if (t.when) out.when = condition(t.when, at);
  if (t.finally) out.finally = t.finally.map((s) => step(s, at));
  return out;
}

/** A suite's own parts (tests are relocated separately). */
export function suiteWithoutTests(s: Suite, at: Relocate): Suite {
  const out: Suite = {
    ...s,
    variables: entries(s.variables, at),
    before: s.before.map((x) => step(x, at)),
    after: s.after.map((x) => step(x, at)),
    span: span(s.span, at),
  };
  if (s.baseUrl) out.baseUrl = entry(s.baseUrl, at);
  if (s.defaults) out.defaults = requestOptions(s.defaults, at);
  return out;
}

/** A diagnostic's span and its fixes' spans (`data` is the check's own and never holds offsets). */
export function diagnostic(d: Diagnostic, at: Relocate): Diagnostic {
  const out: Diagnostic = { ...d, span: span(d.span, at) };
  if (d.fixes) out.fixes = d.fixes.map((fix) => ({ ...fix, span: span(fix.span, at) }));
  return out;
}

export function interpolation(i: Interpolation, at: Relocate): Interpolation {
  const out: Interpolation = { ...i, span: span(i.span, at) };
  if (i.rootSpan) out.rootSpan = span(i.rootSpan, at);
  return out;
}
