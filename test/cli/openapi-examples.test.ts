/**
 * examples/openapi.yaml is the demo API's contract: `bluebook run examples` checks every response
 * of the operations it declares, and the demo API keeps to it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ROOT, runCli } from './support/cli.js';

interface Expectation {
  kind: string;
  passed: boolean;
  expected?: unknown;
  message: string;
}
interface Step {
  expectations: Expectation[];
}

void test('run examples: the responses are checked against examples/openapi.yaml and keep to it', async () => {
  const result = await runCli(['run', 'examples', '-r', 'json'], { cwd: ROOT, env: { NO_COLOR: '1' } });
  assert.equal(result.code, 0, result.stdout + result.stderr);
  const report = JSON.parse(result.stdout) as {
    suites: { before: Step[]; after: Step[]; tests: { steps: Step[] }[] }[];
  };
  const steps = report.suites.flatMap((suite) => [
    ...suite.before,
    ...suite.after,
    ...suite.tests.flatMap((item) => item.steps),
  ]);
  const checks = steps.flatMap((step) => step.expectations.filter((item) => item.kind === 'openapi'));
  assert.deepEqual(
    checks.filter((item) => !item.passed).map((item) => item.message),
    [],
  );
  const operations = new Set(checks.map((item) => String(item.expected).split(' → ')[0]));
  for (const operation of [
    'GET /health',
    'POST /login',
    'POST /users',
    'GET /users/{id}',
    'POST /orders/{id}/pay',
  ])
    assert.ok(operations.has(operation), `${operation} was not checked: ${[...operations].join(', ')}`);
});
