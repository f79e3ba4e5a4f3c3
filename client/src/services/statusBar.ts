/** The status bar item of the running services and mocks: `$(server-process) 2 services`, hidden when none run. */
import * as vscode from 'vscode';
import { statusSummary, type MockSummary, type StatusSummary } from './summary.js';
import type { ServiceState } from '../../../core/src/services/types.js';

export const SERVICES_MENU_COMMAND = 'bluebook.servicesMenu';

export class ServicesStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(
    'bluebook.services',
    vscode.StatusBarAlignment.Left,
    49,
  );
  private readonly changed = new vscode.EventEmitter<StatusSummary | undefined>();
  /** Fires after each render with what the item shows (undefined: hidden). */
  readonly onDidChange = this.changed.event;
  private shown: StatusSummary | undefined;

  constructor() {
    this.item.name = 'Bluebook services';
    this.item.command = SERVICES_MENU_COMMAND;
  }

  /** What the item shows now (undefined: hidden). */
  get summary(): StatusSummary | undefined {
    return this.shown;
  }

  render(services: ServiceState[], mocks: MockSummary[]): void {
    const summary = statusSummary(services, mocks);
    this.shown = summary;
    if (!summary) this.item.hide();
    else {
      this.item.text = summary.text;
      const tooltip = new vscode.MarkdownString();
      for (const line of summary.lines) tooltip.appendText(line).appendMarkdown('  \n');
      tooltip.appendMarkdown('\nClick to stop, restart or show output.');
      this.item.tooltip = tooltip;
      this.item.backgroundColor =
        summary.state === 'failed' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
      this.item.show();
    }
    this.changed.fire(summary);
  }

  dispose(): void {
    this.item.dispose();
    this.changed.dispose();
  }
}
