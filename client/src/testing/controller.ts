/**
 * The Test Explorer tree: every suite of the workspace, discovered without opening it and kept in
 * sync with the disk (create, delete, rename) and with unsaved edits. Each file's children are
 * rebuilt off-line from core's parse and swapped in with `children.replace`.
 *
 * A suite read from disk is only outlined (core's `outlineSuite`: its tests and `each` rows, steps
 * counted, not read), and gets its steps when first needed:
 * when a test is expanded (`resolveHandler`), when something looks a step up (`itemById`: a run
 * reporting its results, a code lens), or when the file is opened (its gutter then shows a run
 * icon on every step). Steps are three quarters of the items of a typical workspace, and making
 * them for 1,000 closed suites took most of discovery's time (docs/decisions.md, "Scale").
 */
import * as vscode from 'vscode';
import {
  CONFIG_FILE_NAME,
  outlineSuite,
  type LineIndex,
  type Span,
  type SuiteDocument,
} from '../../../core/src/index.js';
import { parseConfig } from '../../../core/src/config.js';
import { SuiteDocuments } from './suiteDocuments.js';
import {
  describeConfig,
  describeOutline,
  describeSuite,
  instanceItemId,
  type NodeData,
  type TreeNode,
} from './tree.js';

export const SUITE_GLOB = '**/*.bluebook.{yaml,yml}';
export const CONFIG_GLOB = `**/${CONFIG_FILE_NAME}`;
const EXCLUDE_GLOB = '**/{node_modules,.git}/**';

/** What a discovery found and when it finished (`performance.now()` of the extension host). */
export interface Discovery {
  suites: number;
  ms: number;
  /** Of `ms`, the time VS Code's search took to list the files. */
  searchMs: number;
  finishedAt: number;
}

export function isSuiteUri(uri: vscode.Uri): boolean {
  return /\.bluebook\.ya?ml$/i.test(uri.path) && uri.scheme !== 'bluebook-response';
}

/** The path core sees for a suite (relative files resolve against it). */
export function suitePathOf(uri: vscode.Uri): string {
  return uri.scheme === 'file' ? uri.fsPath : uri.toString();
}

export class SuiteTree implements vscode.Disposable {
  readonly controller: vscode.TestController;
  /** Per-item data; read it through {@link dataOf}, which throws on a bug. */
  private readonly data = new WeakMap<vscode.TestItem, NodeData>();
  private readonly items = new Map<string, vscode.TestItem>();
  private readonly documents = new SuiteDocuments();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  /** Fires after a file's items were rebuilt (or removed). */
  readonly onDidChangeSuite = this.changed.event;
  private discovery: Promise<Discovery> | undefined;
  /** Files (by key) whose step items are made when first needed. */
  private readonly lazySteps = new Set<string>();

  constructor() {
    this.controller = vscode.tests.createTestController('bluebook', 'Bluebook');
    this.controller.resolveHandler = async (item) => {
      if (!item) await this.discover();
      else this.resolveSteps(this.dataOf(item).uri);
    };
    const watcher = vscode.workspace.createFileSystemWatcher(SUITE_GLOB);
    const configWatcher = vscode.workspace.createFileSystemWatcher(CONFIG_GLOB);
    this.disposables.push(
      this.controller,
      this.changed,
      watcher,
      configWatcher,
      configWatcher.onDidCreate((uri) => void this.loadConfig(uri)),
      configWatcher.onDidChange((uri) => void this.loadConfig(uri)),
      configWatcher.onDidDelete((uri) => this.remove(uri)),
      watcher.onDidCreate((uri) => void this.loadFromDisk(uri)),
      watcher.onDidChange((uri) => void this.loadFromDisk(uri)),
      watcher.onDidDelete((uri) => this.remove(uri)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length > 0 && this.isSuiteDocument(event.document))
          this.loadFromDocument(event.document);
      }),
      vscode.workspace.onDidOpenTextDocument((document) => {
        if (this.isSuiteDocument(document)) this.loadFromDocument(document);
      }),
      // Closing a document drops its unsaved edits: the file on disk is the truth again.
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (this.isSuiteDocument(document) && document.uri.scheme === 'file')
          void this.loadFromDisk(document.uri);
      }),
    );
  }

  /** Finds every suite in the workspace (once; later calls wait for the same search). */
  discover(): Promise<Discovery> {
    this.discovery ??= (async () => {
      const started = performance.now();
      // Both searches at once: each is a round trip to VS Code's search service.
      const [uris, configs] = await Promise.all([
        vscode.workspace.findFiles(SUITE_GLOB, EXCLUDE_GLOB),
        vscode.workspace.findFiles(CONFIG_GLOB, EXCLUDE_GLOB),
      ]);
      const searchMs = performance.now() - started;
      await Promise.all([
        ...uris.map((uri) => this.loadFromDisk(uri)),
        ...configs.map((uri) => this.loadConfig(uri)),
      ]);
      for (const document of vscode.workspace.textDocuments) {
        if (this.isSuiteDocument(document)) this.loadFromDocument(document);
      }
      const finishedAt = performance.now();
      return { suites: uris.length, ms: finishedAt - started, searchMs, finishedAt };
    })();
    return this.discovery;
  }

  dataOf(item: vscode.TestItem): NodeData {
    const data = this.data.get(item);
    if (!data)
      throw new Error(
        `Bluebook: test item ${item.id} has no data (a bug: items must be created by SuiteTree)`,
      );
    return data;
  }

  itemById(id: string): vscode.TestItem | undefined {
    const item = this.items.get(id);
    if (item) return item;
    // A step of a suite read from disk: make that suite's steps, then look again.
    const hash = id.indexOf('#');
    if (hash === -1 || !this.lazySteps.has(id.slice(0, hash))) return undefined;
    this.resolveSteps(id.slice(0, hash));
    return this.items.get(id);
  }

  /** Makes the step items of a suite read from disk (a no-op once they exist). */
  resolveSteps(key: string): void {
    if (!this.lazySteps.delete(key)) return;
    const doc = this.documents.get(key);
    if (!doc) return;
    const uri = vscode.Uri.parse(key);
    const walk = (nodes: TreeNode[]): void => {
      for (const node of nodes) {
        const item = this.items.get(node.id);
        if (item?.canResolveChildren) item.canResolveChildren = false;
        if (!hasSteps(node)) walk(node.children);
        else if (item) item.children.replace(this.build(node.children, uri, doc.lineIndex));
      }
    };
    walk(describeSuite(doc, key));
  }

  /** The parsed suite the tree shows for a URI (the open document's text when it is open). */
  documentOf(uri: string): SuiteDocument | undefined {
    return this.documents.get(uri);
  }

  fileItems(): vscode.TestItem[] {
    const result: vscode.TestItem[] = [];
    this.controller.items.forEach((item) => result.push(item));
    return result;
  }

  /** Adds an `each` row the tree could not know before a run (rows read from a data file). */
  addRow(uri: string, testId: string, instanceId: string, label: string): vscode.TestItem | undefined {
    const test = this.items.get(`${uri}#${testId}`);
    if (!test?.uri) return undefined;
    const id = instanceItemId(uri, instanceId);
    const row = this.controller.createTestItem(id, label, test.uri);
    row.range = test.range;
    this.data.set(row, { kind: 'row', uri, testId, instanceId });
    this.items.set(id, row);
    test.children.add(row);
    return row;
  }

  /**
   * Adds a step a `use` step ran (see testing/used.ts) under that `use` step: it opens where the
   * step is written, `location.uri` when that is another file (its `lineIndex` places it there).
   */
  addUsedStep(
    parent: vscode.TestItem,
    id: string,
    label: string,
    location: { uri?: string; span: Span; lineIndex?: LineIndex | undefined },
  ): vscode.TestItem | undefined {
    if (!parent.uri) return undefined;
    const uri = location.uri === undefined ? parent.uri : vscode.Uri.parse(location.uri);
    const lineIndex =
      location.uri === undefined ? this.documentOf(parent.uri.toString())?.lineIndex : location.lineIndex;
    const step = this.controller.createTestItem(id, label, uri);
    const range = lineIndex?.rangeOf(location.span);
    if (range)
      step.range = new vscode.Range(
        range.start.line,
        range.start.character,
        range.end.line,
        range.end.character,
      );
    step.sortText = id.slice(id.lastIndexOf('/') + 1).padStart(6, '0');
    this.data.set(step, this.dataOf(parent));
    this.items.set(id, step);
    parent.children.add(step);
    return step;
  }

  /**
   * A bluebook.config.yaml with `setup`/`teardown` gets an item of its own (children from
   * `describeConfig`); one without them has none. Read from disk, as the runner reads it.
   */
  private async loadConfig(uri: vscode.Uri): Promise<void> {
    let text: string;
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      this.remove(uri);
      return;
    }
    const key = uri.toString();
    const project = parseConfig(text, suitePathOf(uri));
    const nodes = describeConfig(project, key);
    if (nodes.length === 0) {
      this.remove(uri);
      return;
    }
    let file = this.controller.items.get(key);
    if (!file) {
      file = this.controller.createTestItem(key, vscode.workspace.asRelativePath(uri, false), uri);
      this.data.set(file, { kind: 'config', uri: key });
      this.items.set(key, file);
      this.controller.items.add(file);
    }
    file.description = nodes.map((node) => node.label).join(' & ');
    this.forgetDescendants(file);
    file.children.replace(this.build(nodes, uri, project.lineIndex));
    this.changed.fire(uri);
  }

  private isSuiteDocument(document: vscode.TextDocument): boolean {
    return document.languageId === 'bluebook' || isSuiteUri(document.uri);
  }

  /**
   * Reads a suite that is not open. An open suite follows its editor (its open and change events):
   * unsaved edits win over the file, and VS Code reloads an unedited editor when the file changes
   * on disk. A file read for an open suite could also finish after a later edit and put back an
   * older text: with auto save, the save of an edit that was then undone, read late, made the next
   * run use the edit (seen in the e2e tests under load).
   */
  private async loadFromDisk(uri: vscode.Uri): Promise<void> {
    if (!isSuiteUri(uri) || this.isOpen(uri)) return;
    let text: string;
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      this.remove(uri); // deleted (or unreadable) meanwhile
      return;
    }
    if (this.isOpen(uri)) return; // opened while it was read: the editor has it
    this.update(uri, text, false);
  }

  private isOpen(uri: vscode.Uri): boolean {
    const key = uri.toString();
    return vscode.workspace.textDocuments.some(
      (d) => !d.isClosed && d.uri.toString() === key && this.isSuiteDocument(d),
    );
  }

  private loadFromDocument(document: vscode.TextDocument): void {
    if (document.uri.scheme === 'bluebook-response' || document.uri.scheme === 'git') return;
    this.update(document.uri, document.getText(), true);
  }

  private update(uri: vscode.Uri, text: string, isOpen: boolean): void {
    const key = uri.toString();
    const path = suitePathOf(uri);
    // An open suite is parsed whole (the editor works on it); one read from disk only outlined.
    const doc = isOpen ? this.documents.setOpen(key, text, path) : undefined;
    const outline = doc ? undefined : outlineSuite(text, path);
    if (!doc) this.documents.setOnDisk(key, text, path);
    const suite = doc ? doc.suite : outline!.suite;
    let file = this.controller.items.get(key);
    // A new file's item joins the tree complete: VS Code then sends it and its children in one
    // change, not an addition followed by an update per property and per child.
    const added = !file;
    if (!file) {
      file = this.controller.createTestItem(key, vscode.workspace.asRelativePath(uri, false), uri);
      this.data.set(file, { kind: 'file', uri: key });
      this.items.set(key, file);
    }
    file.description = suite?.name;
    file.error = suite ? undefined : 'Not a Bluebook suite: the file must be a YAML mapping.';
    this.forgetDescendants(file);
    if (doc) {
      this.lazySteps.delete(key);
      file.children.replace(this.build(describeSuite(doc, key), uri, doc.lineIndex));
    } else {
      this.lazySteps.add(key);
      file.children.replace(this.build(describeOutline(outline!, key), uri, outline!.lineIndex));
    }
    if (added) this.controller.items.add(file);
    this.changed.fire(uri);
  }

  /**
   * Builds fresh items; ids are stable across edits, so VS Code keeps their last results. An
   * outline's test or row whose steps come later gets none yet and can resolve them (see above).
   */
  private build(nodes: TreeNode[], uri: vscode.Uri, lineIndex: LineIndex): vscode.TestItem[] {
    return nodes.map((node) => {
      const item = this.controller.createTestItem(node.id, node.label, uri);
      if (node.span) {
        const range = lineIndex.rangeOf(node.span);
        item.range = new vscode.Range(
          range.start.line,
          range.start.character,
          range.end.line,
          range.end.character,
        );
      }
      item.sortText = node.sortText;
      item.tags = node.tags.length === 0 ? NO_TAGS : node.tags.map(testTag);
      this.data.set(item, node.data);
      this.items.set(node.id, item);
      if (node.stepsLater) item.canResolveChildren = true;
      else item.children.replace(this.build(node.children, uri, lineIndex));
      return item;
    });
  }

  private forgetDescendants(item: vscode.TestItem): void {
    item.children.forEach((child) => {
      this.items.delete(child.id);
      this.forgetDescendants(child);
    });
  }

  private remove(uri: vscode.Uri): void {
    const key = uri.toString();
    const file = this.controller.items.get(key);
    this.documents.delete(key);
    this.lazySteps.delete(key);
    if (!file) return;
    this.forgetDescendants(file);
    this.items.delete(key);
    this.controller.items.delete(key);
    this.changed.fire(uri);
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}

function hasSteps(node: TreeNode): boolean {
  return node.children.length > 0 && node.children[0].data.kind === 'step';
}

const NO_TAGS: readonly vscode.TestTag[] = [];
const TEST_TAGS = new Map<string, vscode.TestTag>();

/** One `TestTag` per name (tags are immutable; 10,000 tests often share a handful). */
function testTag(name: string): vscode.TestTag {
  let tag = TEST_TAGS.get(name);
  if (!tag) {
    tag = new vscode.TestTag(name);
    TEST_TAGS.set(name, tag);
  }
  return tag;
}
