/**
 * Secrets never appear in any output: a secret (named in the config's `secrets:`, its value from
 * the process environment) is sent as a header, echoed back by the server into a failing
 * expectation, and every reporter's output is searched for it. The same for a cookie the server
 * sets, checked by `set-cookie` expectations.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { REPORTER_NAMES } from '../../cli/src/reporters/names.js';
import { runCli } from './support/cli.js';
import { SESSION_COOKIE, startTargetServer, type TargetServer } from './support/target-server.js';

const SECRET = 's3cr3t-T0KEN-value';
let server: TargetServer;
before(async () => {
  server = await startTargetServer();
});
after(() => server.close());

void test('no reporter prints a secret value', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bluebook-redaction-'));
  try {
    const files = REPORTER_NAMES.map((name) => ({ name, path: join(dir, `report.${name}`) }));
    const result = await runCli(
      [
        'run',
        'redaction',
        '--var',
        `baseUrl=${server.url}`,
        ...files.flatMap((f) => ['-r', `${f.name}:${f.path}`]),
      ],
      { env: { BLUEBOOK_TEST_TOKEN: SECRET } },
    );
    assert.equal(result.code, 1, result.stderr);
    // The secret really was sent (so the check below is meaningful)…
    assert.ok(server.requests.some((r) => r.path === '/echo-auth'));
    // …and the failing expectation shows the redacted echo.
    assert.match(result.stdout, /•••/);
    for (const file of files) {
      const text = readFileSync(file.path, 'utf8');
      assert.ok(text.length > 0, `${file.name} wrote a report`);
      assert.ok(!text.includes(SECRET), `${file.name} report leaks the secret`);
    }
    assert.ok(!result.stdout.includes(SECRET), 'pretty output leaks the secret');
    assert.ok(!result.stderr.includes(SECRET), 'stderr leaks the secret');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

void test('a malformed --var is reported without echoing its value', async () => {
  const result = await runCli(['run', 'redaction', '--var', `${SECRET}`]);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /--var expects NAME=VALUE/);
  const withBadName = await runCli(['run', 'redaction', '--var', `1token=${SECRET}`]);
  assert.equal(withBadName.code, 2);
  assert.ok(!withBadName.stderr.includes(SECRET), 'the value is not echoed');
});

void test('no reporter prints a cookie value that set-cookie expectations checked', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bluebook-redaction-'));
  try {
    writeFileSync(
      join(dir, 'cookie.bluebook.yaml'),
      `tests:
  insecure:
    steps:
      - GET: \${baseUrl}/session
        expect:
          headers:
            set-cookie: { contains: Secure }
            Set-Cookie: session=expected
  session:
    steps:
      - GET: \${baseUrl}/session
        expect:
          headers:
            set-cookie: { startsWith: "session=", contains: HttpOnly }
`,
    );
    const files = REPORTER_NAMES.map((name) => ({ name, path: join(dir, `report.${name}`) }));
    for (const stdoutReporter of REPORTER_NAMES) {
      const result = await runCli(
        [
          'run',
          join(dir, 'cookie.bluebook.yaml'),
          '--var',
          `baseUrl=${server.url}`,
          '-r',
          stdoutReporter,
          ...files.flatMap((f) => ['-r', `${f.name}:${f.path}`]),
        ],
        { cwd: dir },
      );
      assert.equal(result.code, 1, result.stderr);
      assert.ok(!result.stdout.includes(SESSION_COOKIE), `${stdoutReporter} on stdout leaks the cookie`);
      assert.ok(!result.stderr.includes(SESSION_COOKIE), 'stderr leaks the cookie');
      for (const file of files) {
        const text = readFileSync(file.path, 'utf8');
        assert.ok(text.includes('Secure'), `${file.name} reports the failing expectation`);
        assert.ok(!text.includes(SESSION_COOKIE), `${file.name} report leaks the cookie`);
      }
    }
    // The failure is still explained: what was expected, and that the value is hidden.
    const pretty = await runCli(
      ['run', join(dir, 'cookie.bluebook.yaml'), '--var', `baseUrl=${server.url}`],
      {
        cwd: dir,
      },
    );
    assert.match(pretty.stdout, /expected header `set-cookie` to be a string containing "Secure", got "•••"/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
