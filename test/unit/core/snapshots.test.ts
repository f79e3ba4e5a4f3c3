// expect.snapshot: recorded when missing, matched, a mismatch with expected/actual, ignore
// paths, each rows, -u, CI mode and a hand-broken snapshot file.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { listenHttp, type Loopback } from './loopback.js';
import { run, step, tempFolder } from './helpers.js';
import type { RunOptions } from '../../../core/src/run/options.js';
import { parseSuite } from '../../../core/src/parse.js';
import { validateSuite } from '../../../core/src/validate/index.js';

let server: Loopback;
let answer: { status: number; type: string; body: string };

before(async () => {
  server = await listenHttp((req, res) => {
    res.writeHead(answer.status, { 'content-type': answer.type });
    res.end(req.url === '/echo/b' ? answer.body.replace('Ada', 'Bo') : answer.body);
  });
});
after(() => server.close());

const json = (value: unknown, status = 200): void => {
  answer = { status, type: 'application/json', body: JSON.stringify(value) };
};

const SUITE = `tests:
  user:
    steps:
      - GET: /users/1
        expect: { snapshot: true }
`;

function snapFile(folder: string): string {
  return join(folder, '__snapshots__', 'suite.bluebook.yaml.snap.yaml');
}

async function runIn(folder: string, text = SUITE, options: RunOptions = {}) {
  return (await run(text, server.url, { baseDir: folder, ...options })).result;
}

test('a missing snapshot is recorded (sorted keys, status and body) and the step passes with a note', async () => {
  const folder = tempFolder();
  json({ name: 'Ada', age: 36 });
  const result = step(await runIn(folder));
  assert.equal(result.outcome, 'passed');
  const expectation = result.expectations[0]!;
  assert.equal(expectation.snapshot?.note, 'recorded');
  assert.equal(expectation.snapshot?.file, snapFile(folder));
  assert.equal(expectation.snapshot?.test, 'user');
  assert.equal(expectation.snapshot?.step, '1 GET /users/1');
  const text = readFileSync(snapFile(folder), 'utf8');
  assert.deepEqual(parse(text), {
    user: { '1 GET /users/1': { status: 200, body: { age: 36, name: 'Ada' } } },
  });
  assert.ok(text.indexOf('age') < text.indexOf('name'), text);
});

test('a matching response passes without rewriting; a changed one fails with expected/actual and the path', async () => {
  const folder = tempFolder();
  json({ name: 'Ada', age: 36 });
  await runIn(folder);
  const before = readFileSync(snapFile(folder), 'utf8');
  const again = step(await runIn(folder));
  assert.equal(again.outcome, 'passed');
  assert.equal(again.expectations[0]!.snapshot?.note, undefined);
  json({ name: 'Grace', age: 36 });
  const changed = step(await runIn(folder));
  assert.equal(changed.outcome, 'failed');
  const failed = changed.expectations[0]!;
  assert.match(failed.message, /differs from the snapshot at `\$\.body\.name`: expected "Ada", got "Grace"/);
  assert.deepEqual(failed.expected, { status: 200, body: { name: 'Ada', age: 36 } });
  assert.deepEqual(failed.actual, { status: 200, body: { name: 'Grace', age: 36 } });
  assert.deepEqual(failed.snapshot?.value, { status: 200, body: { name: 'Grace', age: 36 } });
  assert.equal(readFileSync(snapFile(folder), 'utf8'), before);
});

test('a changed status fails; a text body is compared as text', async () => {
  const folder = tempFolder();
  answer = { status: 200, type: 'text/plain', body: 'hello\nworld\n' };
  await runIn(folder);
  assert.deepEqual(
    parse(readFileSync(snapFile(folder), 'utf8')).user['1 GET /users/1'].body,
    'hello\nworld\n',
  );
  answer = { status: 404, type: 'text/plain', body: 'hello\nworld\n' };
  const failed = step(await runIn(folder));
  assert.equal(failed.outcome, 'failed');
  assert.match(failed.expectations[0]!.message, /at `\$\.status`: expected 200, got 404/);
});

test('-u rewrites the snapshot and passes with an `updated` note', async () => {
  const folder = tempFolder();
  json({ name: 'Ada' });
  await runIn(folder);
  json({ name: 'Grace' });
  const updated = step(await runIn(folder, SUITE, { updateSnapshots: true }));
  assert.equal(updated.outcome, 'passed');
  assert.equal(updated.expectations[0]!.snapshot?.note, 'updated');
  assert.equal(step(await runIn(folder)).outcome, 'passed');
  assert.deepEqual(parse(readFileSync(snapFile(folder), 'utf8')).user['1 GET /users/1'].body, {
    name: 'Grace',
  });
});

test('ignore paths are stored as a placeholder and left out of the comparison', async () => {
  const folder = tempFolder();
  const text = SUITE.replace('{ snapshot: true }', '{ snapshot: { ignore: [$.id, "$.items[*].at"] } }');
  json({ id: 1, items: [{ at: 'x', n: 1 }], name: 'Ada' });
  await runIn(folder, text);
  const stored = parse(readFileSync(snapFile(folder), 'utf8')).user['1 GET /users/1'].body;
  assert.deepEqual(stored, { id: '<ignored>', items: [{ at: '<ignored>', n: 1 }], name: 'Ada' });
  json({ id: 2, items: [{ at: 'y', n: 1 }], name: 'Ada' });
  assert.equal(step(await runIn(folder, text)).outcome, 'passed');
  json({ id: 2, items: [{ at: 'y', n: 2 }], name: 'Ada' });
  assert.equal(step(await runIn(folder, text)).outcome, 'failed');
});

test('an invalid ignore path fails the expectation with a message saying so', async () => {
  const folder = tempFolder();
  json({ id: 1 });
  const text = SUITE.replace('{ snapshot: true }', '{ snapshot: { ignore: ["$.[["] } }');
  const result = step(await runIn(folder, text));
  assert.equal(result.outcome, 'failed');
  assert.match(result.expectations[0]!.message, /invalid ignore path `\$\.\[\[`/);
  assert.equal(existsSync(snapFile(folder)), false);
});

test('each rows and several steps are keyed apart in one file', async () => {
  const folder = tempFolder();
  json({ name: 'Ada' });
  const text = `tests:
  row:
    each: [{ who: a }, { who: b }]
    steps:
      - GET: /echo/\${who}
        expect: { snapshot: true }
      - GET: /users/1
        expect: { snapshot: true }
`;
  const result = await runIn(folder, text);
  assert.deepEqual(
    result.tests.map((t) => t.outcome),
    ['passed', 'passed'],
  );
  const stored = parse(readFileSync(snapFile(folder), 'utf8'));
  assert.deepEqual(Object.keys(stored), ['row[0]', 'row[1]']);
  const [echo, users] = Object.keys(stored['row[1]']);
  assert.match(echo!, /^1 GET \/echo\//);
  assert.equal(users, '2 GET /users/1');
  assert.deepEqual(stored['row[0]'][echo!].body, { name: 'Ada' });
  assert.deepEqual(stored['row[1]'][echo!].body, { name: 'Bo' });
  assert.equal(step(await runIn(folder, text), 0, 1).outcome, 'passed');
});

test('CI mode: a missing snapshot fails and nothing is written; a recorded one still matches', async () => {
  const folder = tempFolder();
  json({ name: 'Ada' });
  const failed = step(await runIn(folder, SUITE, { ci: true }));
  assert.equal(failed.outcome, 'failed');
  assert.match(
    failed.expectations[0]!.message,
    /no snapshot recorded for `user` › `1 GET \/users\/1`.*run without --ci .* or with -u/,
  );
  assert.equal(existsSync(snapFile(folder)), false);
  await runIn(folder);
  assert.equal(step(await runIn(folder, SUITE, { ci: true })).outcome, 'passed');
});

test('a snapshot file edited into invalid YAML errors the step with file:line and is left as it is', async () => {
  const folder = tempFolder({
    '__snapshots__/suite.bluebook.yaml.snap.yaml': 'user:\n  "1 GET /users/1":\n    status: [200\n',
  });
  json({ name: 'Ada' });
  const before = readFileSync(snapFile(folder), 'utf8');
  for (const options of [{}, { updateSnapshots: true }]) {
    const errored = step(await runIn(folder, SUITE, options));
    assert.equal(errored.outcome, 'errored');
    assert.match(
      errored.error!.message,
      /suite\.bluebook\.yaml\.snap\.yaml:\d+: .*fix the snapshot file or delete it/,
    );
    assert.equal(readFileSync(snapFile(folder), 'utf8'), before);
  }
  writeFileSync(snapFile(folder), '- just\n- a list\n');
  assert.match(step(await runIn(folder)).error!.message, /snap\.yaml:1: a snapshot file maps test/);
});

test('secrets of the run are redacted in the stored snapshot', async () => {
  const folder = tempFolder();
  json({ token: 'hunter2-secret', name: 'Ada' });
  const result = step(await runIn(folder, SUITE, { secrets: ['hunter2-secret'] }));
  assert.equal(result.outcome, 'passed');
  const text = readFileSync(snapFile(folder), 'utf8');
  assert.doesNotMatch(text, /hunter2/);
  assert.equal(step(await runIn(folder, SUITE, { secrets: ['hunter2-secret'] })).outcome, 'passed');
});

test('validation: a wrong `snapshot` value and an invalid ignore path are located diagnostics', () => {
  const text = `tests:
  a:
    steps:
      - GET: /x
        expect: { snapshot: { ignore: [$.id, "$.[["] } }
      - GET: /y
        expect: { snapshot: 5 }
      - GET: /z
        expect: { snapshot: { ignore: [$.id], other: 1 } }
`;
  const problems = validateSuite(parseSuite(text, '/tmp/v.bluebook.yaml')).diagnostics;
  const found = problems.map((problem) => [problem.code, text.slice(problem.span.start, problem.span.end)]);
  assert.deepEqual(found, [
    ['invalid-jsonpath', '"$.[["'],
    ['wrong-type', '5'],
    ['wrong-type', '{ ignore: [$.id], other: 1 }'],
  ]);
});

test('a snapshot file whose aliases expand too far errors the step instead of expanding', async () => {
  const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
  for (let level = 0; level < 8; level++) {
    const name = String.fromCharCode(98 + level);
    const previous = String.fromCharCode(97 + level);
    bomb.push(`${name}: &${name} [${Array(10).fill(`*${previous}`).join(', ')}]`);
  }
  const folder = tempFolder({ '__snapshots__/suite.bluebook.yaml.snap.yaml': `${bomb.join('\n')}\n` });
  json({ name: 'Ada' });
  const errored = step(await runIn(folder));
  assert.equal(errored.outcome, 'errored');
  assert.match(errored.error!.message, /snap\.yaml:\d+: .*alias/i);
});
