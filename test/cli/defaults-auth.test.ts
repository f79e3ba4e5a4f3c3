/**
 * Suite `defaults: { auth: { bearer: ${accessToken} } }` with a `before` step that logs in with
 * `auth: null` and captures `accessToken`: the login sends no credentials, every test step sends
 * `Bearer <captured token>` (the server checks both), and `validate` agrees. Without `auth: null`
 * the login would send the default before the token exists: `validate` says so, and the run errors.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runCli } from './support/cli.js';

const TOKEN = 'tok-7f3a';
let server: Server;
let url: string;
const seen: { path: string; authorization?: string }[] = [];
let dir: string;

function answer(req: IncomingMessage): { status: number; body: unknown } {
  const authorization = req.headers.authorization;
  if (req.url === '/login' && req.method === 'POST')
    return authorization === undefined
      ? { status: 200, body: { accessToken: TOKEN } }
      : { status: 400, body: { error: `login must not send credentials, got ${authorization}` } };
  if (req.url === '/me')
    return authorization === `Bearer ${TOKEN}`
      ? { status: 200, body: { name: 'ada' } }
      : { status: 401, body: { error: `expected the captured bearer token, got ${authorization}` } };
  return { status: 404, body: {} };
}

const suite = (loginAuth: string): string => `defaults:
  auth: { bearer: "\${accessToken}" }
before:
  - POST: \${baseUrl}/login
${loginAuth}    json: { user: ada }
    expect: { status: 200 }
    capture:
      accessToken: $.accessToken
tests:
  profile:
    steps:
      - GET: \${baseUrl}/me
        expect: { status: 200 }
      - GET: \${baseUrl}/me
        expect: { json: { $.name: ada } }
`;

before(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      seen.push({ path: req.url ?? '', authorization: req.headers.authorization });
      const { status, body } = answer(req);
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dir = mkdtempSync(join(tmpdir(), 'bluebook-defaults-auth-'));
  writeFileSync(join(dir, 'opt-out.bluebook.yaml'), suite('    auth: null\n'));
  writeFileSync(join(dir, 'sends-default.bluebook.yaml'), suite(''));
});
after(() => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

void test('the login opts out with `auth: null`; the tests send the captured bearer token', async () => {
  seen.length = 0;
  const result = await runCli(['run', 'opt-out.bluebook.yaml', '--var', `baseUrl=${url}`], { cwd: dir });
  assert.equal(result.code, 0, result.stdout + result.stderr);
  assert.deepEqual(seen, [
    { path: '/login', authorization: undefined },
    { path: '/me', authorization: `Bearer ${TOKEN}` },
    { path: '/me', authorization: `Bearer ${TOKEN}` },
  ]);
  const valid = await runCli(['validate', 'opt-out.bluebook.yaml', '--var', `baseUrl=${url}`], { cwd: dir });
  assert.equal(valid.code, 0, valid.stdout);
  assert.equal(valid.stdout, '1 suite file valid\n');
});

void test('a login that would send the default: validate flags it at the default, and the run errors', async () => {
  const validation = await runCli(['validate', 'sends-default.bluebook.yaml', '--var', `baseUrl=${url}`], {
    cwd: dir,
  });
  assert.equal(validation.code, 1, validation.stdout);
  assert.match(
    validation.stdout,
    /^sends-default\.bluebook\.yaml:2:22 {2}capture-before-definition {2}`accessToken` \(capture of step 1 of `before`\) is not defined when step 1 of `before` sends this default; give that step `auth: null`/m,
  );
  seen.length = 0;
  const result = await runCli(['run', 'sends-default.bluebook.yaml', '--var', `baseUrl=${url}`], {
    cwd: dir,
  });
  assert.equal(result.code, 1, result.stdout + result.stderr);
  assert.match(result.stdout, /accessToken/);
  assert.deepEqual(seen, [], 'nothing is sent when the default cannot be interpolated');
});
