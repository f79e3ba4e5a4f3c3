/**
 * `use:` steps in validation (SPEC §7): the used file and test must exist (`use-not-found`, with
 * "did you mean"), and a test must not reach itself through uses (`use-cycle`, the chain in the
 * message). Other suites are read through `ValidationContext.readSuite` (default: from disk,
 * parsed once per text), so an editor can pass its open documents instead.
 */
import { changeTo } from '../diagnostics.js';
import type { Diagnostic } from '../diagnostics.js';
import type { Step, Test } from '../model.js';
import { parseSuite, type SuiteDocument } from '../parse.js';
import type { Span } from '../span.js';
import { notFoundMessage, usable } from '../use/loader.js';
import { parseUseReference, resolveUseFile, type UseReference } from '../use/reference.js';
import { cycleMessage, findUsedTest, useLabel } from '../use/target.js';
import { nodeFileSystem, type ValidationContext } from './context.js';

/** A used test found, or why not and where to say it (the file part or the id). */
export type UsedTest =
  { file: string; doc: SuiteDocument; test: Test } | { problem: string; part: 'file' | 'id' } | undefined;

/** Resolves `use:` targets from one suite, reading each other suite once. */
export class UseResolver {
  private readonly docs = new Map<string, SuiteDocument | undefined>();

  constructor(
    readonly doc: SuiteDocument,
    private readonly context: ValidationContext,
  ) {}

  /** The file the suite is known as (its path, or its URI when it has none). */
  get rootFile(): string {
    return this.context.suitePath ?? this.doc.uri;
  }

  /** What `step` uses, read from `fromFile`; undefined when it cannot be known (untitled suite). */
  resolve(step: Step, fromFile = this.rootFile, fromDoc = this.doc): UsedTest {
    const reference = step.use && parseUseReference(step.use.target);
    if (!reference || 'problem' in reference) return undefined;
    let file = fromFile;
    let doc: SuiteDocument | undefined = fromDoc;
    if (reference.file !== undefined) {
      if (fromFile === this.doc.uri && !this.context.suitePath) return undefined;
      file = resolveUseFile(fromFile, reference);
      doc = file === this.rootFile ? this.doc : this.read(file);
      if (!doc) return { problem: notFoundMessage(reference.file, file), part: 'file' };
      const loaded = usable(doc, reference.file);
      if ('problem' in loaded) return { problem: loaded.problem, part: 'file' };
    }
    if (!doc.suite) return undefined;
    const found = findUsedTest(doc.suite, reference.testId, reference.file ?? '');
    return 'problem' in found ? { problem: found.problem, part: 'id' } : { file, doc, test: found.test };
  }

  private read(file: string): SuiteDocument | undefined {
    if (!this.docs.has(file))
      this.docs.set(file, (this.context.readSuite ?? readSuiteFromDisk(this.context))(file));
    return this.docs.get(file);
  }
}

const diskCache = new Map<string, { text: string; doc: SuiteDocument }>();

/** The default `readSuite`: the context's file system, each text parsed once. */
export function readSuiteFromDisk(context: ValidationContext): (path: string) => SuiteDocument | undefined {
  return (path) => {
    const text = (context.fileSystem ?? nodeFileSystem).readText(path);
    if (text === undefined) return undefined;
    const cached = diskCache.get(path);
    if (cached?.text === text) return cached.doc;
    const doc = parseSuite(text, path);
    diskCache.set(path, { text, doc });
    return doc;
  };
}

/** Every `use:` step of the suite: its target must exist and must not lead back to its test. */
export function checkUses(resolver: UseResolver, report: (diagnostic: Diagnostic) => void): void {
  const suite = resolver.doc.suite;
  if (!suite) return;
  const check = (step: Step, owner?: Test): void => {
    const use = step.use;
    const reference = use && parseUseReference(use.target);
    if (!use || !reference || 'problem' in reference) return;
    const used = resolver.resolve(step);
    if (!used) return;
    if ('problem' in used) {
      report(notFound(used, reference, step, resolver));
      return;
    }
    if (!owner) return;
    const chain = cycleFrom(resolver, owner, used);
    if (chain)
      report({ code: 'use-cycle', severity: 'error', message: cycleMessage(chain), span: use.targetSpan });
  };
  for (const step of [...suite.before, ...suite.after]) check(step);
  for (const test of suite.tests) for (const step of test.steps) check(step, test);
}

function notFound(
  used: { problem: string; part: 'file' | 'id' },
  reference: UseReference,
  step: Step,
  resolver: UseResolver,
): Diagnostic {
  const use = step.use as NonNullable<Step['use']>;
  const range = used.part === 'file' ? reference.fileRange : reference.idRange;
  const span: Span = range
    ? { start: use.targetOffset + range[0], end: use.targetOffset + range[1] }
    : use.targetSpan;
  const suggestion = /did you mean `([^`]+)`\?$/.exec(used.problem)?.[1];
  return {
    code: 'use-not-found',
    severity: 'error',
    message: used.problem,
    span,
    ...(suggestion && used.part === 'id' && resolver.doc.text.slice(span.start, span.end) === reference.testId
      ? { fixes: [changeTo(span, suggestion)], data: { suggestion } }
      : {}),
  };
}

/**
 * The chain from `owner` back to itself through the uses of `first` (depth-first, each test
 * visited once), as `#a → ./b.bluebook.yaml#b → #a`; undefined when there is no way back.
 */
function cycleFrom(
  resolver: UseResolver,
  owner: Test,
  first: { file: string; doc: SuiteDocument; test: Test },
): string[] | undefined {
  const root = resolver.rootFile;
  const start = `${root}#${owner.id}`;
  const visited = new Set<string>();
  const walk = (
    at: { file: string; doc: SuiteDocument; test: Test },
    path: string[],
  ): string[] | undefined => {
    const key = `${at.file}#${at.test.id}`;
    const label = useLabel(root, at.file, at.test.id);
    if (key === start) return [...path, label];
    if (visited.has(key)) return undefined;
    visited.add(key);
    for (const step of at.test.steps) {
      const next = step.use ? resolver.resolve(step, at.file, at.doc) : undefined;
      if (!next || 'problem' in next) continue;
      const found = walk(next, [...path, label]);
      if (found) return found;
    }
    return undefined;
  };
  return walk(first, [`#${owner.id}`]);
}
