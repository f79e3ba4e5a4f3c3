/**
 * Inline results: after a run, each step's method line ends with `✓ 201 Created · 34 ms` and each
 * failed expectation's line with `expected 200, got 404`. Reads the {@link ResultStore}, so an edit
 * inside a step removes its stale text at once; `bluebook.inlineResults.enabled` turns it off.
 *
 * VS Code draws its own badge (a content widget) at the end of every line holding a located error
 * message of the newest run, exactly where an `after` decoration starts; nothing an extension
 * draws at a line's end can move it. So this text stays off those lines ({@link
 * ResultStore.badgeSpans}): there the badge speaks, worded by `summaryMessages` (present.ts). Lines
 * of older runs, whose badges VS Code has dropped, get our text again.
 */
import * as vscode from 'vscode';
import { expectationSummary, stepSummary } from './present.js';
import type { ResultStore } from './store.js';

export interface InlineText {
  line: number;
  text: string;
  state: 'passed' | 'failed' | 'skipped';
}

export class InlineResults implements vscode.Disposable {
  private readonly types = {
    passed: vscode.window.createTextEditorDecorationType({
      after: { margin: '0 0 0 2em', color: new vscode.ThemeColor('testing.iconPassed') },
    }),
    failed: vscode.window.createTextEditorDecorationType({
      after: { margin: '0 0 0 2em', color: new vscode.ThemeColor('testing.iconFailed') },
    }),
    skipped: vscode.window.createTextEditorDecorationType({
      after: { margin: '0 0 0 2em', color: new vscode.ThemeColor('descriptionForeground') },
    }),
  };
  /** What was last drawn per document URI (the e2e tests read it; VS Code cannot report decorations). */
  private readonly drawn = new Map<string, InlineText[]>();
  private readonly rendered = new vscode.EventEmitter<string>();
  readonly onDidRender = this.rendered.event;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly store: ResultStore,
    private readonly enabled: () => boolean,
  ) {
    const storeSubscription = store.onDidChange((uri) => this.renderUri(uri));
    this.disposables.push(
      { dispose: () => storeSubscription.dispose() },
      this.rendered,
      ...Object.values(this.types),
      vscode.window.onDidChangeVisibleTextEditors(() => this.renderAll()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (
          event.affectsConfiguration('bluebook.inlineResults') ||
          event.affectsConfiguration('testing.showAllMessages')
        )
          this.renderAll();
      }),
    );
  }

  textsFor(uri: string): InlineText[] {
    return this.drawn.get(uri) ?? [];
  }

  renderAll(): void {
    // Hidden documents too: what they show when they come back must follow the setting.
    const uris = new Set([
      ...this.drawn.keys(),
      ...vscode.window.visibleTextEditors.map((e) => e.document.uri.toString()),
    ]);
    for (const uri of uris) this.renderUri(uri);
  }

  private renderUri(uri: string): void {
    const texts = this.enabled() ? this.compute(uri) : [];
    const editors = vscode.window.visibleTextEditors.filter(
      (editor) => editor.document.uri.toString() === uri,
    );
    for (const editor of editors) {
      for (const state of ['passed', 'failed', 'skipped'] as const) {
        const options = texts
          .filter((text) => text.state === state && text.line < editor.document.lineCount)
          .map((text) => {
            const end = editor.document.lineAt(text.line).range.end;
            return {
              range: new vscode.Range(end, end),
              renderOptions: { after: { contentText: text.text } },
            };
          });
        editor.setDecorations(this.types[state], options);
      }
    }
    this.drawn.set(uri, texts);
    this.rendered.fire(uri);
  }

  private compute(uri: string): InlineText[] {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
    if (!document) return [];
    const byLine = new Map<number, InlineText>();
    const put = (text: InlineText) => {
      const existing = byLine.get(text.line);
      // Several `each` rows share a line: a failure is what matters most.
      if (!existing || (existing.state !== 'failed' && text.state === 'failed')) byLine.set(text.line, text);
    };
    for (const record of this.store.records(uri)) {
      const summary = stepSummary(record.result);
      if (summary) {
        const state =
          record.result.outcome === 'passed'
            ? 'passed'
            : record.result.outcome === 'skipped'
              ? 'skipped'
              : 'failed';
        put({ line: document.positionAt(record.methodSpan.start).line, text: summary, state });
      }
      record.result.expectations.forEach((expectation, i) => {
        const span = record.expectationSpans[i];
        if (expectation.passed || !span) return;
        put({
          line: document.positionAt(span.start).line,
          text: expectationSummary(expectation),
          state: 'failed',
        });
      });
    }
    const showAll = vscode.workspace.getConfiguration('testing').get<boolean>('showAllMessages', false);
    for (const span of this.store.badgeSpans(uri, showAll))
      byLine.delete(document.positionAt(span.start).line);
    return [...byLine.values()].sort((a, b) => a.line - b.line);
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
