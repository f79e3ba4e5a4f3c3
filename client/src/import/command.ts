/**
 * "Bluebook: Import…": its pickers (kind, source, folder) only fill in `{ kind, source, out }`,
 * which tests and other extensions may pass directly; the work is ./run.ts. Registers "Paste cURL
 * as Step" (./pasteCommand.ts) beside it.
 */
import { isAbsolute, resolve } from 'node:path';
import * as vscode from 'vscode';
import { ImportError } from '../../../core/src/import/types.js';
import { pasteCurlAsStep } from './pasteCommand.js';
import { importReport, importSuites, isImportKind, type ImportKind, type ImportOutcome } from './run.js';

export const ImportCommands = {
  import: 'bluebook.import',
  pasteCurl: 'bluebook.pasteCurlAsStep',
} as const;

/** `overwrite`: true writes over existing files, false refuses them, absent asks. */
export interface ImportArgs {
  kind?: ImportKind;
  source?: string;
  out?: string;
  overwrite?: boolean;
}

/** What the import command returns: undefined when a picker was cancelled. */
export type ImportCommandOutcome = ImportOutcome | { error: string } | undefined;

const KINDS: { id: ImportKind; label: string; detail: string; filters?: Record<string, string[]> }[] = [
  {
    id: 'openapi',
    label: 'OpenAPI',
    detail: 'One test per operation, from a 3.0 or 3.1 document',
    filters: { OpenAPI: ['yaml', 'yml', 'json'] },
  },
  {
    id: 'postman',
    label: 'Postman collection',
    detail: 'A v2.0 or v2.1 collection export',
    filters: { 'Postman collection': ['json'] },
  },
  {
    id: 'http',
    label: '.http file',
    detail: 'Requests of a REST Client / JetBrains HTTP file',
    filters: { 'HTTP requests': ['http', 'rest'] },
  },
  { id: 'curl', label: 'cURL command', detail: 'One curl command line' },
];

export function registerImportCommands(): vscode.Disposable {
  const report = vscode.window.createOutputChannel('Bluebook Import');
  return vscode.Disposable.from(
    report,
    vscode.commands.registerCommand(ImportCommands.import, (args?: ImportArgs) =>
      importCommand(report, args),
    ),
    vscode.commands.registerCommand(ImportCommands.pasteCurl, () => pasteCurlAsStep()),
  );
}

async function importCommand(
  report: vscode.OutputChannel,
  args: ImportArgs = {},
): Promise<ImportCommandOutcome> {
  if (args.kind !== undefined && !isImportKind(args.kind))
    return failed(`cannot import "${String(args.kind)}": the kinds are ${KINDS.map((k) => k.id).join(', ')}`);
  const kind = args.kind ?? (await vscode.window.showQuickPick(KINDS, { title: 'Bluebook: Import…' }))?.id;
  if (!kind) return undefined;
  const source = args.source ?? (await pickSource(kind));
  if (!source) return undefined;
  const out = args.out ?? (await pickFolder());
  if (!out) return undefined;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? process.cwd();
  const input = {
    kind,
    source: kind === 'curl' || isAbsolute(source) ? source : resolve(folder, source),
    out: resolve(folder, out),
  };
  let outcome: ImportOutcome;
  try {
    outcome = await importSuites({ ...input, overwrite: args.overwrite });
    if ('existing' in outcome && args.overwrite === undefined && (await confirmOverwrite(outcome.existing)))
      outcome = await importSuites({ ...input, overwrite: true });
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    return failed(error.message);
  }
  if ('existing' in outcome) {
    void vscode.window.showWarningMessage(
      `Bluebook: ${outcome.existing.map((path) => vscode.workspace.asRelativePath(path)).join(', ')} already exist; nothing was imported. Choose another folder, or confirm overwriting.`,
    );
    return outcome;
  }
  for (const path of outcome.written)
    await vscode.window.showTextDocument(vscode.Uri.file(path), { preview: false });
  report.clear();
  report.append(importReport(outcome));
  const summary = `Bluebook: imported ${outcome.written.length} suite${outcome.written.length === 1 ? '' : 's'}`;
  if (outcome.problems.length === 0) void vscode.window.showInformationMessage(`${summary}.`);
  else
    void vscode.window
      .showWarningMessage(
        `${summary}; ${outcome.problems.length} item${outcome.problems.length === 1 ? ' was' : 's were'} not converted.`,
        'Show report',
      )
      .then((choice) => choice && report.show(true));
  return outcome;
}

function failed(message: string): { error: string } {
  void vscode.window.showErrorMessage(`Bluebook: ${message}`);
  return { error: message };
}

async function pickSource(kind: ImportKind): Promise<string | undefined> {
  const entry = KINDS.find((candidate) => candidate.id === kind)!;
  if (kind === 'curl') {
    const clipboard = (await vscode.env.clipboard.readText()).trim();
    return vscode.window.showInputBox({
      title: 'Bluebook: Import cURL command',
      prompt: 'Paste a curl command (line continuations are fine)',
      value: clipboard.startsWith('curl ') ? clipboard : '',
      ignoreFocusOut: true,
    });
  }
  const picked = await vscode.window.showOpenDialog({
    title: `Bluebook: Import ${entry.label}`,
    canSelectMany: false,
    filters: entry.filters,
    openLabel: 'Import',
  });
  return picked?.[0]?.fsPath;
}

async function pickFolder(): Promise<string | undefined> {
  const workspace = vscode.workspace.workspaceFolders?.[0];
  if (!workspace)
    return (
      await vscode.window.showOpenDialog({
        canSelectFolders: true,
        canSelectFiles: false,
        openLabel: 'Write suites here',
      })
    )?.[0]?.fsPath;
  const other = 'Choose another folder…';
  const choice = await vscode.window.showQuickPick([workspace.name, other], {
    title: 'Bluebook: Import into which folder?',
  });
  if (choice !== other) return choice && workspace.uri.fsPath;
  const picked = await vscode.window.showOpenDialog({
    canSelectFolders: true,
    canSelectFiles: false,
    defaultUri: workspace.uri,
    openLabel: 'Write suites here',
  });
  return picked?.[0]?.fsPath;
}

async function confirmOverwrite(existing: readonly string[]): Promise<boolean> {
  const names = existing.map((path) => vscode.workspace.asRelativePath(path)).join(', ');
  const overwrite = 'Overwrite';
  const choice = await vscode.window.showWarningMessage(
    `${names} already exist${existing.length === 1 ? 's' : ''}. Overwrite with the imported suites?`,
    { modal: true },
    overwrite,
  );
  return choice === overwrite;
}
