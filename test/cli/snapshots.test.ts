/**
 * `expect.snapshot` through the built CLI: the first run records (and says so), the second
 * passes, a changed answer fails with a diff, `-u` rewrites, `--ci` / `CI=true` fail when missing.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runCli } from './support/cli.js';

let server: Server;
let url: string;
let user: Record<string, unknown>;

before(async () => {
  server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(user));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

const SUITE = `name: snapshots
tests:
  user:
    steps:
      - GET: \${baseUrl}/users/1
        expect:
          snapshot: { ignore: [$.requestId] }
`;

function project(): { dir: string; snap: string } {
  const dir = mkdtempSync(join(tmpdir(), 'bluebook-snap-'));
  writeFileSync(join(dir, 'users.bluebook.yaml'), SUITE);
  return { dir, snap: join(dir, '__snapshots__', 'users.bluebook.yaml.snap.yaml') };
}

const run = (dir: string, extra: string[] = [], env: Record<string, string | undefined> = {}) =>
  runCli(['run', 'users.bluebook.yaml', '--var', `baseUrl=${url}`, ...extra], {
    cwd: dir,
    env: { CI: undefined, ...env },
  });

void test('recorded on the first run, passed on the second, a diff when the answer changes, -u rewrites', async () => {
  const { dir, snap } = project();
  user = { id: 1, name: 'Ada Lovelace', requestId: 'r-1' };
  const first = await run(dir);
  assert.equal(first.code, 0, first.stdout + first.stderr);
  assert.match(first.stdout, /✓ GET \$\{baseUrl\}\/users\/1|✓ GET http:\/\/127\.0\.0\.1:\d+\/users\/1/);
  assert.match(first.stdout, /snapshot recorded/);
  const stored = readFileSync(snap, 'utf8');
  assert.match(stored, /requestId: <ignored>/);

  user = { id: 1, name: 'Ada Lovelace', requestId: 'r-2' };
  const second = await run(dir);
  assert.equal(second.code, 0, second.stdout + second.stderr);
  assert.doesNotMatch(second.stdout, /snapshot recorded/);

  user = { id: 1, name: 'Grace Hopper', requestId: 'r-3' };
  const changed = await run(dir);
  assert.equal(changed.code, 1, changed.stdout + changed.stderr);
  assert.match(changed.stdout, /✗ snapshot {2}response differs from the snapshot at `\$\.body\.name`/);
  assert.match(changed.stdout, /- expected \+ actual/);
  assert.match(changed.stdout, /- {5}"name": "Ada Lovelace",/);
  assert.match(changed.stdout, /\+ {5}"name": "Grace Hopper",/);
  assert.equal(readFileSync(snap, 'utf8'), stored, 'a failed comparison leaves the file alone');

  const updated = await run(dir, ['-u']);
  assert.equal(updated.code, 0, updated.stdout + updated.stderr);
  assert.match(updated.stdout, /snapshot updated/);
  assert.match(readFileSync(snap, 'utf8'), /name: Grace Hopper/);
  assert.equal((await run(dir)).code, 0);
});

void test('--ci and CI=true fail when the snapshot is missing and write nothing', async () => {
  user = { id: 1, name: 'Ada Lovelace', requestId: 'r-1' };
  for (const [extra, env] of [
    [['--ci'], {}],
    [[], { CI: 'true' }],
  ] as const) {
    const { dir, snap } = project();
    const result = await run(dir, [...extra], env);
    assert.equal(result.code, 1, result.stdout + result.stderr);
    assert.match(result.stdout, /no snapshot recorded for `user` › `1 GET \$\{baseUrl\}\/users\/1`/);
    assert.match(result.stdout, /run without --ci \(or CI=true\) or with -u/);
    assert.equal(existsSync(snap), false);
  }
});

void test('the JSON report carries the snapshot file, keys and new value for the editor', async () => {
  const { dir, snap } = project();
  user = { id: 1, name: 'Ada Lovelace', requestId: 'r-1' };
  await run(dir);
  user = { id: 1, name: 'Grace Hopper', requestId: 'r-2' };
  const result = await run(dir, ['-r', 'json']);
  const expectation = JSON.parse(result.stdout).suites[0].tests[0].steps[0].expectations[0];
  assert.deepEqual(expectation.snapshot, {
    file: snap,
    test: 'user',
    step: '1 GET ${baseUrl}/users/1',
    value: { status: 200, body: { id: 1, name: 'Grace Hopper', requestId: '<ignored>' } },
  });
});
