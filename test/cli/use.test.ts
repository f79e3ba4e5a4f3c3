// `use:` through the built CLI: a suite uses a login written in another suite file; a failure
// inside the used file is located in that file in every reporter.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runCli } from './support/cli.js';
import { startTargetServer, type TargetServer } from './support/target-server.js';

let server: TargetServer;
before(async () => (server = await startTargetServer()));
after(() => server.close());

const AUTH = `tests:
  login:
    steps:
      - GET: /users/1
        capture: { user: $.name }
  broken-login:
    steps:
      - GET: /health
        expect:
          status: 201
`;

const MAIN = `tests:
  profile:
    steps:
      - use: ./auth.bluebook.yaml#login
      - GET: /echo-auth
        headers: { authorization: "User \${user}" }
        expect: { json: { $.auth: User Ada Lovelace } }
  broken:
    steps:
      - use: ./auth.bluebook.yaml#broken-login
`;

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bluebook-use-'));
  writeFileSync(join(dir, 'auth.bluebook.yaml'), AUTH);
  writeFileSync(join(dir, 'main.bluebook.yaml'), MAIN);
  return dir;
}

void test('a used login runs in place; a failure inside is shown at the used file’s line with its excerpt', async () => {
  const dir = project();
  const result = await runCli(
    [
      'run',
      'main.bluebook.yaml',
      '--var',
      `baseUrl=${server.url}`,
      '-r',
      'junit:report.xml',
      '-r',
      'json:report.json',
    ],
    { cwd: dir },
  );
  assert.equal(result.code, 1, result.stderr);
  const out = result.stdout;
  assert.match(out, /✓ login › GET \/users\/1/);
  assert.match(out, /✓ GET \/echo-auth/);
  assert.match(out, /✗ broken-login › GET \/health/);
  assert.match(out, /at auth\.bluebook\.yaml:10:11\n/);
  assert.match(out, /> 10 \| {11}status: 201\n/);
  assert.ok(!out.includes('main.bluebook.yaml:9'), out);

  const junit = readFileSync(join(dir, 'report.xml'), 'utf8');
  assert.match(junit, /<testcase [^>]*name="broken"[^>]*>\n\s*<failure [^>]*>✗ broken-login › GET \/health/);
  assert.match(junit, /at auth\.bluebook\.yaml:10:11/);

  const json = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as {
    suites: {
      file: string;
      tests: { steps: { name: string; file?: string; expectations: { location?: { line: number } }[] }[] }[];
    }[];
  };
  const [used] = json.suites[0].tests[1].steps;
  assert.equal(json.suites[0].file, 'main.bluebook.yaml');
  assert.equal(used.file, 'auth.bluebook.yaml');
  assert.deepEqual(used.expectations[0].location, { line: 10, column: 11 });
});

void test('tap and dot locate a failure inside a used file too', async () => {
  const dir = project();
  const tap = await runCli(['run', 'main.bluebook.yaml', '--var', `baseUrl=${server.url}`, '-r', 'tap'], {
    cwd: dir,
  });
  assert.match(tap.stdout, /at: "auth\.bluebook\.yaml:10:11"/);
  const dot = await runCli(['run', 'main.bluebook.yaml', '--var', `baseUrl=${server.url}`, '-r', 'dot'], {
    cwd: dir,
  });
  assert.match(dot.stdout, /at auth\.bluebook\.yaml:10:11\n/);
});

void test('validate reports a misspelt used test at its id, with a suggestion', async () => {
  const dir = project();
  writeFileSync(
    join(dir, 'typo.bluebook.yaml'),
    'tests:\n  t:\n    steps:\n      - use: ./auth.bluebook.yaml#logn\n',
  );
  const result = await runCli(['validate', 'typo.bluebook.yaml'], { cwd: dir });
  assert.equal(result.code, 1, result.stderr);
  assert.match(result.stdout, /typo\.bluebook\.yaml:4:35 .*use-not-found/);
  assert.match(result.stdout, /test `logn` not found in \.\/auth\.bluebook\.yaml — did you mean `login`\?/);
});
