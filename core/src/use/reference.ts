/**
 * The target of a `use:` step (SPEC §7): `./auth.bluebook.yaml#login` (a test of another suite,
 * relative to the using file) or `#login` (a test of the same file). One reading for the engine,
 * validation and the language server.
 */
import { dirname, isAbsolute, resolve } from 'node:path';

export interface UseReference {
  /** The file part as written (`./auth.bluebook.yaml`); absent for `#id` (the same file). */
  file?: string;
  testId: string;
  /** Offsets inside the written text: where the file part and the test id start and end. */
  fileRange?: [number, number];
  idRange: [number, number];
}

/** Reads `file#id` or `#id`; a problem message when the text is not one. */
export function parseUseReference(text: string): UseReference | { problem: string } {
  const hash = text.lastIndexOf('#');
  if (hash < 0) {
    return {
      problem: `\`use: ${text}\` names no test: write \`./file.bluebook.yaml#test-id\`, or \`#test-id\` for a test of this file`,
    };
  }
  const file = text.slice(0, hash).trim();
  const testId = text.slice(hash + 1);
  if (testId.trim() === '') {
    return { problem: `\`use: ${text}\` names no test after \`#\`: write \`${file}#test-id\`` };
  }
  const fileStart = text.indexOf(file);
  return {
    file: file === '' ? undefined : file,
    testId,
    fileRange: file === '' ? undefined : [fileStart, fileStart + file.length],
    idRange: [hash + 1, text.length],
  };
}

/** The absolute path of the used suite: relative to the using file's folder. */
export function resolveUseFile(fromFile: string, reference: UseReference): string {
  if (reference.file === undefined) return fromFile;
  return isAbsolute(reference.file) ? reference.file : resolve(dirname(fromFile), reference.file);
}
