/**
 * Completion inside JavaScript (SPEC §8), from the script API table: in `${{ }}` the variables in
 * scope, `vars` and (in `expect`/`capture`) `response`; in `script.before`/`after` the script API
 * (`response` in `after` only). After `name.` the members of that API object.
 */
import { CompletionItemKind, MarkupKind, type CompletionItem, type Range } from 'vscode-languageserver';
import { SCRIPT_API, type ScriptApiEntry } from '../../../core/src/script/api.js';
import type { AnalyzedDocument } from '../analysis.js';
import { dottedWordBefore, type ScriptCursor } from '../scriptCursor.js';

/** Whether an API name exists where the cursor is. */
export function isAvailable(entry: ScriptApiEntry, script: ScriptCursor): boolean {
  if (entry.needsResponse && !script.hasResponse) return false;
  return entry.where === 'both' || entry.where === script.kind;
}

/** Markdown listing the members of a root such as `response` available here, with their docs. */
export function describeRoot(root: string, script: ScriptCursor): string | undefined {
  const members = SCRIPT_API.filter(
    (entry) => entry.name.startsWith(`${root}.`) && isAvailable(entry, script),
  );
  if (members.length === 0) return undefined;
  return members.map((entry) => `- \`${entry.signature}\` — ${entry.doc}`).join('\n');
}

export function scriptItems(
  analyzed: AnalyzedDocument,
  offset: number,
  script: ScriptCursor,
  variables: (range: Range) => CompletionItem[],
): CompletionItem[] {
  const lines = analyzed.doc.lineIndex;
  const position = lines.positionAt(offset);
  const lineStart = offset - position.character;
  const { word, start } = dottedWordBefore(lines.lineText(position.line), position.character);
  const dot = word.lastIndexOf('.');
  if (dot >= 0) {
    const root = word.slice(0, dot);
    const range = lines.rangeOf({ start: lineStart + start + dot + 1, end: offset });
    if (script.kind === 'expression' && root === 'vars') return variables(range);
    return SCRIPT_API.filter(
      (entry) =>
        entry.name.startsWith(`${root}.`) &&
        !entry.name.slice(dot + 1).includes('.') &&
        isAvailable(entry, script),
    ).map((entry) => apiItem(entry, entry.name.slice(dot + 1), range));
  }
  const range = lines.rangeOf({ start: lineStart + start, end: offset });
  const items: CompletionItem[] = script.kind === 'expression' ? variables(range) : [];
  const roots = new Set<string>();
  for (const entry of SCRIPT_API) {
    if (!isAvailable(entry, script)) continue;
    const root = entry.name.split('.')[0];
    if (root !== entry.name) roots.add(root);
    else items.push(apiItem(entry, entry.name, range, describeRoot(root, script)));
  }
  for (const root of roots) {
    if (SCRIPT_API.some((entry) => entry.name === root && isAvailable(entry, script))) continue;
    items.push({
      label: root,
      kind: CompletionItemKind.Module,
      documentation: { kind: MarkupKind.Markdown, value: describeRoot(root, script)! },
      textEdit: { range, newText: root },
      sortText: `1${root}`,
    });
  }
  return items;
}

function apiItem(entry: ScriptApiEntry, label: string, range: Range, members?: string): CompletionItem {
  return {
    label,
    kind: entry.signature.includes('(')
      ? CompletionItemKind.Function
      : members
        ? CompletionItemKind.Module
        : CompletionItemKind.Property,
    detail: entry.signature,
    documentation: { kind: MarkupKind.Markdown, value: members ? `${entry.doc}\n\n${members}` : entry.doc },
    textEdit: { range, newText: label },
    sortText: `1${label}`,
  };
}
