/**
 * The last response of a step: a hover on its method line (status, main headers, body excerpt)
 * with a link that opens the full request/response as a read-only `bluebook-response:` document.
 */
import * as vscode from 'vscode';
import { formatResponseDocument, formatResponseHover, responseTitle } from './present.js';
import type { ResultStore } from './store.js';

export const RESPONSE_SCHEME = 'bluebook-response';
export const OPEN_RESPONSE_COMMAND = 'bluebook.openLastResponse';

/**
 * `bluebook-response:/users · read-user · step 1.http?{"uri":…,"key":…}` — the path only names
 * the tab (steps counted from 1, as a reader counts them).
 */
export function responseUri(suiteUri: string, key: string): vscode.Uri {
  return vscode.Uri.from({
    scheme: RESPONSE_SCHEME,
    path: `/${responseTitle(suiteUri, key)}.http`,
    query: JSON.stringify({ uri: suiteUri, key }),
  });
}

export class ResponseViews
  implements vscode.TextDocumentContentProvider, vscode.HoverProvider, vscode.Disposable
{
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly open = new Set<string>();

  constructor(private readonly store: ResultStore) {
    const subscription = store.onDidChange(() => {
      for (const uri of this.open) this.changed.fire(vscode.Uri.parse(uri));
    });
    this.disposables.push(
      this.changed,
      { dispose: () => subscription.dispose() },
      vscode.workspace.registerTextDocumentContentProvider(RESPONSE_SCHEME, this),
      vscode.languages.registerHoverProvider({ language: 'bluebook' }, this),
      vscode.commands.registerCommand(OPEN_RESPONSE_COMMAND, (suiteUri: string, key: string) =>
        this.show(suiteUri, key),
      ),
      vscode.workspace.onDidCloseTextDocument((d) => this.open.delete(d.uri.toString())),
    );
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    this.open.add(uri.toString());
    const { uri: suiteUri, key } = parseQuery(uri.query);
    const record = suiteUri && key ? this.store.get(suiteUri, key) : undefined;
    if (!record) return '# No result for this step any more: run it again.\n';
    return formatResponseDocument(record.result);
  }

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const line = document.lineAt(position.line);
    const uri = document.uri.toString();
    const record = this.store.atMethodLine(
      uri,
      document.offsetAt(line.range.start),
      document.offsetAt(line.range.end),
    );
    if (!record || (!record.result.response && !record.result.error)) return undefined;
    const args = encodeURIComponent(JSON.stringify([uri, record.key]));
    const markdown = new vscode.MarkdownString(
      formatResponseHover(record.result, `command:${OPEN_RESPONSE_COMMAND}?${args}`),
    );
    markdown.isTrusted = { enabledCommands: [OPEN_RESPONSE_COMMAND] };
    return new vscode.Hover(markdown, line.range);
  }

  async show(suiteUri: string, key: string): Promise<vscode.TextDocument> {
    let document = await vscode.workspace.openTextDocument(responseUri(suiteUri, key));
    const languages = await vscode.languages.getLanguages();
    const language = languages.includes('http') ? 'http' : undefined;
    if (language && document.languageId !== language)
      document = await vscode.languages.setTextDocumentLanguage(document, language);
    await vscode.window.showTextDocument(document, { preview: true, viewColumn: vscode.ViewColumn.Beside });
    return document;
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}

function parseQuery(query: string): { uri?: string; key?: string } {
  try {
    const value = JSON.parse(query) as unknown;
    if (value && typeof value === 'object') {
      const { uri, key } = value as Record<string, unknown>;
      return { ...(typeof uri === 'string' ? { uri } : {}), ...(typeof key === 'string' ? { key } : {}) };
    }
  } catch {
    // a hand-made URI: nothing to show
  }
  return {};
}
