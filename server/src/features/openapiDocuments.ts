/**
 * The `openapi:` documents of the open projects (SPEC §11), each loaded once, asynchronously, and
 * kept until the document or a file beside it that it may `$ref` changes (then reloaded; the
 * previous index keeps answering meanwhile). Until a document has loaded, suites simply get no
 * OpenAPI features: no request ever waits for a load.
 */
import { dirname, sep } from 'node:path';
import type { Diagnostic, ProjectConfig, ValidationContext } from '../../../core/src/index.js';
import type { OperationIndex } from '../../../core/src/openapi/paths.js';
import { openapiLoadDiagnostic } from '../../../core/src/validate/openapi.js';
import { loadInWorker } from './openapiLoad.js';

interface Entry {
  index?: OperationIndex;
  error?: unknown;
  /** Bumped by every (re)load: only the latest load's answer is kept. */
  generation: number;
}

/** Suites, configs and mocks are not parts of an OpenAPI document: saving them reloads nothing. */
const NOT_A_PART = /(\.bluebook\.ya?ml|\.mock\.ya?ml|bluebook\.config\.yaml|\.snap\.ya?ml)$/i;

export class OpenapiDocuments {
  private readonly entries = new Map<string, Entry>();

  /** `settled` runs after each load or reload ends (to revalidate what depends on it). */
  constructor(
    private readonly settled: () => void,
    private readonly load: (file: string) => Promise<OperationIndex> = loadInWorker,
  ) {}

  /** The index of a document, once loaded (the first call starts loading it). */
  indexOf(file: string): OperationIndex | undefined {
    return this.entry(file).index;
  }

  /** Gives a suite's context the index of its config's document, when there is one and it has loaded. */
  attach(context: ValidationContext): ValidationContext {
    const file = context.config?.openapi?.file;
    if (file) context.openapi = this.indexOf(file);
    return context;
  }

  /** The config's diagnostic when its document failed to load. */
  configDiagnostics(config: ProjectConfig): Diagnostic[] {
    const openapi = config.openapi;
    if (!openapi) return [];
    const entry = this.entry(openapi.file);
    return entry.error === undefined ? [] : [openapiLoadDiagnostic(openapi.span, entry.error)];
  }

  /** Watched files changed: reloads each document that is one of them or may `$ref` one of them. */
  changed(paths: readonly string[]): void {
    for (const [file, entry] of this.entries) {
      const folder = dirname(file) + sep;
      const touched = paths.some(
        (path) =>
          path === file ||
          (path.startsWith(folder) && /\.(ya?ml|json)$/i.test(path) && !NOT_A_PART.test(path)),
      );
      if (touched) this.start(file, entry);
    }
  }

  private entry(file: string): Entry {
    let entry = this.entries.get(file);
    if (!entry) {
      entry = { generation: 0 };
      this.entries.set(file, entry);
      this.start(file, entry);
    }
    return entry;
  }

  private start(file: string, entry: Entry): void {
    const generation = ++entry.generation;
    const current = (): boolean => entry.generation === generation && this.entries.get(file) === entry;
    this.load(file).then(
      (index) => {
        if (!current()) return;
        entry.index = index;
        entry.error = undefined;
        this.settled();
      },
      (error: unknown) => {
        if (!current()) return;
        entry.index = undefined;
        entry.error = error;
        this.settled();
      },
    );
  }
}
