/** "Where could this variable have come from?" — the second half of an undefined-variable error. */
import type { Step, Suite, Test } from '../model.js';
import { parseUseReference } from '../use/reference.js';

export interface HintPosition {
  test?: Test;
  /** Index of the step being run in its list. */
  stepIndex: number;
  phase: 'before' | 'test' | 'after';
}

export function explainUndefined(name: string, suite: Suite, at: HintPosition): string | undefined {
  if (name === 'services')
    return '`services` holds the services of bluebook.config.yaml that `bluebook run` starts; this run started none (`--no-services`, or the config has no `services:`)';
  const inBefore = suite.before.find((step) => step.captures.some((capture) => capture.name === name));
  if (inBefore && at.phase !== 'before')
    return `it is captured by \`before\` step ${inBefore.index + 1} (${inBefore.name}), which did not complete`;
  if (at.test) {
    const later = at.test.steps.find(
      (step) => step.index >= at.stepIndex && step.captures.some((capture) => capture.name === name),
    );
    if (later) return `it is captured in step ${later.index + 1} of this test, which runs later`;
    const laterUse = at.test.steps.find(
      (step) => step.index >= at.stepIndex && sameFileUseCaptures(step, suite).includes(name),
    );
    if (laterUse)
      return `it is captured by the \`use\` step ${laterUse.index + 1} (\`${laterUse.use?.target}\`) of this test, which runs later`;
  }
  for (const test of suite.tests) {
    if (test === at.test) continue;
    const step = test.steps.find((item) => item.captures.some((capture) => capture.name === name));
    if (step) {
      const where = `it is captured in step ${step.index + 1} of test \`${test.id}\``;
      return at.phase === 'test'
        ? `${where}, but a test's captures are visible only in that test — run its steps here with \`use: '#${test.id}'\`, or capture it in \`before\` to share it`
        : `${where}, ${hookCannotSeeTestCaptures(at.phase)}`;
    }
    if (test.variables.some((entry) => entry.key === name)) {
      return `it is defined in the \`variables\` of test \`${test.id}\` only; move it to the suite's \`variables\` to share it`;
    }
  }
  return `define it under \`variables:\`, in an environment of bluebook.config.yaml, or pass \`--var ${name}=…\``;
}

/** Why a `before`/`after` step cannot use a test's capture, and what to do instead. */
export function hookCannotSeeTestCaptures(phase: 'before' | 'after'): string {
  return phase === 'after'
    ? "but `after` runs once after all tests and a test's captures are not visible there — capture it in `before`, or clean up in the test itself"
    : "but `before` runs before the tests and a test's captures are not visible there — capture it in a `before` step";
}

/** What a `use: '#id'` step captures (a test of the same file; one level deep). */
function sameFileUseCaptures(step: Step, suite: Suite): string[] {
  const reference = step.use ? parseUseReference(step.use.target) : undefined;
  if (!reference || 'problem' in reference || reference.file !== undefined) return [];
  const used = suite.tests.find((test) => test.id === reference.testId);
  return used ? used.steps.flatMap((item) => item.captures.map((capture) => capture.name)) : [];
}
