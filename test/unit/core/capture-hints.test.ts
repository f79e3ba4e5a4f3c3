/**
 * Where a test's capture is used outside its test: the run's error (explainUndefined) and the
 * validator's diagnostic say why it is not visible there and how to fix it, phase by phase.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { parseSuite, validateSuite } from '../../../core/src/index.js';
import { explainUndefined } from '../../../core/src/run/hints.js';

const TEXT = `before:
  - GET: /warm/\${userId}
tests:
  create:
    steps:
      - POST: /users
        capture: { userId: $.id }
  other:
    steps:
      - GET: /users/\${userId}
after:
  - DELETE: /users/\${userId}
`;
const doc = parseSuite(TEXT, '/project/hints.bluebook.yaml');
const suite = doc.suite!;

void describe("a test's capture used outside its test", () => {
  void it('in `after`: the run says `after` runs once after all tests, and how to fix it', () => {
    assert.equal(
      explainUndefined('userId', suite, { phase: 'after', stepIndex: 0 }),
      "it is captured in step 1 of test `create`, but `after` runs once after all tests and a test's captures are not visible there — capture it in `before`, or clean up in the test itself",
    );
  });

  void it('in `before`: the run says the tests run later', () => {
    assert.equal(
      explainUndefined('userId', suite, { phase: 'before', stepIndex: 0 }),
      "it is captured in step 1 of test `create`, but `before` runs before the tests and a test's captures are not visible there — capture it in a `before` step",
    );
  });

  void it('validation says the same for `after` and `before`, and keeps the advice for another test', () => {
    const messages = validateSuite(doc).diagnostics.map((d) => [
      TEXT.slice(0, d.span.start).split('\n').length,
      d.message,
    ]);
    assert.deepEqual(messages, [
      [
        2,
        "undefined variable `userId`; it is captured in test `create`, but `before` runs before the tests and a test's captures are not visible there — capture it in a `before` step.",
      ],
      [
        10,
        "undefined variable `userId`; it is captured in test `create`, and captures are visible only within their test (run its steps here with `use: '#create'`, or capture it in `before` to share it).",
      ],
      [
        12,
        "undefined variable `userId`; it is captured in test `create`, but `after` runs once after all tests and a test's captures are not visible there — capture it in `before`, or clean up in the test itself.",
      ],
    ]);
  });
});
