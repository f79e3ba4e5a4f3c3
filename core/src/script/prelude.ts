/**
 * The JavaScript run once in each fresh sandbox context: it captures the one host function
 * (`__bb_host`, strings in and out) in a closure, removes it from the global object, freezes the
 * intrinsics so no evaluation can leave a trap for the next, and defines `__bb_enter` / `__bb_leave`,
 * the two entry points the host calls around every evaluation.
 *
 * Data crosses the boundary only as JSON text: `__bb_enter(json)` parses the input, `__bb_leave()`
 * returns the output as JSON text, built by `toJson`, which refuses what JSON cannot carry.
 */
export const PRELUDE = String.raw`(function () {
  'use strict';
  const host = globalThis.__bb_host;
  delete globalThis.__bb_host;
  const parse = JSON.parse, stringify = JSON.stringify, isArray = Array.isArray;
  const keys = Object.keys, freeze = Object.freeze, getProto = Object.getPrototypeOf;
  const MAX = __MAX_RESULT_CHARS__;
  const describe = (v) => typeof v === 'string' ? stringify(v) : typeof v === 'function' ? 'a function' :
    typeof v === 'symbol' ? 'a symbol' : typeof v === 'bigint' ? String(v) + 'n' : String(v);
  function fail(message) { const e = new TypeError(message); e.bbBoundary = true; throw e; }
  function plain(v, path, seen) {
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
    if (typeof v === 'number') {
      if (v !== v || v === Infinity || v === -Infinity) fail(path + ' is ' + v + ', which JSON cannot carry');
      return v;
    }
    if (v === undefined) fail(path + ' is undefined');
    if (typeof v !== 'object') fail(path + ' is ' + describe(v) + ', which JSON cannot carry');
    if (v instanceof Promise) fail(path + ' is a Promise: scripts run synchronously, without await');
    if (typeof v.toJSON === 'function') return plain(v.toJSON(), path, seen);
    if (seen.indexOf(v) >= 0) fail(path + ' refers to itself (a cycle)');
    seen.push(v);
    let out;
    if (isArray(v)) {
      out = [];
      for (let i = 0; i < v.length; i++) out.push(v[i] === undefined ? null : plain(v[i], path + '[' + i + ']', seen));
    } else {
      out = {};
      for (const k of keys(v)) if (v[k] !== undefined) out[k] = plain(v[k], path + '.' + k, seen);
    }
    seen.pop();
    return out;
  }
  function toJson(v, what) {
    const text = stringify(plain(v, what, []));
    if (text.length > MAX) fail(what + ' is larger than ' + (MAX / 1048576) + ' MB of JSON');
    return text;
  }
  function text(args) {
    let s = '';
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      let part;
      if (typeof a === 'string') part = a;
      else { try { part = stringify(a); } catch (e) { part = undefined; } if (part === undefined) part = String(a); }
      s += (i ? ' ' : '') + part;
    }
    return s;
  }
  const str = (v, name) => { if (typeof v !== 'string') throw new TypeError(name + ' takes a string, got ' + describe(v)); return v; };
  const helpers = freeze({
    base64: freeze({
      encode: (s) => host('base64.encode', str(s, 'base64.encode'), ''),
      decode: (s) => host('base64.decode', str(s, 'base64.decode'), ''),
    }),
    sha256: (s) => host('sha256', str(s, 'sha256'), ''),
    hmacSha256: (key, s) => host('hmacSha256', str(key, 'hmacSha256 (key)'), str(s, 'hmacSha256 (message)')),
    uuid: () => host('uuid', '', ''),
    randomInt: (min, max) => {
      if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || max < min)
        throw new RangeError('randomInt(min, max) takes two integers with min <= max, got ' + describe(min) + ', ' + describe(max));
      return Number(host('randomInt', String(min), String(max)));
    },
  });
  let state = null;
  const define = (name, fn) => Object.defineProperty(globalThis, name, { value: fn, writable: false, configurable: false, enumerable: false });
  const hasOwn = (object, name) => Object.prototype.hasOwnProperty.call(object, name);
  const log = (level) => function () { state.logs.push({ level: level, text: text(arguments) }); };
  const vars = freeze({
    get: (name) => (hasOwn(state.set, name) ? state.set[name] : state.scope[name]),
    set: (name, value) => { state.set[str(name, 'vars.set (name)')] = value; },
    has: (name) => hasOwn(state.set, name) || hasOwn(state.scope, name),
  });
  const check = (name, condition) => { state.checks.push({ name: String(name), passed: !!condition }); };
  const console = freeze({ log: log('log'), info: log('info'), warn: log('warn'), error: log('error') });
  define('__bb_enter', function (json) {
    const input = parse(json);
    const scope = input.vars || {};
    state = { set: {}, logs: [], checks: [], input: input, scope: scope };
    return {
      scope: scope,
      vars: vars,
      request: input.request,
      response: input.response,
      check: check,
      console: console,
      helpers: helpers,
    };
  });
  const ownNames = Object.getOwnPropertyNames, remove = Reflect.deleteProperty;
  let baseline = null;
  // QuickJS lists index keys first and other names in the order they were added
  const added = (names) => names.length > 0 && (!baseline.has(names[0]) || !baseline.has(names[names.length - 1]));
  const sweep = () => {
    const names = ownNames(globalThis);
    if (added(names)) for (const name of names) if (!baseline.has(name)) remove(globalThis, name);
  };
  define('__bb_enter_expression', function (json) {
    const input = parse(json);
    return { scope: input.vars || {}, response: input.response, helpers: helpers };
  });
  define('__bb_result', function (value) { const out = toJson(value, 'the result'); sweep(); return out; });
  define('__bb_leave', function () {
    const s = state;
    state = null;
    if (!s) { sweep(); return '{"vars":{},"checks":[],"logs":[]}'; }
    const set = keys(s.set).map((k) => stringify(k) + ':' + toJson(s.set[k], 'vars.set("' + k + '")'));
    let text = '{"checks":' + stringify(s.checks) + ',"logs":' + stringify(s.logs) + ',"vars":{' + set.join(',') + '}';
    if (s.input.request) text += ',"request":' + stringify(plain(s.input.request, 'the script state.request', []));
    text += '}';
    if (text.length > MAX) fail('the script state is larger than ' + (MAX / 1048576) + ' MB of JSON');
    sweep();
    return text;
  });
  const enterScript = globalThis.__bb_enter, enterExpression = globalThis.__bb_enter_expression;
  const result = globalThis.__bb_result, leave = globalThis.__bb_leave;
  define('__bb_run_expression', function (fn, json) { return result(fn(enterExpression(json))); });
  define('__bb_run_script', function (fn, json) { fn(enterScript(json)); return leave(); });
  const intrinsics = [Object, Function, Array, String, Number, Boolean, Symbol, Error, TypeError, RangeError,
    SyntaxError, ReferenceError, EvalError, URIError, Math, JSON, Reflect, Date, RegExp, Map, Set, WeakMap,
    WeakSet, Promise, ArrayBuffer, DataView, Proxy, BigInt];
  for (const c of intrinsics) {
    if (typeof c === 'function' && c.prototype) freeze(c.prototype);
    freeze(c);
  }
  freeze(getProto(Int8Array.prototype));
  freeze(getProto(function* () {}));
  freeze(getProto(async function () {}));
  baseline = new Set(ownNames(globalThis));
})();`;

/**
 * Deletes the globals an evaluation added (`globalThis.x = 1`), so the next one starts clean. A
 * successful evaluation sweeps them itself (`__bb_result`, `__bb_leave`); the host calls this after
 * one that threw.
 */
export const CLEAN_GLOBALS = String.raw`(function () {
  const names = Object.getOwnPropertyNames, baseline = new Set(names(globalThis));
  return function () {
    for (const name of names(globalThis)) if (!baseline.has(name)) delete globalThis[name];
  };
})()`;
