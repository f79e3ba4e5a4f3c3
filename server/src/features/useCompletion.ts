/**
 * Completion of a `use:` value (SPEC §7): the workspace's suite files relative to this one (this
 * file as `#`), then, after `#`, the test ids of the file named before it with their names.
 */
import { dirname, relative, resolve, sep } from 'node:path';
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver';
import type { CursorContext } from '../cursor.js';
import type { UseSource } from '../useSteps.js';
import type { Suites } from '../workspace.js';

/** Whether the cursor types the value of a step's `use:`. */
export function isUseValue(cursor: CursorContext): boolean {
  return cursor.position === 'value' && cursor.key === 'use' && cursor.path[cursor.path.length - 1] === '-';
}

export function useItems(source: UseSource, cursor: CursorContext, suites: Suites): CompletionItem[] {
  const typed = cursor.prefix.replace(/^["']/, '');
  const start = cursor.prefixStart + (cursor.prefix.length - typed.length);
  const end = cursor.prefixStart + cursor.prefix.length;
  const lines = source.lines;
  const own = source.path;
  const hasFile = own !== source.uri;
  const hash = typed.lastIndexOf('#');
  if (hash >= 0) {
    const file = typed.slice(0, hash);
    if (file !== '' && !hasFile) return [];
    const target = file === '' ? own : resolve(dirname(own), file);
    const doc = target === own ? source.suite : suites.suite(target);
    const range = lines.rangeOf({ start: start + hash + 1, end });
    const enclosing = source.suite?.suite?.tests.find(
      (test) => test.span.start <= start && start <= test.span.end,
    );
    return (doc?.suite?.tests ?? [])
      .filter((test) => target !== own || test !== enclosing)
      .map((test) => ({
        label: test.id,
        kind: CompletionItemKind.Reference,
        detail: test.name ?? test.id,
        textEdit: { range, newText: test.id },
      }));
  }
  const range = lines.rangeOf({ start, end });
  const next = { title: 'Suggest', command: 'editor.action.triggerSuggest' };
  const items: CompletionItem[] = [];
  if (source.suite) {
    items.push({
      label: '#',
      kind: CompletionItemKind.Reference,
      detail: 'a test of this file',
      textEdit: { range, newText: '#' },
      sortText: '0#',
      command: next,
    });
  }
  if (!hasFile) return items;
  for (const path of suites.suiteFiles(own)) {
    if (path === own) continue;
    const text = relativeReference(own, path);
    items.push({
      label: text,
      kind: CompletionItemKind.File,
      detail: path,
      filterText: text,
      textEdit: { range, newText: `${text}#` },
      sortText: `1${text}`,
      command: next,
    });
  }
  return items;
}

/** `./auth.bluebook.yaml` or `../shared/auth.bluebook.yaml`, with `/` on every platform. */
function relativeReference(from: string, to: string): string {
  const rel = relative(dirname(from), to).split(sep).join('/');
  return rel.startsWith('../') ? rel : `./${rel}`;
}
