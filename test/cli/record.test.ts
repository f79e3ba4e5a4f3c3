/**
 * `bluebook mock --record`: the built CLI as a recording proxy in front of the loopback target
 * server. Waits on the proxy's own output and on responses, never on sleeps.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { after, before, test } from 'node:test';
import type { ChildProcess } from 'node:child_process';
import { parse as parseYaml } from 'yaml';
import { runCli, startCli } from './support/cli.js';
import {
  LOGIN_TOKEN,
  SESSION_COOKIE,
  startTargetServer,
  type TargetServer,
} from './support/target-server.js';
import { tempFolder } from '../unit/core/helpers.js';

let server: TargetServer;
before(async () => {
  server = await startTargetServer();
});
after(() => server.close());

/** Resolves with the proxy's URL once it prints its first line. */
function proxyUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdout?.on('data', (chunk: Buffer | string) => {
      text += chunk.toString();
      const match = /^recording (http:\/\/127\.0\.0\.1:\d+) → /m.exec(text);
      if (match) resolve(match[1]);
    });
    child.on('close', () => reject(new Error(`the proxy exited before it started:\n${text}`)));
  });
}

interface Route {
  [method: string]: unknown;
  query?: Record<string, string>;
  respond: { status: number; headers?: Record<string, string>; json?: unknown; body?: string } | unknown[];
}

void test('proxies requests to the target and writes them as routes after each one, secrets redacted', async () => {
  const folder = tempFolder();
  const out = join(folder, 'mocks', 'target.mock.yaml');
  const { child, done } = startCli(['mock', '--record', '--target', server.url, '--out', out], {
    cwd: folder,
  });
  const url = await proxyUrl(child);

  const user = await fetch(`${url}/users/1`);
  assert.equal(user.status, 200);
  assert.deepEqual(await user.json(), {
    id: 1,
    name: 'Ada Lovelace',
    roles: ['admin', 'author'],
    address: { city: 'London', zip: 'W1' },
  });
  // Written after the request already, not only on exit.
  assert.match(readFileSync(out, 'utf8'), /- GET: \/users\/1\n/);

  assert.equal((await fetch(`${url}/users/1`)).status, 200);
  assert.equal((await fetch(`${url}/users/42?verbose=1&api_key=KEY-0042`)).status, 404);
  const echoed = await fetch(`${url}/echo-auth`, { headers: { authorization: 'Bearer SECRET-xyz-123' } });
  assert.deepEqual(await echoed.json(), { auth: 'Bearer SECRET-xyz-123' });
  const session = await fetch(`${url}/session`);
  assert.match(session.headers.get('set-cookie') ?? '', new RegExp(SESSION_COOKIE));
  const login = await fetch(`${url}/login`, { method: 'POST', body: JSON.stringify({ password: 'secret' }) });
  assert.deepEqual(await login.json(), { token: LOGIN_TOKEN });
  assert.equal(await (await fetch(`${url}/text`)).text(), 'line one\nline two\nline three\n');

  child.kill('SIGINT');
  const result = await done;
  assert.equal(result.code, 0, result.stderr);
  const text = readFileSync(out, 'utf8');
  for (const secret of ['SECRET-xyz-123', SESSION_COOKIE, LOGIN_TOKEN, 'KEY-0042'])
    for (const [where, content] of [
      ['file', text],
      ['stdout', result.stdout],
      ['stderr', result.stderr],
    ])
      assert.ok(!content.includes(secret), `${secret} in ${where}:\n${content}`);

  const routes = (parseYaml(text) as { name: string; routes: Route[] }).routes;
  assert.equal((parseYaml(text) as { name: string }).name, 'target');
  assert.deepEqual(
    routes.map((route) => `${Object.keys(route)[0]} ${String(Object.values(route)[0])}`),
    ['GET /users/1', 'GET /users/42', 'GET /echo-auth', 'GET /session', 'POST /login', 'GET /text'],
  );
  assert.deepEqual(routes[0].respond, {
    status: 200,
    headers: { 'content-type': 'application/json' },
    json: { id: 1, name: 'Ada Lovelace', roles: ['admin', 'author'], address: { city: 'London', zip: 'W1' } },
  });
  assert.deepEqual(routes[1].query, { verbose: '1' });
  assert.deepEqual(routes[2].respond, {
    status: 200,
    headers: { 'content-type': 'application/json' },
    json: { auth: '•••' },
  });
  assert.deepEqual(routes[4].respond, {
    status: 200,
    headers: { 'content-type': 'application/json' },
    json: { token: '•••' },
  });
  assert.deepEqual(routes[5].respond, {
    status: 200,
    headers: { 'content-type': 'text/plain' },
    body: 'line one\nline two\nline three\n',
  });
  assert.match(result.stdout, /GET \/users\/42\?verbose=1&api_key=••• → 404/);
  assert.match(result.stderr, /wrote 7 requests to mocks[/\\]target\.mock\.yaml/);
});

void test('an unreachable target is answered 502 with the reason, and the proxy keeps serving', async () => {
  const closed = await freePort();
  const folder = tempFolder();
  const out = join(folder, 'down.mock.yaml');
  const { child, done } = startCli(
    ['mock', '--record', '--target', `http://127.0.0.1:${closed}`, '--out', out],
    {
      cwd: folder,
    },
  );
  const url = await proxyUrl(child);
  for (const path of ['/first', '/second']) {
    const reply = await fetch(`${url}${path}`);
    assert.equal(reply.status, 502);
    assert.match(
      ((await reply.json()) as { error: string }).error,
      /cannot reach http:\/\/127\.0\.0\.1:\d+\/ \(ECONNREFUSED\)/,
    );
  }
  assert.equal(child.exitCode, null, 'still running');
  child.kill('SIGTERM');
  const result = await done;
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /GET \/second → 502 cannot reach/);
  assert.deepEqual(parseYaml(readFileSync(out, 'utf8')), { name: 'down', routes: [] });
});

void test('--record without --target or --out is a usage error (exit 2), and nothing is written', async () => {
  const folder = tempFolder();
  const result = await runCli(['mock', '--record', '--out', 'x.mock.yaml'], { cwd: folder });
  assert.equal(result.code, 2);
  assert.match(result.stderr, /--record needs --target URL and --out FILE/);
  assert.equal(existsSync(join(folder, 'x.mock.yaml')), false);
  const bad = await runCli(['mock', '--record', '--target', 'user:pw@example', '--out', 'x.mock.yaml'], {
    cwd: folder,
  });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--target expects an http:\/\/ or https:\/\/ URL/);
  assert.ok(!bad.stderr.includes('pw'), bad.stderr);
  const unparsable = await runCli(
    ['mock', '--record', '--target', 'http://exa mple:99999', '--out', 'x.mock.yaml'],
    {
      cwd: folder,
    },
  );
  assert.equal(unparsable.code, 2, unparsable.stderr);
  assert.match(unparsable.stderr, /--target expects an http:\/\/ or https:\/\/ URL/);
});

/** A port nothing listens on (taken, then released). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
