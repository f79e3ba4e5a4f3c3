// The script sandbox's API (core/src/script): expressions keep their value's type, scripts set
// variables, change the request, record checks and redacted logs, and every fault is a located
// error, never a throw.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkSyntax, evaluateExpression, runScript } from '../../../../core/src/script/index.js';

const response = {
  status: 201,
  headers: { 'content-type': 'application/json' },
  json: { items: [{ price: 2 }, { price: 3 }] },
  text: '{}',
  duration: 12,
};

describe('evaluateExpression', () => {
  test('variables by name and as vars, response, and the value keeps its type', async () => {
    assert.deepEqual(await evaluateExpression('id + 1', { id: 41 }), { ok: true, value: 42 });
    assert.deepEqual(await evaluateExpression('vars["user-id"]', { 'user-id': 'u1' }), {
      ok: true,
      value: 'u1',
    });
    assert.deepEqual(
      await evaluateExpression(
        'response.json.items.every(i => i.price > 0) && response.status',
        {},
        {},
        response,
      ),
      { ok: true, value: 201 },
    );
    assert.deepEqual(await evaluateExpression('({ a: [1, true, null, "x"] })'), {
      ok: true,
      value: { a: [1, true, null, 'x'] },
    });
  });

  test('the helpers work in expressions too, and a variable of the same name wins', async () => {
    const value = (result: unknown) => (result as { ok: true; value: unknown }).value;
    assert.equal(value(await evaluateExpression('base64.encode("hi")', {})), 'aGk=');
    assert.equal(String(value(await evaluateExpression('sha256("")', {}))).length, 64);
    assert.match(String(value(await evaluateExpression('uuid()', {}))), /^[0-9a-f-]{36}$/);
    const n = value(await evaluateExpression('randomInt(1, 3)', {})) as number;
    assert.ok(n >= 1 && n <= 3);
    assert.deepEqual(await evaluateExpression('uuid + 1', { uuid: 41 }), { ok: true, value: 42 });
  });

  test('a name that is not an identifier or is reserved is reachable only through vars', async () => {
    assert.deepEqual(await evaluateExpression('vars.class + vars["a b"]', { class: 'c', 'a b': 'd' }), {
      ok: true,
      value: 'cd',
    });
  });

  test('values JSON cannot carry are clear errors', async () => {
    const cases: [string, RegExp][] = [
      ['undefined', /the result is undefined/],
      ['0 / 0', /the result is NaN/],
      ['({ a: [1 / 0] })', /the result\.a\[0\] is Infinity/],
      ['() => 1', /the result is a function/],
      ['Symbol("s")', /the result is a symbol/],
      ['10n', /the result is 10n/],
      ['(() => { const a = {}; a.self = a; return a; })()', /the result\.self refers to itself/],
    ];
    for (const [source, message] of cases) {
      const result = await evaluateExpression(source);
      assert.equal(result.ok, false, source);
      if (!result.ok) assert.match(result.error.message, message, source);
    }
  });

  test('undefined object properties are dropped and undefined array items become null (JSON rules)', async () => {
    assert.deepEqual(await evaluateExpression('({ a: undefined, b: [undefined] })'), {
      ok: true,
      value: { b: [null] },
    });
  });

  test('a runtime error has its message and the line and column within the source', async () => {
    const result = await evaluateExpression('1 +\n  missing.x');
    assert.deepEqual(result, {
      ok: false,
      error: { message: "ReferenceError: 'missing' is not defined", line: 2, column: 3 },
    });
  });

  test('a syntax error is located in the source', async () => {
    const result = await evaluateExpression('a +\n  )', { a: 1 });
    assert.equal(result.ok, false);
    if (!result.ok) assert.deepEqual([result.error.line, result.error.column], [2, 3]);
  });

  test('an evaluation cannot leave anything behind for the next', async () => {
    await runScript('globalThis.leak = 1; Object.prototype.polluted = 1;');
    assert.deepEqual(await evaluateExpression('typeof leak + typeof ({}).polluted'), {
      ok: true,
      value: 'undefinedundefined',
    });
  });

  test('globals a successful script or expression adds are gone for the next', async () => {
    assert.equal((await runScript('globalThis.left = 1; var hoisted = 2;')).ok, true);
    assert.deepEqual(await evaluateExpression('(globalThis.fromExpression = 3)'), { ok: true, value: 3 });
    assert.deepEqual(
      await evaluateExpression('[typeof left, typeof hoisted, typeof fromExpression].join()'),
      {
        ok: true,
        value: 'undefined,undefined,undefined',
      },
    );
  });

  test('globals added under an index key or non-enumerably are gone for the next', async () => {
    const adds = [
      ['globalThis[7] = 1', 'globalThis[7]'],
      ['Object.defineProperty(globalThis, "hidden", { value: 2, configurable: true })', 'hidden'],
    ];
    for (const [source, left] of adds) {
      assert.equal((await evaluateExpression(`(${source}, 0)`)).ok, true);
      assert.deepEqual(await evaluateExpression(`typeof ${left}`), { ok: true, value: 'undefined' });
    }
  });

  test('variables and the response reached without naming them', async () => {
    const scope = { expectedId: 7, other: 'x' };
    const reach = async (source: string) => evaluateExpression(source, scope, {}, response);
    assert.deepEqual(await reach('eval("expected" + "Id")'), { ok: true, value: 7 });
    assert.deepEqual(await reach('arguments[0].scope.other'), { ok: true, value: 'x' });
    assert.deepEqual(await reach('__bb.response.status'), { ok: true, value: 201 });
    assert.deepEqual(await reach('Object.keys(vars).join()'), { ok: true, value: 'expectedId,other' });
    assert.deepEqual(await reach('\\u0065xpectedId'), { ok: true, value: 7 });
    assert.deepEqual(await reach('eval("resp" + "onse").status'), { ok: true, value: 201 });
  });
});

describe('runScript', () => {
  test('vars.get and vars.set, the mutated request, checks and logs', async () => {
    const result = await runScript(
      [
        'vars.set("id", response.json.items.length);',
        'vars.set("seen", vars.get("token") + "!");',
        'request.headers["x-sig"] = "s";',
        'check("created", response.status === 201);',
        'check("never", false);',
        'console.log("count", 2, { a: 1 }); console.warn("w");',
      ].join('\n'),
      {
        vars: { token: 't' },
        request: { method: 'POST', url: 'http://127.0.0.1/x', headers: {} },
        response,
      },
    );
    assert.deepEqual(result, {
      ok: true,
      vars: { id: 2, seen: 't!' },
      request: { method: 'POST', url: 'http://127.0.0.1/x', headers: { 'x-sig': 's' } },
      checks: [
        { name: 'created', passed: true },
        { name: 'never', passed: false },
      ],
      logs: [
        { level: 'log', text: 'count 2 {"a":1}' },
        { level: 'warn', text: 'w' },
      ],
    });
  });

  test('helpers compute on the host and return plain values', async () => {
    const result = await runScript(
      [
        'vars.set("b64", base64.encode("héllo"));',
        'vars.set("back", base64.decode(base64.encode("héllo")));',
        'vars.set("sha", sha256("abc"));',
        'vars.set("hmac", hmacSha256("key", "The quick brown fox jumps over the lazy dog"));',
        'vars.set("uuid", uuid());',
        'vars.set("n", randomInt(5, 5));',
      ].join('\n'),
    );
    assert.equal(result.ok, true);
    assert.equal(result.vars.b64, 'aMOpbGxv');
    assert.equal(result.vars.back, 'héllo');
    assert.equal(result.vars.sha, 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    assert.equal(result.vars.hmac, 'f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8');
    assert.match(
      String(result.vars.uuid),
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    assert.equal(result.vars.n, 5);
  });

  test('a helper given a wrong argument is an error located at the call', async () => {
    const result = await runScript('\nsha256(1)');
    assert.equal(result.ok, false);
    assert.match(result.error!.message, /sha256 takes a string, got 1/);
    assert.equal(result.error!.line, 2);
  });

  test('a failing script keeps the logs and checks it made before the error', async () => {
    const result = await runScript('console.log("before"); check("a", true);\nnull.x');
    assert.equal(result.ok, false);
    assert.equal(result.error!.line, 2);
    assert.deepEqual(result.logs, [{ level: 'log', text: 'before' }]);
    assert.deepEqual(result.checks, [{ name: 'a', passed: true }]);
  });

  test('log lines and error messages pass through redact or the secrets list', async () => {
    const bySecrets = await runScript(
      'console.log("token=" + vars.get("t")); throw new Error("bad " + vars.get("t"))',
      {
        vars: { t: 's3cr3t' },
        secrets: ['s3cr3t'],
      },
    );
    assert.deepEqual(bySecrets.logs, [{ level: 'log', text: 'token=•••' }]);
    assert.equal(bySecrets.error!.message, 'bad •••');
    const byFunction = await runScript('console.error("abc")', { redact: (text) => text.replace('b', '#') });
    assert.deepEqual(byFunction.logs, [{ level: 'error', text: 'a#c' }]);
  });

  test('a value set that JSON cannot carry is a clear error', async () => {
    const result = await runScript('vars.set("f", () => 1)');
    assert.equal(result.ok, false);
    assert.match(result.error!.message, /vars\.set\("f"\) is a function/);
  });
});

describe('checkSyntax', () => {
  test('valid expressions and scripts', async () => {
    assert.equal(await checkSyntax('a.b + vars["c"]', 'expression'), null);
    assert.equal(await checkSyntax('const x = 1;\nif (x) { vars.set("y", x); }\nreturn;', 'script'), null);
  });

  test('does not run the code', async () => {
    assert.equal(await checkSyntax('while (true) {}', 'script'), null);
  });

  test('the position of the error, as line, column and offset in the source', async () => {
    assert.deepEqual(await checkSyntax('a +\n  )', 'expression'), {
      message: "SyntaxError: unexpected token in expression: ')'",
      line: 2,
      column: 3,
      offset: 6,
    });
    const unclosed = await checkSyntax('f(a', 'expression');
    assert.deepEqual([unclosed?.line, unclosed?.column, unclosed?.offset], [1, 4, 3]);
    const script = await checkSyntax('let x = 1;\nlet = = 2;', 'script');
    assert.equal(script?.line, 2);
  });

  test('a statement is not an expression', async () => {
    assert.notEqual(await checkSyntax('a; b', 'expression'), null);
  });
});
