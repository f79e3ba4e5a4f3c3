/**
 * Turns a run request (the items asked for, minus the excluded ones) into calls of core's
 * `runSuite`, one per suite and kind of selection. Plain data, no `vscode`.
 */
import type { SuiteDocument } from '../../../core/src/index.js';
import type { SuitePlan } from './runner.js';
import type { NodeData } from './tree.js';

export interface Target<I> {
  item: I;
  data: NodeData;
}

/**
 * - a file → the whole suite (minus excluded tests);
 * - tests and rows of one file → one run filtered by test ids, one by row instance ids;
 * - a step → its own run with `untilStep`: earlier steps of its test run first, later ones are skipped.
 */
export function planRuns<I>(
  targets: Target<I>[],
  excluded: NodeData[],
  documentOf: (uri: string) => SuiteDocument | undefined,
): SuitePlan<I>[] {
  const byUri = new Map<string, Target<I>[]>();
  for (const target of targets) byUri.set(target.data.uri, [...(byUri.get(target.data.uri) ?? []), target]);
  const plans: SuitePlan<I>[] = [];
  for (const [uri, fileTargets] of byUri) {
    const doc = documentOf(uri);
    if (!doc) continue;
    const excludedTests = excluded.filter((d) => d.uri === uri && d.kind === 'test').map((d) => d.testId!);
    const file = fileTargets.find((t) => t.data.kind === 'file');
    if (file) {
      const allTests = doc.suite?.tests.map((test) => test.id) ?? [];
      plans.push({
        uri,
        doc,
        items: [file.item],
        ...(excludedTests.length > 0
          ? { filter: { testIds: allTests.filter((id) => !excludedTests.includes(id)) } }
          : {}),
      });
      continue;
    }
    const tests = fileTargets.filter((t) => t.data.kind === 'test');
    if (tests.length > 0) {
      plans.push({
        uri,
        doc,
        items: tests.map((t) => t.item),
        filter: { testIds: tests.map((t) => t.data.testId!) },
      });
    }
    const rows = fileTargets.filter(
      (t) => t.data.kind === 'row' && !tests.some((test) => test.data.testId === t.data.testId),
    );
    if (rows.length > 0) {
      plans.push({
        uri,
        doc,
        items: rows.map((t) => t.item),
        filter: { instanceIds: rows.map((t) => t.data.instanceId!) },
      });
    }
    for (const step of fileTargets.filter((t) => t.data.kind === 'step')) {
      const { testId, instanceId, stepIndex } = step.data;
      plans.push({
        uri,
        doc,
        items: [step.item],
        filter: {
          untilStep: { testId: testId!, stepIndex: stepIndex! },
          ...(instanceId && instanceId !== testId ? { instanceIds: [instanceId] } : {}),
        },
      });
    }
  }
  return plans;
}
