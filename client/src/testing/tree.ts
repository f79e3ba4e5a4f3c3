/**
 * The Test Explorer tree of one suite, described as plain data (no `vscode`), so discovery can be
 * unit-tested and the controller only turns nodes into `TestItem`s.
 *
 * Item ids are stable across edits that do not rename a test: file = the suite's URI,
 * test = `uri#testId`, `each` row = `uri#testId[row]`, step = `<parent id>/<step index>`.
 */
import type { ProjectConfig, SuiteDocument, SuiteOutline, Span, Test } from '../../../core/src/index.js';

/** `config`: bluebook.config.yaml's `setup`/`teardown` items and their steps (hooks.ts). */
export type NodeKind = 'file' | 'test' | 'row' | 'step' | 'config';

/** What a node stands for in the suite; the run logic builds its `RunFilter` from it. */
export interface NodeData {
  kind: NodeKind;
  uri: string;
  testId?: string;
  /** `testId` for a test without rows, `testId[row]` for an `each` row. */
  instanceId?: string;
  rowIndex?: number;
  stepIndex?: number;
}

export interface TreeNode {
  id: string;
  label: string;
  data: NodeData;
  /** Where the gutter icon goes (the test key, or the step's method key). */
  span?: Span;
  /** Sorts children in file order regardless of labels. */
  sortText: string;
  tags: string[];
  children: TreeNode[];
  /** Set (by `describeOutline`) on a test or row whose steps are not described yet. */
  stepsLater?: true;
}

export function testItemId(uri: string, testId: string): string {
  return `${uri}#${testId}`;
}

export function instanceItemId(uri: string, instanceId: string): string {
  return `${uri}#${instanceId}`;
}

export function stepItemId(parentId: string, stepIndex: number): string {
  return `${parentId}/${stepIndex}`;
}

/** The `setup` or `teardown` item of a bluebook.config.yaml (its URI is the config's item). */
export function hookItemId(configUri: string, kind: 'setup' | 'teardown'): string {
  return `${configUri}#${kind}`;
}

/** The instance id core gives an `each` row (see RunFilter.instanceIds). */
export function rowInstanceId(testId: string, rowIndex: number): string {
  return `${testId}[${rowIndex}]`;
}

/**
 * Children of a suite's file item: its tests, their `each` rows (when inline) and steps. `uri` is
 * the editor's URI of the file (core's `doc.uri` is a file path, for relative file references).
 */
export function describeSuite(doc: SuiteDocument, uri: string = doc.uri): TreeNode[] {
  const suite = doc.suite;
  if (!suite) return [];
  return suite.tests.map((test, position) => describeTest(uri, test, position));
}

/**
 * `describeSuite` from an outline (a suite that is not open): the same tests and rows, with
 * `stepsLater` where `describeSuite` gives steps (at least one `steps:` item) instead of them.
 */
export function describeOutline(outline: SuiteOutline, uri: string): TreeNode[] {
  const suite = outline.suite;
  if (!suite) return [];
  return suite.tests.map((test, position) =>
    describeTest(uri, test, position, (outline.stepCounts.get(test) ?? 0) > 0),
  );
}

/** `stepsLater` is set for an outline: whether the test has steps, which are then not described. */
function describeTest(uri: string, test: Test, position: number, stepsLater?: boolean): TreeNode {
  const steps = (parentId: string, instanceId: string): Pick<TreeNode, 'children' | 'stepsLater'> =>
    stepsLater === undefined
      ? { children: describeSteps(uri, test, parentId, instanceId) }
      : stepsLater
        ? { children: [], stepsLater: true }
        : { children: [] };
  const id = testItemId(uri, test.id);
  const node: TreeNode = {
    id,
    label: test.name ?? test.id,
    data: { kind: 'test', uri, testId: test.id, instanceId: test.id },
    span: test.idSpan,
    sortText: pad(position),
    tags: test.tags,
    children: [],
  };
  if (test.each?.kind === 'rows') {
    node.data = { kind: 'test', uri, testId: test.id };
    node.children = test.each.rows.map((row, rowIndex) => {
      const instanceId = rowInstanceId(test.id, rowIndex);
      const rowId = instanceItemId(uri, instanceId);
      return {
        id: rowId,
        label: rowLabel(test, row),
        data: { kind: 'row', uri, testId: test.id, instanceId, rowIndex },
        span: test.idSpan,
        sortText: pad(rowIndex),
        tags: test.tags,
        ...steps(rowId, instanceId),
      } satisfies TreeNode;
    });
  } else if (test.each?.kind === 'file') {
    // Rows live in a data file: they appear as items when a run reports them.
    node.data = { kind: 'test', uri, testId: test.id };
  } else {
    Object.assign(node, steps(id, test.id));
  }
  return node;
}

function describeSteps(uri: string, test: Test, parentId: string, instanceId: string): TreeNode[] {
  return test.steps.map((step) => ({
    id: stepItemId(parentId, step.index),
    label: step.name,
    data: { kind: 'step', uri, testId: test.id, instanceId, stepIndex: step.index },
    span: step.methodSpan,
    sortText: pad(step.index),
    tags: [],
    children: [],
  }));
}

/**
 * Children of a bluebook.config.yaml's item: `setup` and `teardown` (those it has), each with its
 * steps. Running any of them runs the config's setup and teardown; a run of suites reports them too.
 */
export function describeConfig(config: Pick<ProjectConfig, 'setup' | 'teardown'>, uri: string): TreeNode[] {
  return (['setup', 'teardown'] as const).flatMap((kind, position) => {
    const steps = config[kind] ?? [];
    if (steps.length === 0) return [];
    const id = hookItemId(uri, kind);
    const data: NodeData = { kind: 'config', uri };
    return [
      {
        id,
        label: kind,
        data,
        span: steps[0].span,
        sortText: pad(position),
        tags: [],
        children: steps.map((step) => ({
          id: stepItemId(id, step.index),
          label: step.name,
          data,
          span: step.methodSpan,
          sortText: pad(step.index),
          tags: [],
          children: [],
        })),
      },
    ];
  });
}

/**
 * An `each` row's label: the test name rendered with the row (`${name}` → its value), or the
 * row's values when the name does not mention them.
 */
export function rowLabel(test: Pick<Test, 'id' | 'name'>, row: Record<string, unknown>): string {
  const values = Object.values(row).map(show);
  const template = test.name;
  if (template && /\$\{/.test(template)) {
    return template.replace(/\$\{\s*([A-Za-z_][\w-]*)\s*\}/g, (whole, name: string) =>
      Object.prototype.hasOwnProperty.call(row, name) ? show(row[name]) : whole,
    );
  }
  return `${template ?? test.id} [${values.join(', ')}]`;
}

function show(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(value) ?? String(value);
}

function pad(n: number): string {
  return String(n).padStart(6, '0');
}
