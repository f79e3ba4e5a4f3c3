/**
 * The suites around a document, for features that cross files (`use:` completion, definition,
 * references and rename of test ids). Texts come from the editor when a suite is open and from
 * `ProjectCache` otherwise (read once until a watched file changes); each text is parsed once.
 */
import { dirname, isAbsolute, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LineIndex, parseSuite, type SuiteDocument } from '../../core/src/index.js';
import { SUITE_FILE, type ProjectCache } from './project.js';
import { configUseSteps, type UseStep } from './useSteps.js';

/** What the cross-file features read; `SuiteWorkspace` implements it over the server's caches. */
export interface Suites {
  /** The parsed suite at an absolute path (the editor's text when open), undefined if unreadable. */
  suite(path: string): SuiteDocument | undefined;
  /** A file's text, the editor's when open: a cheap check before parsing. */
  text(path: string): string | undefined;
  /** The URI of a file: the editor's for an open document, so edits name it as the editor does. */
  uri(path: string): string;
  /** Every suite file of the workspace holding `path`, itself included. */
  suiteFiles(path: string): string[];
  /** The `bluebook.config.yaml` files of the workspace holding `path`. */
  configFiles(path: string): string[];
  /** The `use:` steps of a config's `setup:`/`teardown:` and its line index. */
  configUses(configPath: string): { lines: LineIndex; steps: UseStep[] } | undefined;
}

export interface OpenSuites {
  /** The parsed open document at a path, if the editor has it open. */
  document(path: string): SuiteDocument | undefined;
  /** Paths of the suites open in the editor (saved or not). */
  paths(): string[];
}

export class SuiteWorkspace implements Suites {
  private readonly parsed = new Map<string, { text: string; doc: SuiteDocument }>();
  private readonly configs = new Map<string, { text: string; lines: LineIndex; steps: UseStep[] }>();
  private roots: string[] = [];

  constructor(
    private readonly project: ProjectCache,
    private readonly open: OpenSuites,
  ) {}

  /** The workspace folders the client reported (absolute paths). */
  setRoots(roots: string[]): void {
    this.roots = roots;
  }

  suite(path: string): SuiteDocument | undefined {
    const open = this.open.document(path);
    if (open) return open;
    const text = this.diskText(path);
    if (text === undefined) return undefined;
    const cached = this.parsed.get(path);
    if (cached?.text === text) return cached.doc;
    const doc = parseSuite(text, path);
    this.parsed.set(path, { text, doc });
    return doc;
  }

  text(path: string): string | undefined {
    return this.open.document(path)?.text ?? this.diskText(path);
  }

  uri(path: string): string {
    return this.open.document(path)?.uri ?? pathToFileURL(path).href;
  }

  /** A regular file's text: a `use:` naming a device or a FIFO (`/dev/zero`) reads nothing. */
  private diskText(path: string): string | undefined {
    const files = this.project.fileSystem;
    return files.isFile(path) ? files.readText(path) : undefined;
  }

  suiteFiles(path: string): string[] {
    const root = this.rootOf(path);
    const files = new Set(this.project.filesUnder(root).suites);
    for (const open of this.open.paths()) if (isInside(root, open)) files.add(open);
    if (SUITE_FILE.test(path)) files.add(path);
    return [...files].sort();
  }

  configFiles(path: string): string[] {
    return this.project.filesUnder(this.rootOf(path)).configs;
  }

  configUses(configPath: string): { lines: LineIndex; steps: UseStep[] } | undefined {
    const text = this.diskText(configPath);
    if (text === undefined) return undefined;
    let cached = this.configs.get(configPath);
    if (cached?.text !== text) {
      cached = { text, lines: new LineIndex(text), steps: configUseSteps(text) };
      this.configs.set(configPath, cached);
    }
    return cached;
  }

  /** Drops parsed texts of files that are gone (called when watched files change). */
  invalidate(): void {
    this.parsed.clear();
    this.configs.clear();
  }

  /**
   * The folder whose suites a file can reach: the innermost workspace folder holding it, else the
   * folder of its `bluebook.config.yaml`, else its own folder.
   */
  private rootOf(path: string): string {
    const folders = this.roots.filter((root) => isInside(root, path)).sort((a, b) => b.length - a.length);
    if (folders[0]) return folders[0];
    const config = this.project.configPathFor(dirname(path));
    return config ? dirname(config) : dirname(path);
  }
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}
