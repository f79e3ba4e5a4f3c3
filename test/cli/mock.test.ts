/**
 * `bluebook mock`: serves mock files until interrupted, one line per request, reloads a changed
 * file on the same port, exits 2 with `file:line:col` on a bad file and 0 on SIGINT/SIGTERM.
 * Waits on printed output, never on sleeps.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { ROOT, runCli, startCli } from './support/cli.js';

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'bluebook-mock-cli-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** Resolves with the output so far once `pattern` appears in standard output (or `stream`). */
function waitForOutput(
  child: ChildProcess,
  pattern: RegExp,
  stream: 'stdout' | 'stderr' = 'stdout',
): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const onData = (chunk: Buffer): void => {
      text += chunk.toString();
      if (pattern.test(text)) {
        child[stream]?.off('data', onData);
        resolve(text);
      }
    };
    child[stream]?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited with ${code} before ${pattern}: ${text}`)));
  });
}

const PAYMENTS =
  'name: payments\nroutes:\n  - GET: /payments/:id\n    respond: { json: { id: "${params.id}" } }\n';

void test('serves a mock, prints its URL and one line per request; SIGINT exits 0', async () => {
  const dir = folder({ 'payments.mock.yaml': PAYMENTS });
  const { child, done } = startCli(['mock', 'payments.mock.yaml'], { cwd: dir });
  const started = await waitForOutput(child, /payments → (http:\/\/127\.0\.0\.1:\d+)/);
  const url = /payments → (http:\/\/127\.0\.0\.1:\d+)/.exec(started)?.[1] as string;
  const logged = waitForOutput(child, /GET \/payments\/7 → 200/);
  const response = await fetch(`${url}/payments/7`);
  assert.deepEqual(await response.json(), { id: '7' });
  assert.match(await logged, /GET \/payments\/7 → 200 GET \/payments\/:id · \d+(\.\d+)? ms/);
  const missing = await fetch(`${url}/nothing`);
  assert.equal(missing.status, 404);
  child.kill('SIGINT');
  const result = await done;
  assert.equal(result.code, 0, result.stderr);
});

void test('several files (found under the folder, node_modules skipped) each get a port; SIGTERM exits 0', async () => {
  const dir = folder({
    'a/payments.mock.yaml': PAYMENTS,
    'people.mock.yaml': 'name: users\nroutes:\n  - GET: /users\n    respond: { json: [] }\n',
    'node_modules/x/skip.mock.yaml': 'nonsense: [',
  });
  const { child, done } = startCli(['mock'], { cwd: dir });
  const output = await waitForOutput(
    child,
    /users → http[\s\S]*payments → http|payments → http[\s\S]*users → http/,
  );
  const urls = [...output.matchAll(/→ (http:\/\/\S+)/g)].map((match) => match[1]);
  assert.equal(new Set(urls).size, 2);
  const usersUrl = /users → (http:\/\/\S+)/.exec(output)?.[1] as string;
  const logged = waitForOutput(child, /\[users\] GET \/users → 200/);
  assert.deepEqual(await (await fetch(`${usersUrl}/users`)).json(), []);
  await logged;
  child.kill('SIGTERM');
  assert.equal((await done).code, 0);
});

void test('a changed file is reloaded on the same port; errors keep the old routes', async () => {
  const dir = folder({ 'v.mock.yaml': 'routes:\n  - GET: /v\n    respond: { json: 1 }\n' });
  const { child, done } = startCli(['mock', 'v.mock.yaml', '--port', '0'], { cwd: dir });
  const url = /v → (http:\/\/\S+)/.exec(await waitForOutput(child, /v → http:\/\/\S+\n/))?.[1] as string;
  const reloaded = waitForOutput(child, /reloaded v\.mock\.yaml: 1 route\n/);
  writeFileSync(join(dir, 'v.mock.yaml'), 'routes:\n  - GET: /v\n    respond: { json: 2 }\n');
  await reloaded;
  assert.equal(await (await fetch(`${url}/v`)).json(), 2);
  const kept = waitForOutput(child, /kept the previous routes/, 'stderr');
  writeFileSync(join(dir, 'v.mock.yaml'), 'routes:\n  - GET: /v\n    respnd: { json: 3 }\n');
  assert.match(await kept, /v\.mock\.yaml:3:5: unknown key `respnd` in a route — did you mean `respond`\?/);
  assert.equal(await (await fetch(`${url}/v`)).json(), 2);
  child.kill('SIGINT');
  assert.equal((await done).code, 0);
});

void test('invalid YAML or an unknown key: file:line:col and exit 2', async () => {
  const dir = folder({
    'bad.mock.yaml': 'routes:\n  - GET: /a\n    respond: { status: 200\n',
    'key.mock.yaml': 'routes:\n  - GET: /a\n    respond: {}\n    hedaers: { a: b }\n',
  });
  const yaml = await runCli(['mock', 'bad.mock.yaml'], { cwd: dir });
  assert.equal(yaml.code, 2);
  assert.match(yaml.stderr, /^bad\.mock\.yaml:\d+:\d+: /m);
  const key = await runCli(['mock', 'key.mock.yaml'], { cwd: dir });
  assert.equal(key.code, 2);
  assert.match(
    key.stderr,
    /^key\.mock\.yaml:4:5: unknown key `hedaers` in a route — did you mean `headers`\?$/m,
  );
  assert.equal(key.stdout, '');
});

void test('a port already taken: the mock file, the port and exit 2', async () => {
  const taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  const { port } = taken.address() as AddressInfo;
  try {
    const dir = folder({ 'a.mock.yaml': PAYMENTS });
    const result = await runCli(['mock', 'a.mock.yaml', '--port', String(port)], { cwd: dir });
    assert.equal(result.code, 2);
    assert.match(
      result.stderr,
      new RegExp(`a\\.mock\\.yaml: port ${port} is already in use; free it or choose another with --port`),
    );
  } finally {
    taken.close();
  }
});

void test('bluebook mock --help describes the command, its option and its exit codes', async () => {
  const help = await runCli(['mock', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /bluebook mock \[files\.\.\.\]/);
  assert.match(help.stdout, /-p, --port N/);
  assert.match(help.stdout, /Exit codes: 0 stopped with Ctrl-C or SIGTERM/);
  assert.doesNotMatch(help.stdout, /--reporter|after` steps/);
});

void test('usage errors: --port with several files, no mock file found', async () => {
  const dir = folder({ 'a.mock.yaml': PAYMENTS, 'b.mock.yaml': PAYMENTS });
  const several = await runCli(['mock', 'a.mock.yaml', 'b.mock.yaml', '--port', '4999'], { cwd: dir });
  assert.equal(several.code, 2);
  assert.match(several.stderr, /--port takes one mock file/);
  const none = await runCli(['mock'], { cwd: folder({ 'x.txt': '' }) });
  assert.equal(none.code, 2);
  assert.match(none.stderr, /no \*\.mock\.yaml file under/);
});

void test('an openapi: mock through the built CLI: examples, generated data, 400 listing problems', async () => {
  const fixtures = join(ROOT, 'test', 'fixtures', 'mock-openapi');
  const dir = folder({
    'orders.mock.yaml': `name: orders\nopenapi: ${JSON.stringify(join(fixtures, 'orders-3.1.yaml'))}\n`,
  });
  const { child, done } = startCli(['mock', 'orders.mock.yaml'], { cwd: dir });
  const started = await waitForOutput(child, /orders → (http:\/\/127\.0\.0\.1:\d+)/);
  const url = /orders → (http:\/\/127\.0\.0\.1:\d+)/.exec(started)?.[1] as string;
  const listed = await fetch(`${url}/orders?status=open`);
  assert.deepEqual(await listed.json(), [{ id: 'ord-1', total: 10.5, status: 'open', note: null }]);
  // No example: generated from the schema (json-schema-faker, loaded from its own bundle).
  const generated = await fetch(`${url}/orders/ord-7`);
  assert.equal(generated.status, 200);
  const order = (await generated.json()) as Record<string, unknown>;
  assert.equal(typeof order.id, 'string');
  const invalid = await fetch(`${url}/orders?status=lost`);
  assert.equal(invalid.status, 400);
  assert.match(JSON.stringify(await invalid.json()), /status/);
  child.kill('SIGTERM');
  assert.equal((await done).code, 0);
});
