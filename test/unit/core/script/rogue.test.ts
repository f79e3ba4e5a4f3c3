// Rogue scripts (SPEC §8): each one ends with a clear error within its limit, the sandbox works
// for the next evaluation, and nothing of the host is reachable or changed. The time to each
// error is printed as a test diagnostic (the bounds asserted here only prove "does not hang").
import { describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateExpression, runScript } from '../../../../core/src/script/index.js';
import type { ScriptError, ScriptLimits } from '../../../../core/src/script/index.js';

const LIMITS: Required<ScriptLimits> = { timeoutMs: 1000, memoryBytes: 32 * 1024 * 1024 };

/** Runs a rogue source, returns its error and checks the time bound and the next evaluation. */
async function rogue(
  t: TestContext,
  kind: 'script' | 'expression',
  source: string,
  limits: ScriptLimits = LIMITS,
  slackMs = 1000,
): Promise<ScriptError> {
  const started = performance.now();
  const result =
    kind === 'script' ? await runScript(source, {}, limits) : await evaluateExpression(source, {}, limits);
  const elapsed = performance.now() - started;
  const error = 'error' in result ? result.error : undefined;
  t.diagnostic(`${kind} ${JSON.stringify(source)} → ${error?.message ?? 'ok'} in ${elapsed.toFixed(0)} ms`);
  assert.ok(elapsed < (limits.timeoutMs ?? 1000) + slackMs, `took ${elapsed} ms`);
  assert.deepEqual(
    await evaluateExpression('n * 2', { n: 21 }),
    { ok: true, value: 42 },
    'the next evaluation works',
  );
  assert.equal(result.ok, false, 'the rogue source must fail');
  return error ?? { message: '' };
}

describe('rogue scripts', () => {
  test('an endless loop as a script and as an expression', async (t) => {
    const message = 'script ran longer than 1000 ms (scripts.timeout)';
    assert.equal((await rogue(t, 'script', 'while (true) {}')).message, message);
    assert.equal((await rogue(t, 'expression', '(() => { for (;;); })()')).message, message);
  });

  test('an endless loop that catches the interruption still ends', async (t) => {
    const error = await rogue(t, 'script', 'for (;;) { try { while (true) {} } catch (e) {} }');
    assert.equal(error.message, 'script ran longer than 1000 ms (scripts.timeout)');
  });

  test('the time limit is the one given', async (t) => {
    const error = await rogue(t, 'script', 'while (true) {}', { timeoutMs: 50 });
    assert.equal(error.message, 'script ran longer than 50 ms (scripts.timeout)');
  });

  test('allocating until the memory limit: strings doubling, arrays pushing', async (t) => {
    // A generous clock, so that the memory limit is what ends them even on a loaded machine.
    const memoryFirst = { ...LIMITS, timeoutMs: 30_000 };
    const message = 'script used more than 32 MB (scripts.memory)';
    const strings = await rogue(t, 'script', 'let s = "x"; while (true) s = s.repeat(2);', memoryFirst);
    assert.equal(strings.message, message);
    const arrays = await rogue(
      t,
      'script',
      'const a = []; while (true) a.push({ n: a.length });',
      memoryFirst,
    );
    assert.equal(arrays.message, message);
  });

  // Known overrun (docs/decisions.md): near the memory limit QuickJS collects garbage on the
  // allocations inside one native call (`fill`), and the deadline is checked only every 10,000
  // bytecodes: ~8 s for a 1000 ms limit on an idle machine, 21 s seen on a loaded one. The bound
  // here only proves that it ends.
  test('filling arrays at the memory limit while catching its errors still ends', async (t) => {
    const source = 'const a = []; for (;;) { try { a.push(new Array(1e5).fill(1)); } catch (e) {} }';
    const error = await rogue(t, 'script', source, LIMITS, 90_000);
    assert.match(error.message, /scripts\.(memory|timeout)/);
  });

  test('deep recursion', async (t) => {
    const message = 'script recursed too deeply (stack overflow)';
    assert.equal((await rogue(t, 'script', 'function f(n) { return f(n + 1) + 1; } f(0);')).message, message);
    assert.equal((await rogue(t, 'expression', '(function f() { return [f()]; })()')).message, message);
  });

  test('require, process, fetch and setTimeout do not exist', async (t) => {
    for (const [source, name] of [
      ['require("fs").readFileSync("/etc/passwd")', 'require'],
      ['process.exit(1)', 'process'],
      ['fetch("http://127.0.0.1:1/")', 'fetch'],
      ['setTimeout(() => {}, 0)', 'setTimeout'],
    ]) {
      assert.equal((await rogue(t, 'script', source)).message, `ReferenceError: '${name}' is not defined`);
    }
  });

  test('dynamic import loads nothing and static import is a syntax error', async (t) => {
    const imported = await runScript(
      'import("fs").then(() => vars.set("loaded", true)); vars.set("after", 1);',
    );
    assert.deepEqual([imported.ok, imported.vars], [true, { after: 1 }]);
    assert.match((await rogue(t, 'expression', 'import("fs")')).message, /Promise/);
    assert.match((await rogue(t, 'script', 'import fs from "fs";')).message, /^SyntaxError/);
  });

  test('Function-constructor and globalThis escapes reach only the sandbox', async (t) => {
    const probe = await evaluateExpression(
      '[new Function("return this")(), ({}).constructor.constructor("return globalThis")(), globalThis]' +
        '.map(g => typeof g.process + typeof g.require + typeof g.Buffer)',
    );
    assert.deepEqual(probe, { ok: true, value: Array(3).fill('undefinedundefinedundefined') });
    const escape = await rogue(t, 'script', '({}).constructor.constructor("return process")().exit(1)');
    assert.equal(escape.message, "ReferenceError: 'process' is not defined");
    await runScript(
      'new Function("return this")().sandboxWasHere = true; Function("return this")().Buffer = 1;',
    );
    assert.equal('sandboxWasHere' in globalThis, false);
    assert.equal(typeof Buffer.from, 'function');
  });

  test('a thrown non-Error value', async (t) => {
    assert.equal((await rogue(t, 'script', 'throw 42')).message, 'script threw 42');
    assert.equal(
      (await rogue(t, 'expression', '(() => { throw { code: "x" }; })()')).message,
      'expression threw {"code":"x"}',
    );
  });

  test('a huge value: bounded by the memory limit, and by 10 MB of JSON at the boundary', async (t) => {
    assert.equal(
      (await rogue(t, 'expression', '"x".repeat(100 * 1024 * 1024)')).message,
      'script used more than 32 MB (scripts.memory)',
    );
    const large = await rogue(t, 'expression', '"x".repeat(11 * 1024 * 1024)', {
      memoryBytes: 128 * 1024 * 1024,
    });
    assert.equal(large.message, 'the result is larger than 10 MB of JSON');
    const viaVars = await rogue(t, 'script', 'vars.set("big", "x".repeat(11 * 1024 * 1024))', {
      memoryBytes: 128 * 1024 * 1024,
    });
    assert.match(viaVars.message, /larger than 10 MB of JSON/);
    const together = await rogue(
      t,
      'script',
      'vars.set("a", "x".repeat(6 * 1024 * 1024)); vars.set("b", "y".repeat(6 * 1024 * 1024))',
      { memoryBytes: 128 * 1024 * 1024 },
    );
    assert.equal(together.message, 'the script state is larger than 10 MB of JSON');
  });

  test('a request a script leaves unsendable is named by its path', async () => {
    const result = await runScript('request.headers.sign = () => 1; vars.set("kept", [1, "2", null])', {
      request: { method: 'GET', url: 'http://127.0.0.1/', headers: {} },
    });
    assert.equal(result.ok, false);
    assert.equal(
      result.error?.message,
      'the script state.request.headers.sign is a function, which JSON cannot carry',
    );
  });

  test('a secret logged by a script is redacted', async () => {
    const result = await runScript(
      'console.log("key:", vars.get("apiKey"), vars.get("apiKey").split("").join(""))',
      {
        vars: { apiKey: 'sk-live-123456' },
        secrets: ['sk-live-123456'],
      },
    );
    assert.deepEqual(result.logs, [{ level: 'log', text: 'key: ••• •••' }]);
  });
});
