// A failed `expect.snapshot` is not offered "Accept actual value": that would replace
// `snapshot: true` with the whole response. (Accepting a snapshot rewrites the snapshot file.)
import { strict as assert } from 'node:assert';
import { it } from 'node:test';
import type { SuiteResult } from '../../../core/src/index.js';
import { codeActions } from '../../../server/src/features/codeActions.js';
import { analyzeText } from './helpers.js';

const SUITE = `tests:
  user:
    steps:
      - GET: /users/1
        expect:
          snapshot: true
`;

void it('offers no "Accept actual value" on a failed snapshot', () => {
  const analyzed = analyzeText(SUITE);
  const test = analyzed.doc.suite!.tests[0]!;
  const step = test.steps[0]!;
  const expectation = step.expectations[0]!;
  assert.equal(expectation.kind, 'snapshot');
  const value = { status: 200, body: { name: 'Grace' } };
  const results: SuiteResult = {
    file: analyzed.uri,
    name: 's',
    outcome: 'failed',
    durationMs: 1,
    before: [],
    after: [],
    tests: [
      {
        testId: 'user',
        instanceId: 'user',
        name: 'user',
        outcome: 'failed',
        durationMs: 1,
        span: test.span,
        steps: [
          {
            phase: 'test',
            index: 0,
            name: 'GET /users/1',
            outcome: 'failed',
            durationMs: 1,
            attempts: 1,
            span: step.span,
            methodSpan: step.methodSpan,
            expectations: [
              {
                kind: 'snapshot',
                passed: false,
                expected: { status: 200, body: { name: 'Ada' } },
                actual: value,
                message: 'response differs from the snapshot at `$.body.name`',
                span: expectation.span,
                snapshot: {
                  file: '/tmp/__snapshots__/s.snap.yaml',
                  test: 'user',
                  step: '1 GET /users/1',
                  value,
                },
              },
            ],
          },
        ],
      },
    ],
  };
  const range = { start: { line: 5, character: 12 }, end: { line: 5, character: 12 } };
  const actions = codeActions(
    analyzed,
    { range, context: { diagnostics: [] } },
    { uri: analyzed.uri, version: 1, results },
  );
  assert.ok(
    !actions.some((action) => action.title.startsWith('Accept actual value')),
    actions.map((action) => action.title).join(', '),
  );
});
