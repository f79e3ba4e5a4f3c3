/**
 * Golden tests of every reporter over a suite with every outcome (passed, failed, errored,
 * skipped, `each` rows), run by the built CLI against a local target server.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { normalize, runCli } from './support/cli.js';
import { assertGolden } from './support/golden.js';
import { startTargetServer, type TargetServer } from './support/target-server.js';
import { descendants, parseXml } from './support/xml.js';

let server: TargetServer;
before(async () => {
  server = await startTargetServer();
});
after(() => server.close());

const outcomes = (...extra: string[]): string[] => [
  'run',
  'run/outcomes.bluebook.yaml',
  '--var',
  `baseUrl=${server.url}`,
  ...extra,
];

void describe('reporters over every outcome', () => {
  void test('pretty: steps, carets under failing expectations, diff, errored reason, summary line', async () => {
    const result = await runCli(outcomes());
    assert.equal(result.code, 1, result.stderr);
    assertGolden('outcomes.pretty.txt', normalize(result.stdout));
    const lines = result.stdout.trimEnd().split('\n');
    assert.match(lines[lines.length - 1], /^\d+ passed, \d+ failed, \d+ skipped$/);
    assert.equal(lines[lines.length - 1], '2 passed, 3 failed, 1 skipped');
    assert.match(result.stdout, /1 errored \(no usable response; counted as failed\)/);
    assert.match(
      result.stdout,
      /run\/outcomes\.bluebook\.yaml:17:11/,
      'the failing status expectation is located',
    );
    assert.ok(!result.stdout.includes('\u001b['), 'no colour when piped');
  });

  void test('dot', async () => {
    const result = await runCli(outcomes('-r', 'dot'));
    assert.equal(result.code, 1, result.stderr);
    assertGolden('outcomes.dot.txt', normalize(result.stdout));
    assert.match(result.stdout, /^\.FEs\.F\n/);
  });

  void test('json: documented shape with totals and located results', async () => {
    const result = await runCli(outcomes('-r', 'json'));
    assert.equal(result.code, 1, result.stderr);
    const report = JSON.parse(result.stdout);
    assert.equal(report.schemaVersion, 1);
    assert.equal(report.exitCode, 1);
    assert.deepEqual(report.totals, { tests: 6, passed: 2, failed: 2, errored: 1, skipped: 1 });
    assert.equal(report.suites[0].file, 'run/outcomes.bluebook.yaml');
    const names = report.suites[0].tests.map(
      (t: { name: string; outcome: string }) => `${t.name}:${t.outcome}`,
    );
    assert.deepEqual(names, [
      'Reads the health check:passed',
      'Expects the wrong user:failed',
      'Cannot connect:errored',
      'Not today:skipped',
      'User 1 exists:passed',
      'User 2 exists:failed',
    ]);
    const failing = report.suites[0].tests[1].steps[0].expectations.find(
      (e: { passed: boolean }) => !e.passed,
    );
    assert.deepEqual(failing.location, { line: 17, column: 11 });
    assertGolden('outcomes.json', normalize(result.stdout));
  });

  void test('junit: well-formed, one testcase per test and each row, failure/error/skipped', async () => {
    const result = await runCli(outcomes('-r', 'junit'));
    assert.equal(result.code, 1, result.stderr);
    const root = parseXml(result.stdout);
    assert.equal(root.name, 'testsuites');
    const cases = descendants(root, 'testcase');
    assert.equal(cases.length, 6);
    assert.equal(root.attributes.tests, '6');
    assert.equal(root.attributes.failures, '2');
    assert.equal(root.attributes.errors, '1');
    assert.equal(root.attributes.skipped, '1');
    const byName = new Map(cases.map((c) => [c.attributes.name, c]));
    const failure = byName.get('Expects the wrong user')?.children[0];
    assert.equal(failure?.name, 'failure');
    assert.match(failure?.text ?? '', /run\/outcomes\.bluebook\.yaml:17:11/);
    assert.equal(byName.get('Cannot connect')?.children[0].name, 'error');
    assert.equal(byName.get('Not today')?.children[0].name, 'skipped');
    assert.equal(byName.get('User 2 exists')?.children[0].name, 'failure');
    assertGolden('outcomes.junit.xml', normalize(result.stdout));
  });

  void test('tap 13', async () => {
    const result = await runCli(outcomes('-r', 'tap'));
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stdout, /^TAP version 13\n/);
    assert.match(result.stdout, /\n1\.\.6\n/);
    assert.match(result.stdout, /ok 4 - Outcomes › Not today # SKIP waiting for the API/);
    assertGolden('outcomes.tap.txt', normalize(result.stdout));
  });

  void test('reporters with :FILE write there while pretty still prints', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bluebook-cli-'));
    try {
      const result = await runCli(
        outcomes('-r', `junit:${join(dir, 'reports', 'junit.xml')}`, '-r', `json:${join(dir, 'r.json')}`),
      );
      assert.equal(result.code, 1, result.stderr);
      assert.match(result.stdout, /2 passed, 3 failed, 1 skipped\n$/);
      const root = parseXml(readFileSync(join(dir, 'reports', 'junit.xml'), 'utf8'));
      assert.equal(descendants(root, 'testcase').length, 6);
      assert.equal(JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')).totals.tests, 6);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  void test('FORCE_COLOR colours piped output; NO_COLOR and --no-color win', async () => {
    const forced = await runCli(outcomes(), { env: { FORCE_COLOR: '1' } });
    assert.ok(forced.stdout.includes('\u001b[32m✓'), 'green ticks when forced');
    const off = await runCli(outcomes(), { env: { FORCE_COLOR: '1', NO_COLOR: '1' } });
    assert.ok(!off.stdout.includes('\u001b['), 'NO_COLOR wins');
    const flag = await runCli(outcomes('--no-color'), { env: { FORCE_COLOR: '1' } });
    assert.ok(!flag.stdout.includes('\u001b['), '--no-color wins');
  });
});
