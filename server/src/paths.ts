/** Completion of relative file paths in values (`file:`, `schema:`, `each:`, a service's `mock:`, …). */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver';
import { resolveSuitePath, type LineIndex } from '../../core/src/index.js';
import type { CursorContext } from './cursor.js';

/** Lists a folder; tests pass their own. */
export type ListDirectory = (folder: string) => { name: string; isDirectory: boolean }[];

function listFolder(dir: string): { name: string; isDirectory: boolean }[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).map((entry) => ({
      name: entry.name,
      isDirectory: entry.isDirectory(),
    }));
  } catch {
    return [];
  }
}

/**
 * The files (matching `extensions`) and folders next to what is typed, relative to the folder of
 * `filePath` (the document's path; none for an unsaved document). A folder re-opens the suggestions.
 */
export function pathItems(
  filePath: string | undefined,
  lines: LineIndex,
  cursor: CursorContext,
  extensions: RegExp | undefined,
  list: ListDirectory = listFolder,
): CompletionItem[] {
  const typed = cursor.prefix.replace(/^["']/, '');
  const folderPart = typed.includes('/') ? typed.slice(0, typed.lastIndexOf('/') + 1) : '';
  const folder = resolveSuitePath(folderPart || '.', { suitePath: filePath });
  if (!folder) return [];
  const start = cursor.prefixStart + (cursor.prefix.length - typed.length);
  const range = lines.rangeOf({ start, end: cursor.prefixStart + cursor.prefix.length });
  return list(folder)
    .filter((entry) => !entry.name.startsWith('.') && entry.name !== 'node_modules')
    .filter((entry) => entry.isDirectory || !extensions || extensions.test(entry.name))
    .map((entry) => {
      const text = `${folderPart || './'}${entry.name}${entry.isDirectory ? '/' : ''}`;
      return {
        label: entry.name + (entry.isDirectory ? '/' : ''),
        kind: entry.isDirectory ? CompletionItemKind.Folder : CompletionItemKind.File,
        filterText: text,
        textEdit: { range, newText: text },
        command: entry.isDirectory
          ? { title: 'Suggest', command: 'editor.action.triggerSuggest' }
          : undefined,
        detail: join(dirname(filePath ?? ''), text),
      };
    });
}
