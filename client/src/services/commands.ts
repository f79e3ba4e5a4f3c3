/**
 * Commands of services and mocks: Stop Services, Restart Service…, Start Mock, Stop Mock, and the
 * status bar item's menu. In Restricted Mode nothing starts; the commands that would start
 * something say why. Each returns what it did, for tests and other extensions.
 */
import * as vscode from 'vscode';
import type { EditorServices } from './editorServices.js';
import { Commands } from '../../../core/src/protocol.js';
import { SERVICES_MENU_COMMAND } from './statusBar.js';

export const ServiceCommands = {
  stopServices: 'bluebook.stopServices',
  restartService: 'bluebook.restartService',
  /** The "▶ Start mock" code lens of the language server invokes it. */
  startMock: Commands.startMock,
  stopMock: 'bluebook.stopMock',
} as const;

export const UNTRUSTED_SERVICES_MESSAGE =
  'Bluebook does not start services or mocks in Restricted Mode: they run programs and open ports. Trust this workspace to start them.';

export type StartMockOutcome =
  { name: string; url: string; already: boolean } | { refused: string } | { error: string };

export function registerServiceCommands(services: EditorServices): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(ServiceCommands.stopServices, () => services.manager.stop()),
    vscode.commands.registerCommand(ServiceCommands.restartService, (name?: string) =>
      restartService(services, name),
    ),
    vscode.commands.registerCommand(ServiceCommands.startMock, (target?: string | vscode.Uri) =>
      startMockCommand(services, target),
    ),
    vscode.commands.registerCommand(ServiceCommands.stopMock, (target?: string | vscode.Uri) =>
      stopMockCommand(services, target),
    ),
    vscode.commands.registerCommand(SERVICES_MENU_COMMAND, () => menu(services)),
  );
}

function refuse(): { refused: string } {
  void vscode.window.showErrorMessage(UNTRUSTED_SERVICES_MESSAGE, 'Manage Workspace Trust').then((choice) => {
    if (choice) void vscode.commands.executeCommand('workbench.trust.manage');
  });
  return { refused: UNTRUSTED_SERVICES_MESSAGE };
}

async function restartService(
  services: EditorServices,
  name: string | undefined,
): Promise<boolean | { refused: string }> {
  if (!vscode.workspace.isTrusted) return refuse();
  const names = services.manager.names();
  const picked =
    name ??
    (names.length === 0
      ? undefined
      : await vscode.window.showQuickPick(names, { placeHolder: 'Restart which service?' }));
  if (picked === undefined) {
    if (names.length === 0) void vscode.window.showInformationMessage('Bluebook: no services are running.');
    return false;
  }
  if (await services.manager.restart(picked)) return true;
  void vscode.window.showWarningMessage(
    `Bluebook: service ${picked} is not running; running: ${names.join(', ') || 'none'}. A run starts the services its environment refers to.`,
  );
  return false;
}

/** A mock file from a command argument (URI string, path or Uri), else the active editor's file. */
function mockFile(target: string | vscode.Uri | undefined): vscode.Uri | undefined {
  if (target instanceof vscode.Uri) return target;
  if (typeof target === 'string')
    return /^[a-z][\w+.-]+:/i.test(target) ? vscode.Uri.parse(target) : vscode.Uri.file(target);
  return vscode.window.activeTextEditor?.document.uri;
}

async function startMockCommand(
  services: EditorServices,
  target: string | vscode.Uri | undefined,
): Promise<StartMockOutcome | undefined> {
  if (!vscode.workspace.isTrusted) return refuse();
  const uri = mockFile(target);
  if (!uri || uri.scheme !== 'file') {
    void vscode.window.showWarningMessage(
      'Bluebook: open a *.mock.yaml file (saved on disk) to start it as a mock, or pass its URI.',
    );
    return undefined;
  }
  try {
    const { mock, already } = await services.mocks.start(uri.fsPath);
    if (already) services.mockChannels.show(mock.name, false);
    else services.mockChannels.append(mock.name, `${mock.name} → ${mock.url} (${mock.file})`);
    void vscode.window.showInformationMessage(
      `Bluebook: mock ${mock.name} → ${mock.url}${already ? ' (already running)' : ''}`,
    );
    return { name: mock.name, url: mock.url, already };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    services.logError(`cannot start mock ${uri.fsPath}:\n${message}`);
    void vscode.window.showErrorMessage(
      `Bluebook: cannot start mock ${vscode.workspace.asRelativePath(uri)}: ${message}`,
    );
    return { error: message };
  }
}

async function stopMockCommand(
  services: EditorServices,
  target: string | vscode.Uri | undefined,
): Promise<boolean> {
  const running = services.mocks.list();
  let key: string | undefined;
  if (target instanceof vscode.Uri) key = target.fsPath;
  else if (typeof target === 'string')
    key = /^[a-z][\w+.-]+:/i.test(target) ? vscode.Uri.parse(target).fsPath : target;
  else if (running.length === 1) key = running[0].file;
  else if (running.length > 1)
    key = (
      await vscode.window.showQuickPick(
        running.map((mock) => ({ label: mock.name, description: mock.url, file: mock.file })),
        { placeHolder: 'Stop which mock?' },
      )
    )?.file;
  if (key === undefined) {
    if (running.length === 0) void vscode.window.showInformationMessage('Bluebook: no mocks are running.');
    return false;
  }
  return services.mocks.stop(key);
}

/** The status bar item's menu. */
async function menu(services: EditorServices): Promise<void> {
  type Choice = vscode.QuickPickItem & { run(): unknown };
  const choices: Choice[] = [];
  if (services.manager.names().length > 0)
    choices.push(
      { label: '$(debug-stop) Stop Services', run: () => services.manager.stop() },
      { label: '$(debug-restart) Restart Service…', run: () => restartService(services, undefined) },
    );
  for (const mock of services.mocks.list())
    choices.push({
      label: `$(debug-stop) Stop Mock ${mock.name}`,
      description: mock.url,
      run: () => services.mocks.stop(mock.file),
    });
  for (const name of services.serviceChannels.names())
    choices.push({
      label: `$(output) Show Output: ${name}`,
      run: () => services.serviceChannels.show(name, false),
    });
  for (const name of services.mockChannels.names())
    choices.push({
      label: `$(output) Show Journal: ${name} (mock)`,
      run: () => services.mockChannels.show(name, false),
    });
  const choice = await vscode.window.showQuickPick(choices, { placeHolder: 'Bluebook services and mocks' });
  await choice?.run();
}
