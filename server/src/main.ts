/**
 * The Bluebook language server (stdio, or any transport vscode-languageserver supports). This file
 * only wires the connection: every answer comes from a function in `features/` that takes the
 * analysed document and the request's params. Nothing here assumes the VS Code client.
 */
import {
  createConnection,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type CompletionList,
  type Connection,
  type InitializeResult,
  type Location,
  type Position,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DEFAULT_SETTINGS,
  LastResultsNotification,
  resolveSettings,
  SelectedEnvironmentNotification,
  WorkspaceScanNotification,
  type BluebookInitializationOptions,
  type BluebookSettings,
  type LastResultsParams,
  type SelectedEnvironmentParams,
} from '../../core/src/protocol.js';
import { parseProjectConfig, type ProjectConfig } from '../../core/src/index.js';
import { analyze, forgetDocument, isConfigUri, parseCacheFor, type AnalyzedDocument } from './analysis.js';
import { codeActions, fixActions } from './features/codeActions.js';
import { codeLenses } from './features/codeLens.js';
import { completion } from './features/completion.js';
import { configCompletion } from './features/configCompletion.js';
import { configDiagnostics } from './features/configDiagnostics.js';
import { configHover } from './features/configHover.js';
import { definition } from './features/definition.js';
import { diagnostics, toLspDiagnostic } from './features/diagnostics.js';
import { graphqlCompletion, graphqlHover } from './features/graphql.js';
import { documentSymbols } from './features/documentSymbols.js';
import { foldingRanges } from './features/foldingRanges.js';
import { hover } from './features/hover.js';
import { OpenapiDocuments } from './features/openapiDocuments.js';
import { openapiHover } from './features/openapiHover.js';
import { references } from './features/references.js';
import { prepareRename, rename } from './features/rename.js';
import {
  prepareTestIdRename,
  renameTestId,
  testIdAt,
  testIdDefinition,
  testIdReferences,
  type TestIdAt,
} from './features/testIds.js';
import type { AnalyzedMock } from './mockAnalysis.js';
import { MockDocuments, type MockFeatures } from './mockDocuments.js';
import { filePath, ProjectCache, SUITE_FILE } from './project.js';
import { configSource, suiteSource, type UseSource } from './useSteps.js';
import { SuiteWorkspace } from './workspace.js';
import { WorkspaceDiagnostics } from './workspaceDiagnostics.js';

const connection: Connection = createConnection(ProposedFeatures.all);
// stdout carries the protocol: anything else printed there would corrupt it.
console.log = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
console.info = console.log;
console.warn = (...args: unknown[]) => connection.console.warn(args.map(String).join(' '));
console.error = (...args: unknown[]) => connection.console.error(args.map(String).join(' '));

const documents = new TextDocuments(TextDocument);
const project = new ProjectCache();
const analyses = new Map<string, AnalyzedDocument>();
const configs = new Map<string, { version: number; config: ProjectConfig }>();
const mocks = new MockDocuments(documents);
const settingsCache = new Map<string, Promise<BluebookSettings>>();
const lastResults = new Map<string, LastResultsParams>();
// A document that finishes (re)loading changes the warnings of closed suites too.
const openapiDocuments = new OpenapiDocuments(() => {
  revalidateAll();
  workspaceDiagnostics.scanAll();
});
let selectedEnvironment: string | undefined;
const suites = new SuiteWorkspace(project, {
  document: (path) => {
    const uri = documentUris.get(path);
    return uri ? analysisOf(uri)?.doc : undefined;
  },
  paths: () => [...documentUris.keys()],
});
/** Open suites by file path, for features that cross files. */
const documentUris = new Map<string, string>();
let canPullConfiguration = false;
let canWatchFiles = false;
let hasWorkspaceFolders = false;
const workspaceRoots = new Set<string>();

function rootPaths(): string[] {
  return [...workspaceRoots].map(filePath).filter((path): path is string => path !== undefined);
}

/** Settings for suites that are not open: the first workspace folder's. */
let workspaceSettings = DEFAULT_SETTINGS;
const workspaceDiagnostics = new WorkspaceDiagnostics({
  suiteFiles: () => [...new Set(rootPaths().flatMap((root) => project.filesUnder(root).suites))],
  text: (path) => project.fileSystem.readText(path),
  isOpen: (path) => documentUris.has(path),
  validate: (path) => {
    if (!project.fileSystem.isFile(path)) return undefined;
    const text = project.fileSystem.readText(path);
    if (text === undefined) return undefined;
    const uri = pathToFileURL(path).href;
    return safely('workspace diagnostics', [], () =>
      diagnostics(analyze(text, uri, 0, openapiDocuments.attach(project.contextFor(uri, workspaceSettings)))),
    );
  },
  publish: (path, result) =>
    void connection.sendDiagnostics({ uri: pathToFileURL(path).href, diagnostics: result }),
});

/** Set while the client asked to wait for its `WorkspaceScanNotification`. */
let scanDeferred = false;
/** The longest the server waits for that notification. */
const SCAN_DEFER_LIMIT_MS = 10_000;

function allowScan(): void {
  if (!scanDeferred) return;
  scanDeferred = false;
  void scanWorkspace();
}

async function scanWorkspace(): Promise<void> {
  if (scanDeferred) return;
  const [root] = workspaceRoots;
  if (root) workspaceSettings = await settingsFor(root);
  workspaceDiagnostics.scanAll();
}

/** Runs a feature; a bug in one is logged and answered with `fallback`, never a crash. */
function safely<T>(name: string, fallback: T, run: () => T): T {
  try {
    return run();
  } catch (error) {
    logFailure(name, error);
    return fallback;
  }
}

/** `safely` for a feature that answers later (it yields while it scans the workspace). */
function safelyLater<T>(name: string, fallback: T, run: () => Promise<T> | T): Promise<T> {
  return Promise.resolve(safely(name, fallback, run)).catch((error: unknown) => {
    logFailure(name, error);
    return fallback;
  });
}

function logFailure(name: string, error: unknown): void {
  connection.console.error(
    `bluebook: ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
}

function settingsFor(uri: string): Promise<BluebookSettings> {
  if (!canPullConfiguration) return Promise.resolve(DEFAULT_SETTINGS);
  let settings = settingsCache.get(uri);
  if (!settings) {
    settings = connection.workspace
      .getConfiguration({ scopeUri: uri, section: 'bluebook' })
      .then(resolveSettings, () => DEFAULT_SETTINGS);
    settingsCache.set(uri, settings);
  }
  return settings;
}

const currentSettings = new Map<string, BluebookSettings>();

/** The analysis of the document's current version (parsed once per version). */
function analysisOf(uri: string): AnalyzedDocument | undefined {
  const document = documents.get(uri);
  if (!document) return undefined;
  const cached = analyses.get(uri);
  if (cached && cached.version === document.version) return cached;
  const settings = currentSettings.get(uri) ?? DEFAULT_SETTINGS;
  const analyzed = analyze(
    document.getText(),
    uri,
    document.version,
    openapiDocuments.attach(project.contextFor(uri, settings)),
    parseCacheFor(uri),
  );
  analyses.set(uri, analyzed);
  return analyzed;
}

/**
 * The parsed `bluebook.config.yaml` open in the editor, for its own features. A file's config is
 * the one suites see (ProjectCache holds the editor's text), so it is parsed once per version.
 */
function configOf(uri: string): ProjectConfig | undefined {
  const document = documents.get(uri);
  if (!document) return undefined;
  const cached = configs.get(uri);
  if (cached && cached.version === document.version) return cached.config;
  const path = filePath(uri);
  const text = document.getText();
  if (path) project.setOpenText(path, text);
  const config = (path ? project.projectAt(path).config : undefined) ?? parseProjectConfig(text, path ?? uri);
  configs.set(uri, { version: document.version, config });
  return config;
}

/** Answers a request on a mock document from its current version's parse (parsed once). */
async function withMock<T>(
  name: string,
  fallback: T,
  uri: string,
  run: (analyzed: AnalyzedMock, features: MockFeatures) => T,
): Promise<T> {
  const features = await safelyLater('mock features', undefined, () => mocks.load());
  return safely(name, fallback, () => {
    const analyzed = features && mocks.analysisOf(uri, features);
    return analyzed ? run(analyzed, features) : fallback;
  });
}

// Validation is coalesced per document: a burst of edits validates only the latest version.
const pending = new Set<string>();
function scheduleValidation(uri: string): void {
  if (pending.has(uri)) return;
  pending.add(uri);
  setImmediate(() => {
    pending.delete(uri);
    if (mocks.isMock(uri)) {
      void withMock('diagnostics', undefined, uri, (analyzed, features) => {
        const result = safely('diagnostics', [], () => features.mockDiagnostics(analyzed.doc));
        void connection.sendDiagnostics({ uri, version: analyzed.version, diagnostics: result });
      });
      return;
    }
    if (isConfigUri(uri)) {
      const document = documents.get(uri);
      const config = configOf(uri);
      if (!document || !config) return;
      const result = safely('diagnostics', [], () => [
        ...configDiagnostics(config),
        ...openapiDocuments.configDiagnostics(config).map((d) => toLspDiagnostic(d, config.lineIndex)),
      ]);
      void connection.sendDiagnostics({ uri, version: document.version, diagnostics: result });
      return;
    }
    const analyzed = analysisOf(uri);
    if (!analyzed) return;
    const result = safely('diagnostics', [], () => diagnostics(analyzed));
    void connection.sendDiagnostics({ uri, version: analyzed.version, diagnostics: result });
  });
}

function revalidateAll(): void {
  analyses.clear();
  for (const document of documents.all()) scheduleValidation(document.uri);
}

connection.onInitialize((params): InitializeResult => {
  const capabilities = params.capabilities;
  canPullConfiguration = capabilities.workspace?.configuration === true;
  canWatchFiles = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  hasWorkspaceFolders = capabilities.workspace?.workspaceFolders === true;
  for (const uri of params.workspaceFolders?.map((folder) => folder.uri) ??
    (params.rootUri ? [params.rootUri] : []))
    workspaceRoots.add(uri);
  suites.setRoots(rootPaths());
  const options = params.initializationOptions as BluebookInitializationOptions | undefined;
  if (options?.deferWorkspaceScan === true) {
    scanDeferred = true;
    setTimeout(allowScan, SCAN_DEFER_LIMIT_MS).unref();
  }
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      completionProvider: { triggerCharacters: ['{', '.', ':', ' ', '/', '$'], resolveProvider: false },
      hoverProvider: true,
      definitionProvider: true,
      referencesProvider: true,
      renameProvider: { prepareProvider: true },
      documentSymbolProvider: true,
      foldingRangeProvider: true,
      codeLensProvider: { resolveProvider: false },
      codeActionProvider: { codeActionKinds: ['quickfix'] },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'bluebook-language-server', version: '0.1.0' },
  };
});

connection.onInitialized(() => {
  if (hasWorkspaceFolders) {
    // Cross-file features search the workspace folder holding a suite: follow folders added later.
    connection.workspace.onDidChangeWorkspaceFolders((event) => {
      for (const folder of event.removed) workspaceRoots.delete(folder.uri);
      for (const folder of event.added) workspaceRoots.add(folder.uri);
      suites.setRoots(rootPaths());
      void scanWorkspace();
    });
  }
  if (canWatchFiles) {
    // Config, .env, schemas and data files change diagnostics of suites that never changed.
    void connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: [
        { globPattern: '**/bluebook.config.yaml' },
        { globPattern: '**/.env' },
        { globPattern: '**/*.{json,yaml,yml,csv}' },
      ],
    });
  }
  void scanWorkspace();
});

connection.onDidChangeWatchedFiles((params) => {
  project.invalidate(params.changes.some((change) => change.type !== FileChangeType.Changed));
  openapiDocuments.changed(params.changes.flatMap((change) => filePath(change.uri) ?? []));
  suites.invalidate();
  revalidateAll();
  const paths = params.changes.flatMap((change) => filePath(change.uri) ?? []);
  const contentsOnly =
    paths.length === params.changes.length &&
    params.changes.every(
      (change) =>
        change.type === FileChangeType.Changed && !isConfigUri(change.uri) && !change.uri.endsWith('/.env'),
    );
  // Whatever a config or `.env` defines, or a file added or removed, may change any suite.
  if (contentsOnly) workspaceDiagnostics.contentsChanged(paths);
  else void scanWorkspace();
});

connection.onDidChangeConfiguration(() => {
  settingsCache.clear();
  currentSettings.clear();
  for (const document of documents.all()) void refreshSettings(document.uri);
  revalidateAll();
  void scanWorkspace();
});

async function refreshSettings(uri: string): Promise<void> {
  const settings = await settingsFor(uri);
  const previous = currentSettings.get(uri);
  currentSettings.set(uri, settings);
  if (JSON.stringify(previous ?? DEFAULT_SETTINGS) !== JSON.stringify(settings)) {
    analyses.delete(uri);
    scheduleValidation(uri);
  }
}

documents.onDidOpen((event) => {
  const uri = event.document.uri;
  const path = isConfigUri(uri) || mocks.isMock(uri) ? undefined : filePath(uri);
  if (path) {
    documentUris.set(path, uri);
    workspaceDiagnostics.opened(path);
  }
  void refreshSettings(event.document.uri);
});
documents.onDidChangeContent((event) => {
  const uri = event.document.uri;
  const path = isConfigUri(uri) ? filePath(uri) : undefined;
  // The unsaved config is what suites are checked against: revalidate them now, not on save.
  if (path && project.setOpenText(path, event.document.getText())) revalidateAll();
  else scheduleValidation(uri);
});
documents.onDidClose((event) => {
  const path = isConfigUri(event.document.uri) ? filePath(event.document.uri) : undefined;
  configs.delete(event.document.uri);
  mocks.forget(event.document.uri);
  // Closed without saving: the file on disk applies again.
  if (path && project.setOpenText(path, undefined)) revalidateAll();
  analyses.delete(event.document.uri);
  const suitePath = filePath(event.document.uri);
  if (suitePath) documentUris.delete(suitePath);
  forgetDocument(event.document.uri);
  lastResults.delete(event.document.uri);
  currentSettings.delete(event.document.uri);
  settingsCache.delete(event.document.uri);
  void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  // Its unsaved edits are gone: the file on disk is what the workspace's diagnostics show again.
  if (suitePath && SUITE_FILE.test(suitePath) && rootPaths().some((root) => suitePath.startsWith(root + sep)))
    workspaceDiagnostics.refresh([suitePath]);
});

connection.onNotification(LastResultsNotification, (params: LastResultsParams) => {
  if (params.results) lastResults.set(params.uri, params);
  else lastResults.delete(params.uri);
});
connection.onNotification(WorkspaceScanNotification, allowScan);

connection.onNotification(SelectedEnvironmentNotification, (params: SelectedEnvironmentParams) => {
  selectedEnvironment = params.environment;
});

/** Wires a request whose answer is computed from the document's analysis (suites only). */
function withAnalysis<T>(name: string, fallback: T, uri: string, run: (analyzed: AnalyzedDocument) => T): T {
  return safely(name, fallback, () => {
    if (isConfigUri(uri) || mocks.isMock(uri)) return fallback;
    const analyzed = analysisOf(uri);
    return analyzed ? run(analyzed) : fallback;
  });
}

/** Wires a request on `bluebook.config.yaml`, answered from its parsed config. */
function withConfig<T>(name: string, fallback: T, uri: string, run: (config: ProjectConfig) => T): T {
  return safely(name, fallback, () => {
    const config = configOf(uri);
    return config ? run(config) : fallback;
  });
}

connection.onCompletion((params) => {
  const uri = params.textDocument.uri;
  const none: CompletionList = { isIncomplete: false, items: [] };
  if (mocks.isMock(uri))
    return withMock('completion', none, uri, (a, features) =>
      features.mockCompletion(a.doc.lineIndex, params.position, filePath(uri)),
    );
  return isConfigUri(uri)
    ? withConfig('completion', none, uri, (config) =>
        configCompletion(config, params.position, { uri, suites }),
      )
    : withAnalysis(
        'completion',
        none,
        uri,
        (a) => graphqlCompletion(a, params.position) ?? completion(a, params.position, { suites }),
      );
});
connection.onHover((params) => {
  const uri = params.textDocument.uri;
  if (mocks.isMock(uri))
    return withMock('hover', null, uri, (a, features) =>
      features.mockHover(a.doc.lineIndex, params.position),
    );
  return isConfigUri(uri)
    ? withConfig('hover', null, uri, (config) => configHover(config, params.position))
    : withAnalysis(
        'hover',
        null,
        uri,
        (a) =>
          graphqlHover(a, params.position) ??
          openapiHover(a, params.position) ??
          hover(a, params.position, selectedEnvironment),
      );
});

/**
 * Wires a request that follows test ids (a test's key, a `use:` value in a suite or in the
 * config's setup/teardown) before the suite feature `otherwise` answers it.
 */
function withTestId<T>(
  name: string,
  fallback: T,
  params: { textDocument: { uri: string }; position: Position },
  onTestId: (at: TestIdAt, source: UseSource) => T,
  otherwise: (analyzed: AnalyzedDocument) => T,
): T {
  const uri = params.textDocument.uri;
  const answer = (source: UseSource, orElse: () => T): T => {
    const at = testIdAt(source, source.lines.offsetAt(params.position));
    return at ? onTestId(at, source) : orElse();
  };
  return isConfigUri(uri)
    ? withConfig(name, fallback, uri, (config) => answer(configSource(config, uri), () => fallback))
    : withAnalysis(name, fallback, uri, (a) => answer(suiteSource(a), () => otherwise(a)));
}

connection.onDefinition((params) =>
  withTestId(
    'definition',
    [],
    params,
    (at, source) => testIdDefinition(at, source, suites),
    (a) => definition(a, params.position),
  ),
);
connection.onReferences((params) =>
  safelyLater('references', [], () =>
    withTestId<Location[] | Promise<Location[]>>(
      'references',
      [],
      params,
      (at, source) => testIdReferences(at, source, suites, params.context.includeDeclaration),
      (a) => references(a, params.position, params.context.includeDeclaration),
    ),
  ),
);
connection.onPrepareRename((params) =>
  withTestId<ReturnType<typeof prepareTestIdRename> | ReturnType<typeof prepareRename>>(
    'prepareRename',
    null,
    params,
    (at, source) => prepareTestIdRename(at, source, suites),
    (a) => prepareRename(a, params.position),
  ),
);
connection.onRenameRequest((params) =>
  safelyLater('rename', null, () =>
    withTestId<ReturnType<typeof renameTestId> | ReturnType<typeof rename>>(
      'rename',
      null,
      params,
      (at, source) => renameTestId(at, source, suites, params.newName),
      (a) => rename(a, params.position, params.newName),
    ),
  ),
);
connection.onDocumentSymbol((params) => {
  const uri = params.textDocument.uri;
  if (mocks.isMock(uri))
    return withMock('documentSymbol', [], uri, (a, features) => features.mockSymbols(a.doc));
  return withAnalysis('documentSymbol', [], uri, documentSymbols);
});
connection.onFoldingRanges((params) => {
  const uri = params.textDocument.uri;
  if (mocks.isMock(uri))
    return withMock('foldingRanges', [], uri, (a, features) => features.mockFoldingRanges(a.doc));
  return withAnalysis('foldingRanges', [], uri, foldingRanges);
});
connection.onCodeLens((params) => {
  const uri = params.textDocument.uri;
  const enabled = (currentSettings.get(uri) ?? DEFAULT_SETTINGS).codeLens.enabled;
  if (mocks.isMock(uri))
    return withMock('codeLens', [], uri, (_, features) => (enabled ? features.mockCodeLenses(uri) : []));
  return withAnalysis('codeLens', [], uri, (a) => (enabled ? codeLenses(a) : []));
});
connection.onCodeAction((params) => {
  const uri = params.textDocument.uri;
  if (mocks.isMock(uri))
    return withMock('codeAction', [], uri, (a) =>
      fixActions(uri, a.doc.lineIndex, a.doc.diagnostics, params),
    );
  return withAnalysis('codeAction', [], uri, (a) => codeActions(a, params, lastResults.get(a.uri)));
});

process.on('uncaughtException', (error) =>
  connection.console.error(`bluebook: uncaught ${error.stack ?? error.message}`),
);

documents.listen(connection);
connection.listen();
