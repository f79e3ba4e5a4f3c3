/**
 * The environment picker: a status bar item showing the environment editor runs use (from the
 * workspace's `bluebook.config.yaml` files), a quick pick to change it, persisted per workspace.
 * The language server is told, so its hovers show that environment's values.
 */
import * as vscode from 'vscode';
import { CONFIG_FILE_NAME, parseConfig, type ProjectConfig } from '../../core/src/index.js';

const STATE_KEY = 'bluebook.selectedEnvironment';
export const SELECT_ENVIRONMENT_COMMAND = 'bluebook.selectEnvironment';

export class Environments implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(
    'bluebook.environment',
    vscode.StatusBarAlignment.Left,
    50,
  );
  private readonly changed = new vscode.EventEmitter<string | undefined>();
  /** Fires with the newly picked environment (undefined: each config's default). */
  readonly onDidChange = this.changed.event;
  private configs: ProjectConfig[] = [];
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly state: vscode.Memento) {
    this.item.name = 'Bluebook environment';
    this.item.command = SELECT_ENVIRONMENT_COMMAND;
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE_NAME}`);
    this.disposables.push(
      this.item,
      this.changed,
      watcher,
      watcher.onDidCreate(() => void this.refresh()),
      watcher.onDidChange(() => void this.refresh()),
      watcher.onDidDelete(() => void this.refresh()),
      vscode.commands.registerCommand(SELECT_ENVIRONMENT_COMMAND, (name?: string) =>
        name === undefined ? this.pick() : this.select(name || undefined),
      ),
    );
  }

  /** The picked environment; undefined means each config's `defaultEnvironment`. */
  get selected(): string | undefined {
    return this.state.get<string>(STATE_KEY);
  }

  /** Environment names across the workspace's configs, in first-seen order. */
  get names(): string[] {
    return [...new Set(this.configs.flatMap((config) => config.environments.map((env) => env.name)))];
  }

  /** Re-reads every `bluebook.config.yaml` of the workspace. */
  async refresh(): Promise<void> {
    const uris = await vscode.workspace.findFiles(`**/${CONFIG_FILE_NAME}`, '**/node_modules/**');
    const configs: ProjectConfig[] = [];
    for (const uri of uris) {
      try {
        configs.push(
          parseConfig(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)), uri.fsPath),
        );
      } catch {
        // deleted between the search and the read
      }
    }
    this.configs = configs;
    this.render();
  }

  async select(name: string | undefined): Promise<void> {
    await this.state.update(STATE_KEY, name);
    this.render();
    this.changed.fire(name);
  }

  private async pick(): Promise<void> {
    await this.refresh();
    const defaults = [...new Set(this.configs.map((c) => c.defaultEnvironment).filter(Boolean))];
    const current = (value: string | undefined) => (value === this.selected ? ' · current' : '');
    const items: (vscode.QuickPickItem & { value: string | undefined })[] = [
      {
        label: 'Default',
        description:
          (defaults.length
            ? `defaultEnvironment: ${defaults.join(', ')}`
            : 'the config’s first environment') + current(undefined),
        value: undefined,
      },
      ...this.names.map((name) => ({
        label: name,
        description: (this.baseUrlOf(name) ?? '') + current(name),
        value: name,
      })),
    ];
    const quickPick = vscode.window.createQuickPick<(typeof items)[number]>();
    quickPick.title = 'Bluebook: environment for runs from the editor';
    quickPick.placeholder = this.names.length
      ? 'Pick an environment'
      : `No environments: add them to ${CONFIG_FILE_NAME}`;
    quickPick.items = items;
    quickPick.matchOnDescription = true;
    quickPick.activeItems = items.filter((item) => item.value === this.selected);
    const choice = await new Promise<(typeof items)[number] | undefined>((resolve) => {
      quickPick.onDidAccept(() => resolve(quickPick.selectedItems[0]));
      quickPick.onDidHide(() => resolve(undefined));
      quickPick.show();
    });
    quickPick.dispose();
    if (choice) await this.select(choice.value);
  }

  /** The environment's `baseUrl` as its configs spell it (not when it is a secret), to tell them apart. */
  private baseUrlOf(name: string): string | undefined {
    const urls = new Set<string>();
    for (const config of this.configs) {
      const value = config.environmentValues[name]?.baseUrl;
      if (typeof value === 'string' && !config.secrets.includes('baseUrl')) urls.add(value);
    }
    return urls.size > 0 ? [...urls].join(', ') : undefined;
  }

  private render(): void {
    if (this.configs.length === 0) {
      this.item.hide();
      return;
    }
    const shown =
      this.selected ?? this.configs[0].defaultEnvironment ?? this.configs[0].environments[0]?.name ?? 'none';
    this.item.text = `$(server-environment) ${shown}`;
    this.item.tooltip = `Bluebook environment for runs from the editor${this.selected ? '' : ' (the config default)'} — click to change`;
    this.item.show();
  }

  /** The status bar text, for tests. */
  get statusText(): string {
    return this.item.text;
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
