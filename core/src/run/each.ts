/** `each:` rows, inline or from a .json/.yaml/.csv file relative to the suite (SPEC §2.5). */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseDataFile, type DataRow } from '../data.js';
import { StepProblem } from '../http/errors.js';
import type { EachSource } from '../model.js';

export type Row = DataRow;

export async function loadRows(source: EachSource, baseDir: string): Promise<Row[]> {
  if (source.kind === 'rows') return source.rows;
  const path = resolve(baseDir, source.path);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new StepProblem(`cannot read \`each\` data file ${path}`, source.span);
  }
  const { rows, error } = parseDataFile(text, path);
  if (error) {
    throw new StepProblem(
      error.line === undefined
        ? `\`each\` data file ${path} ${error.message}`
        : `${path}:${error.line}: ${error.message}`,
      source.span,
    );
  }
  return rows;
}
