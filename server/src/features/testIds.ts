/**
 * Test ids across files (SPEC §7): go to definition from a `use:` value, find references of a
 * test id (its key and every `use:` naming it) and rename it everywhere as one edit. The cursor
 * may be on a test's key or on a `use:` value.
 */
import {
  LSPErrorCodes,
  ResponseError,
  type Location,
  type Position,
  type Range,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { LineIndex, Span, SuiteDocument } from '../../../core/src/index.js';
import { resolveUseFile } from '../../../core/src/use/reference.js';
import { useStepAt, useSteps, type UseSource, type UseStep } from '../useSteps.js';
import type { Suites } from '../workspace.js';

/** A test id under the cursor: the test it names (file and id) and the part the cursor is on. */
export interface TestIdAt {
  /** The suite holding the test (absolute path, or the URI of a document with no file). */
  path: string;
  testId: string;
  span: Span;
  /** `file`: the cursor is on the file part of a `use:` value. */
  part: 'key' | 'id' | 'file';
}

/** Work longer than this between yields lets other requests wait. */
const SLICE_MS = 15;
const NEW_ID = /^[A-Za-z0-9_][\w.-]*$/;

export function testIdAt(source: UseSource, offset: number): TestIdAt | undefined {
  const path = source.path;
  const test = source.suite?.suite?.tests.find(
    (candidate) => candidate.idSpan.start <= offset && offset <= candidate.idSpan.end,
  );
  if (test) return { path, testId: test.id, span: unquoted(source.text, test.idSpan), part: 'key' };
  const step = useStepAt(source, offset);
  if (!step?.reference || !step.idSpan) return undefined;
  const target = resolveUseFile(path, step.reference);
  const onFile = step.fileSpan !== undefined && offset <= step.fileSpan.end;
  return {
    path: target,
    testId: step.reference.testId,
    span: onFile ? step.fileSpan! : step.idSpan,
    part: onFile ? 'file' : 'id',
  };
}

/** Definition from a `use:` value: the test's key in its file, or the file itself. */
export function testIdDefinition(at: TestIdAt, source: UseSource, suites: Suites): Location[] {
  if (at.part === 'key') return [];
  const doc = suiteOf(at.path, source, suites);
  if (!doc) return [];
  const uri = uriOf(at.path, source, suites);
  if (at.part === 'file') return [{ uri, range: { start: zero, end: zero } }];
  const test = doc.suite?.tests.find((candidate) => candidate.id === at.testId);
  return test ? [{ uri, range: doc.lineIndex.rangeOf(unquoted(doc.text, test.idSpan)) }] : [];
}

/** The test's key (with `includeDeclaration`) and every `use:` naming it, across the workspace. */
export async function testIdReferences(
  at: TestIdAt,
  source: UseSource,
  suites: Suites,
  includeDeclaration: boolean,
): Promise<Location[]> {
  const locations: Location[] = [];
  const declaration = declarationOf(at, source, suites);
  if (includeDeclaration && declaration) locations.push(declaration);
  for (const use of await usesOf(at, source, suites))
    locations.push({ uri: uriOf(use.path, source, suites), range: use.lines.rangeOf(use.span) });
  return locations;
}

export function prepareTestIdRename(
  at: TestIdAt,
  source: UseSource,
  suites: Suites,
): { range: Range; placeholder: string } | ResponseError {
  if (at.part === 'file') return refuse('Place the cursor on the test id (after `#`) to rename it.');
  if (!declarationOf(at, source, suites)) return refuse(`There is no test \`${at.testId}\` to rename.`);
  return { range: source.lines.rangeOf(at.span), placeholder: at.testId };
}

/** One edit: the test's key and every `use:` naming it; refused for an invalid or taken id. */
export async function renameTestId(
  at: TestIdAt,
  source: UseSource,
  suites: Suites,
  newName: string,
): Promise<WorkspaceEdit | ResponseError> {
  const prepared = prepareTestIdRename(at, source, suites);
  if (prepared instanceof ResponseError) return prepared;
  if (!NEW_ID.test(newName))
    return refuse(
      `\`${newName}\` is not a valid test id: use letters, digits, \`-\`, \`_\` and \`.\` (no spaces or \`#\`), starting with a letter, digit or \`_\`.`,
    );
  if (newName === at.testId) return { changes: {} };
  const doc = suiteOf(at.path, source, suites)!;
  if (doc.suite?.tests.some((test) => test.id === newName))
    return refuse(`\`${newName}\` already names a test in this suite: pick another id.`);
  const changes: Record<string, TextEdit[]> = {};
  const add = (uri: string, range: Range): void => {
    (changes[uri] ??= []).push({ range, newText: newName });
  };
  const declaration = declarationOf(at, source, suites)!;
  add(declaration.uri, declaration.range);
  for (const use of await usesOf(at, source, suites))
    add(uriOf(use.path, source, suites), use.lines.rangeOf(use.span));
  return { changes };
}

function refuse(message: string): ResponseError {
  return new ResponseError(LSPErrorCodes.RequestFailed, message);
}

function declarationOf(at: TestIdAt, source: UseSource, suites: Suites): Location | undefined {
  const doc = suiteOf(at.path, source, suites);
  const test = doc?.suite?.tests.find((candidate) => candidate.id === at.testId);
  return doc && test
    ? { uri: uriOf(at.path, source, suites), range: doc.lineIndex.rangeOf(unquoted(doc.text, test.idSpan)) }
    : undefined;
}

/**
 * Every `use:` value naming the test, in the workspace's suites and the `setup:`/`teardown:` of
 * its configs. Files are checked for the id's text before they are parsed, and the scan yields
 * to other requests between slices of work.
 */
async function usesOf(at: TestIdAt, source: UseSource, suites: Suites): Promise<FoundUse[]> {
  const own = source.path;
  const hasFile = own !== source.uri;
  const found: FoundUse[] = [];
  const collect = (path: string, lines: LineIndex, steps: UseStep[]): void => {
    for (const step of steps) {
      if (step.reference?.testId !== at.testId || !step.idSpan) continue;
      if (resolveUseFile(path, step.reference) === at.path) found.push({ path, lines, span: step.idSpan });
    }
  };
  let sliceStart = performance.now();
  const pause = async (): Promise<void> => {
    if (performance.now() - sliceStart <= SLICE_MS) return;
    await new Promise((resolve) => setImmediate(resolve));
    sliceStart = performance.now();
  };
  for (const path of hasFile ? suites.suiteFiles(own) : [own]) {
    await pause();
    const text = path === own ? source.text : suites.text(path);
    if (!text?.includes(at.testId)) continue;
    const doc = suiteOf(path, source, suites);
    if (doc) collect(path, doc.lineIndex, useSteps(doc));
  }
  for (const path of hasFile ? suites.configFiles(own) : []) {
    await pause();
    const config = suites.configUses(path);
    if (config) collect(path, config.lines, config.steps);
  }
  return found;
}

interface FoundUse {
  path: string;
  lines: LineIndex;
  span: Span;
}

function suiteOf(path: string, source: UseSource, suites: Suites): SuiteDocument | undefined {
  return path === source.path ? source.suite : suites.suite(path);
}

function uriOf(path: string, source: UseSource, suites: Suites): string {
  return path === source.path ? source.uri : suites.uri(path);
}

/** A key's span without its quotes. */
function unquoted(text: string, span: Span): Span {
  const first = text[span.start];
  return (first === '"' || first === "'") && text[span.end - 1] === first && span.end - span.start >= 2
    ? { start: span.start + 1, end: span.end - 1 }
    : span;
}

const zero: Position = { line: 0, character: 0 };
