import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildReportData, MAX_BODY_CHARS } from '../../../cli/src/reporters/html-model.js';
import { embedJson, renderHtmlReport } from '../../../cli/src/reporters/html-page.js';
import { syntheticRun } from '../../report/support/big-report.js';

const failedStep = (body: string) => {
  const run = syntheticRun(4);
  const step = run.suites[0].tests[3].steps[0];
  step.response = { ...step.response!, body, size: body.length };
  return buildReportData(run).suites[0].tests[3].steps[0];
};

void test('a huge body is cut to MAX_BODY_CHARS with a note saying so', () => {
  const step = failedStep('x'.repeat(MAX_BODY_CHARS * 3));
  assert.equal(step.response?.body?.length, MAX_BODY_CHARS);
  assert.match(step.response?.note ?? '', /cut at 16 KB in this report \(49152 characters in all\)/);
});

void test('JSON bodies are pretty-printed; failures carry expected/actual', () => {
  const step = failedStep('{"a":1}');
  assert.equal(step.response?.body, '{\n  "a": 1\n}');
  assert.ok(step.detail.some((line) => line.includes('expected:')));
  assert.equal(step.outcome, 'failed');
});

void test('a passed step whose records were not kept says so', () => {
  const step = buildReportData(syntheticRun(1)).suites[0].tests[0].steps[0];
  assert.equal(step.response?.body, undefined);
  assert.match(step.response?.note ?? '', /kept for failed steps only/);
});

void test('embedded JSON cannot end its script element', () => {
  const text = embedJson({ name: '</script><!-- \u2028' });
  assert.ok(!text.includes('<'));
  assert.deepEqual(JSON.parse(text), { name: '</script><!-- \u2028' });
  const run = syntheticRun(1);
  run.suites[0].name = '</SCRIPT>';
  assert.equal(renderHtmlReport(buildReportData(run)).toLowerCase().split('</script>').length, 3);
});
