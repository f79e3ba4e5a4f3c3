/**
 * "Accept new snapshot": from a failed snapshot's test message (package.json's `testing/message/*`
 * menus) and as a quick fix on its `snapshot:` line while the failed result is known and its value
 * not yet stored. Either way
 * the value the run would have stored is written into `__snapshots__/<suite>.snap.yaml` (that one
 * entry; core/src/snapshot/accept.ts).
 */
import * as vscode from 'vscode';
import type { SnapshotRecord } from '../../../core/src/index.js';
import { deepEqual } from '../../../core/src/expect/values.js';
import { acceptSnapshot } from '../../../core/src/snapshot/accept.js';
import { readSnapshots } from '../../../core/src/snapshot/file.js';
import type { ResultStore } from '../results/store.js';
import { failedSnapshotsAt, snapshotText, type FailedSnapshot } from './find.js';

export const ACCEPT_SNAPSHOT_COMMAND = 'bluebook.acceptSnapshot';

/** What the `testing/message/*` menus pass: the message and its test item. */
interface MessageArgs {
  test?: vscode.TestItem;
  message: vscode.TestMessage;
}

export function registerSnapshotActions(results: ResultStore): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(ACCEPT_SNAPSHOT_COMMAND, (args?: SnapshotRecord | MessageArgs) =>
      acceptCommand(results, args),
    ),
    vscode.languages.registerCodeActionsProvider(
      { language: 'bluebook' },
      { provideCodeActions: (document, range) => codeActions(results, document, range) },
      { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
    ),
  );
}

/** Returns the accepted snapshot's file, or undefined when there was nothing to accept. */
async function acceptCommand(
  results: ResultStore,
  args: SnapshotRecord | MessageArgs | undefined,
): Promise<string | undefined> {
  const snapshot = isRecord(args)
    ? args
    : args?.message
      ? await fromMessage(results, args.message)
      : undefined;
  if (!snapshot) {
    void vscode.window.showWarningMessage(
      'Bluebook: no failed snapshot result is known here any more (the step was edited or not run). Run the test again, then accept.',
    );
    return undefined;
  }
  try {
    acceptSnapshot(snapshot.file, snapshot.test, snapshot.step, snapshot.value);
  } catch (error) {
    void vscode.window.showErrorMessage(`Bluebook: ${(error as Error).message}`);
    return undefined;
  }
  void vscode.window.showInformationMessage(
    `Bluebook: accepted the new snapshot of ${snapshot.test} › ${snapshot.step}.`,
  );
  return snapshot.file;
}

function isRecord(args: unknown): args is SnapshotRecord {
  return (
    typeof args === 'object' &&
    args !== null &&
    typeof (args as SnapshotRecord).file === 'string' &&
    typeof (args as SnapshotRecord).test === 'string' &&
    typeof (args as SnapshotRecord).step === 'string'
  );
}

/** The message's snapshot: by its location, and by its new value when `each` rows share the line. */
async function fromMessage(
  results: ResultStore,
  message: vscode.TestMessage,
): Promise<SnapshotRecord | undefined> {
  if (!message.location) return undefined;
  const document = await vscode.workspace.openTextDocument(message.location.uri);
  const found = at(results, document, message.location.range);
  const actual = typeof message.actualOutput === 'string' ? message.actualOutput : undefined;
  const same = found.filter((candidate) => snapshotText(candidate.snapshot.value) === actual);
  return (same.length > 0 ? same : found.length === 1 ? found : [])[0]?.snapshot;
}

function at(results: ResultStore, document: vscode.TextDocument, range: vscode.Range): FailedSnapshot[] {
  const start = document.offsetAt(document.lineAt(range.start.line).range.start);
  const end = document.offsetAt(document.lineAt(range.end.line).range.end);
  return failedSnapshotsAt(results.records(document.uri.toString()), start, end);
}

/** Already accepted: the file holds this value (a broken file counts as not stored). */
function isStored(snapshot: SnapshotRecord): boolean {
  try {
    return deepEqual(readSnapshots(snapshot.file)[snapshot.test]?.[snapshot.step], snapshot.value);
  } catch {
    return false;
  }
}

function codeActions(
  results: ResultStore,
  document: vscode.TextDocument,
  range: vscode.Range,
): vscode.CodeAction[] {
  const found = at(results, document, range).filter(({ snapshot }) => !isStored(snapshot));
  return found.map(({ snapshot }) => {
    const title =
      found.length === 1
        ? 'Accept new snapshot'
        : `Accept new snapshot of ${snapshot.test} › ${snapshot.step}`;
    const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
    action.command = { title, command: ACCEPT_SNAPSHOT_COMMAND, arguments: [snapshot] };
    return action;
  });
}
