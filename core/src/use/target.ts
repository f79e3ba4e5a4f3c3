/**
 * What a `use:` step names, in words shared by validation and the runner so the editor, `bluebook
 * validate` and a run say the same thing: the test (with "did you mean"), and cycles as a chain.
 */
import { dirname, relative, sep } from 'node:path';
import type { Suite, Test } from '../model.js';
import { closest } from '../suggest.js';

/** The used test, or why there is none. */
export function findUsedTest(
  suite: Suite,
  testId: string,
  fileLabel: string,
): { test: Test } | { problem: string } {
  const test = suite.tests.find((item) => item.id === testId);
  if (test) return { test };
  const suggestion = closest(
    testId,
    suite.tests.map((item) => item.id),
  );
  const where = fileLabel === '' ? 'this suite' : fileLabel;
  return {
    problem: `test \`${testId}\` not found in ${where}${suggestion ? ` — did you mean \`${suggestion}\`?` : ''}`,
  };
}

/** `#login` in the root file, `./auth.bluebook.yaml#login` elsewhere (relative to the root's folder). */
export function useLabel(rootFile: string, file: string, testId: string): string {
  if (file === rootFile) return `#${testId}`;
  const path = relative(dirname(rootFile), file).split(sep).join('/');
  return `${path.startsWith('.') ? '' : './'}${path}#${testId}`;
}

/** The message of a cycle: every test of the chain, the repeated one last. */
export function cycleMessage(chain: readonly string[]): string {
  return `\`use\` cycle: ${chain.join(' → ')}; a test cannot use itself, directly or through the tests it uses.`;
}
