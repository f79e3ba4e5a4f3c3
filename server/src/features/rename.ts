import { pathToFileURL } from 'node:url';
import type { Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { mapEntries, yamlNodeAt } from '../../../core/src/validate/nodes.js';
import type { Span } from '../../../core/src/index.js';
import { isSeq, type Node } from 'yaml';
import type { AnalyzedDocument } from '../analysis.js';
import { symbolAt, usesOf } from './navigation.js';

const NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** The range of a renameable name at the position, or null (built-ins, `env.*`, undefined names). */
export function prepareRename(
  analyzed: AnalyzedDocument,
  position: Position,
): { range: Range; placeholder: string } | null {
  const symbol = symbolAt(analyzed, analyzed.doc.lineIndex.offsetAt(position));
  if (!symbol || symbol.envName || !symbol.definition || symbol.definition.kind === 'override') return null;
  return { range: analyzed.doc.lineIndex.rangeOf(symbol.span), placeholder: symbol.name };
}

/**
 * Renames a variable or capture everywhere it is visible: its definition (in the suite, every
 * `each` row, or every environment of bluebook.config.yaml) and every `${…}` use resolving to it.
 * Returns null when there is nothing to rename or the new name is not a valid variable name.
 */
export function rename(
  analyzed: AnalyzedDocument,
  position: Position,
  newName: string,
): WorkspaceEdit | null {
  if (!NAME.test(newName)) return null;
  const lines = analyzed.doc.lineIndex;
  const symbol = symbolAt(analyzed, lines.offsetAt(position));
  const found = symbol?.definition;
  if (!symbol || symbol.envName || !found || found.kind === 'override') return null;
  const edit = (span: Span): TextEdit => ({ range: lines.rangeOf(span), newText: newName });
  const edits: TextEdit[] = usesOf(analyzed, found).map(edit);
  const changes: Record<string, TextEdit[]> = {};
  if (found.kind === 'environment') {
    const config = analyzed.context.config;
    if (config) {
      changes[pathToFileURL(config.path).href] = config.keys
        .filter((key) => key.name === found.name)
        .map((key) => ({ range: config.lineIndex.rangeOf(key.span), newText: newName }));
    }
  } else if (found.kind === 'each' && found.span) {
    const rows = yamlNodeAt(analyzed.doc, found.span.start);
    if (rows && isSeq(rows.node)) {
      for (const row of rows.node.items as Node[]) {
        for (const entry of mapEntries(row, rows.base))
          if (entry.key === found.name) edits.push(edit({ start: entry.keyStart, end: entry.keyEnd }));
      }
    }
  } else if (found.span) {
    edits.push(edit(found.span));
  }
  changes[analyzed.uri] = [...(changes[analyzed.uri] ?? []), ...edits].sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
  return { changes };
}
