/**
 * What `use:` steps add to variable scopes: the used test's captures (through nested uses) are
 * visible after the use step, and the names a `with:` gives are defined inside a test of this
 * suite that is used with them.
 */
import type { Step, Test } from '../model.js';
import type { SuiteDocument } from '../parse.js';
import { useLabel } from '../use/target.js';
import type { VariableDefinition } from './scopes.js';
import type { UseResolver } from './uses.js';

/** The captures a `use` step brings into the using scope (none when its target is unknown). */
export function usedCaptures(step: Step, uses: UseResolver, testId?: string): VariableDefinition[] {
  const found: VariableDefinition[] = [];
  const visited = new Set<string>();
  const collect = (use: Step, fromFile: string, fromDoc: SuiteDocument): void => {
    const used = uses.resolve(use, fromFile, fromDoc);
    if (!used || 'problem' in used) return;
    const key = `${used.file}#${used.test.id}`;
    if (visited.has(key)) return;
    visited.add(key);
    const label = useLabel(uses.rootFile, used.file, used.test.id);
    for (const inner of used.test.steps) {
      if (inner.use) {
        collect(inner, used.file, used.doc);
        continue;
      }
      for (const capture of inner.captures) {
        const here = used.file === uses.rootFile;
        found.push({
          name: capture.name,
          kind: 'capture',
          ...(here ? { span: capture.nameSpan } : { origin: { file: used.file, span: capture.nameSpan } }),
          detail: `capture of step ${inner.index + 1} of \`${label}\`, run here by \`use\``,
          ...(testId !== undefined ? { testId } : {}),
        });
      }
    }
  };
  collect(step, uses.rootFile, uses.doc);
  return found;
}

/** Per test id of this suite: the `with:` names that `#id` uses in this suite give it. */
export function withDefinitions(tests: readonly Test[]): Map<string, VariableDefinition[]> {
  const given = new Map<string, VariableDefinition[]>();
  for (const test of tests) {
    for (const step of test.steps) {
      const use = step.use;
      if (!use?.target.startsWith('#') || use.with.length === 0) continue;
      const id = use.target.slice(1);
      const list = given.get(id) ?? [];
      for (const entry of use.with) {
        list.push({
          name: entry.key,
          kind: 'with',
          span: entry.keySpan,
          value: entry.value,
          detail: `given by \`with\` of step ${step.index + 1} of test \`${test.id}\``,
        });
      }
      given.set(id, list);
    }
  }
  return given;
}
