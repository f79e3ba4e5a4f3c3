/**
 * Diagnostics of the suites the editor does not have open (pushed, see docs/decisions.md
 * "Workspace diagnostics"). A scan validates every suite of the workspace folders from disk in
 * slices of a few milliseconds, yielding between them so interactive requests are answered first;
 * it publishes a file only when its diagnostics changed, and keeps nothing but their fingerprint.
 */
import { basename } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver';

export interface WorkspaceDiagnosticsHost {
  /** Every suite file under the workspace folders (absolute paths). */
  suiteFiles(): string[];
  /** A suite's text on disk (cached by the server until a watched file changes). */
  text(path: string): string | undefined;
  /** Whether the editor has the file open (its diagnostics then follow the editor's text). */
  isOpen(path: string): boolean;
  /** The diagnostics of a suite as it is on disk; undefined when it cannot be read. */
  validate(path: string): Diagnostic[] | undefined;
  publish(path: string, diagnostics: Diagnostic[]): void;
}

/** How long one slice of a scan may run before it yields to the message loop. */
const SLICE_MS = 8;

export class WorkspaceDiagnostics {
  /** What was last published per path, as JSON; a path with no diagnostics is absent. */
  private readonly published = new Map<string, string>();
  /** Files to check; with names, only if the file's text mentions one of them. */
  private readonly queue = new Map<string, string[] | undefined>();
  private running = false;

  constructor(private readonly host: WorkspaceDiagnosticsHost) {}

  /** Validates every suite again (the folders, the config or a file they read changed). */
  scanAll(): void {
    const files = new Set(this.host.suiteFiles());
    for (const path of this.published.keys()) if (!files.has(path)) this.clear(path);
    this.enqueue(files);
  }

  /** Validates these files again (changed or deleted on disk, or closed in the editor). */
  refresh(paths: Iterable<string>): void {
    this.enqueue(paths);
  }

  /**
   * Files whose contents changed on disk: a suite depends only on files it names (`use:`,
   * `each:`, `schema:`, bodies from files), so the suites whose text mentions one of their names
   * are validated again, not the whole workspace.
   */
  contentsChanged(paths: string[]): void {
    this.enqueue(this.host.suiteFiles(), [...new Set(paths.map((path) => basename(path)))]);
  }

  /** The editor opened the file: it publishes the file's diagnostics from now on. */
  opened(path: string): void {
    this.published.delete(path);
    this.queue.delete(path);
  }

  private enqueue(paths: Iterable<string>, names?: string[]): void {
    for (const path of paths) {
      const queued = this.queue.has(path) ? this.queue.get(path) : names;
      this.queue.set(path, queued && names ? [...queued, ...names] : undefined);
    }
    if (this.running || this.queue.size === 0) return;
    this.running = true;
    setImmediate(() => this.slice());
  }

  private slice(): void {
    const deadline = performance.now() + SLICE_MS;
    for (const [path, names] of this.queue) {
      this.queue.delete(path);
      if (!this.host.isOpen(path) && this.concerns(path, names)) this.check(path);
      if (performance.now() >= deadline) break;
    }
    if (this.queue.size > 0) setImmediate(() => this.slice());
    else this.running = false;
  }

  private concerns(path: string, names: string[] | undefined): boolean {
    if (!names) return true;
    if (names.includes(basename(path))) return true;
    const text = this.host.text(path);
    return text !== undefined && names.some((name) => text.includes(name));
  }

  private check(path: string): void {
    const diagnostics = this.host.validate(path);
    if (!diagnostics) return this.clear(path);
    const fingerprint = JSON.stringify(diagnostics);
    if ((this.published.get(path) ?? '[]') === fingerprint) return;
    if (diagnostics.length === 0) this.published.delete(path);
    else this.published.set(path, fingerprint);
    this.host.publish(path, diagnostics);
  }

  private clear(path: string): void {
    if (!this.published.delete(path)) return;
    this.host.publish(path, []);
  }
}
