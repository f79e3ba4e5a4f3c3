/**
 * `--exclude-tag TAG` deselects tests (as pytest's `-m "not TAG"`): they are neither run nor
 * reported. Repeatable, and it wins over `--tag`.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { runCli } from './support/cli.js';
import { startTargetServer, type TargetServer } from './support/target-server.js';

let server: TargetServer;
before(async () => {
  server = await startTargetServer();
});
after(() => server.close());

interface Report {
  totals: { tests: number; skipped: number };
  suites: { tests: { name: string }[] }[];
}

const names = (report: Report): string[] => report.suites.flatMap((s) => s.tests.map((t) => t.name));

void test('excluded tests are not run and not reported; --tag with the same tag selects nothing', async () => {
  const base = ['--var', `baseUrl=${server.url}`, '-r', 'json'];
  const all = JSON.parse((await runCli(['run', 'run/outcomes.bluebook.yaml', ...base])).stdout) as Report;
  const healthChecks = server.count('GET', '/health');
  const result = await runCli(['run', 'run/outcomes.bluebook.yaml', '--exclude-tag', 'smoke', ...base]);
  assert.equal(result.code, 1, result.stderr);
  const report = JSON.parse(result.stdout) as Report;
  assert.deepEqual(
    names(report),
    names(all).filter((name) => name !== 'Reads the health check'),
  );
  assert.equal(report.totals.tests, all.totals.tests - 1);
  assert.equal(report.totals.skipped, all.totals.skipped, 'not reported as skipped either');
  // "Expects the wrong user" never reaches its /health step: only the excluded test would have.
  assert.equal(server.count('GET', '/health'), healthChecks, 'the excluded test sent nothing');

  const none = await runCli(['run', 'run', '-t', 'smoke', '--exclude-tag', 'smoke', '--exclude-tag', 'x']);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /no test matches --tag smoke --exclude-tag smoke --exclude-tag x/);
});
