/**
 * "Bluebook: Open Last Report": the HTML report of the last editor run, rendered by the CLI's
 * reporter (cli/src/reporters/html-model.ts, html-page.ts), written to the extension's storage
 * as `last-report.html` and shown in a webview panel (scripts on, no network, no local files).
 */
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { LineIndex } from '../../../core/src/index.js';
import { buildReportData } from '../../../cli/src/reporters/html-model.js';
import { renderHtmlReport } from '../../../cli/src/reporters/html-page.js';
import type { SourceFile } from '../../../cli/src/reporters/reporter.js';
import type { LastRun } from './lastRun.js';

export const REPORT_FILE = 'last-report.html';

export async function openLastReport(
  lastRun: LastRun,
  storage: vscode.Uri,
  version: string,
): Promise<vscode.Uri | undefined> {
  if (lastRun.suites.length === 0) {
    void vscode.window.showInformationMessage('Bluebook: no run yet. Run a suite, then open its report.');
    return undefined;
  }
  const html = renderHtmlReport(
    buildReportData({
      suites: lastRun.suites,
      totals: lastRun.totals,
      durationMs: lastRun.durationMs,
      version,
      title: 'Bluebook: last run',
      source: sourceOf,
    }),
  );
  await vscode.workspace.fs.createDirectory(storage);
  const file = vscode.Uri.joinPath(storage, REPORT_FILE);
  await vscode.workspace.fs.writeFile(file, Buffer.from(html, 'utf8'));
  const panel = vscode.window.createWebviewPanel(
    'bluebook.report',
    'Bluebook Report',
    vscode.ViewColumn.Active,
    {
      enableScripts: true,
      enableCommandUris: false,
      localResourceRoots: [],
    },
  );
  panel.webview.html = html;
  return file;
}

function sourceOf(path: string): SourceFile | undefined {
  try {
    const text = readFileSync(path, 'utf8');
    return { path, display: vscode.workspace.asRelativePath(path), lineIndex: new LineIndex(text) };
  } catch {
    return undefined;
  }
}
