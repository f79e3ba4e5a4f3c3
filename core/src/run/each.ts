/** `each:` rows, inline or from a .json/.yaml/.csv file relative to the suite (SPEC §2.5). */
import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { StepProblem } from '../http/errors.js';
import type { EachSource } from '../model.js';
import { parseCsv } from './csv.js';

export type Row = Record<string, unknown>;

export async function loadRows(source: EachSource, baseDir: string): Promise<Row[]> {
  if (source.kind === 'rows') return source.rows;
  const path = resolve(baseDir, source.path);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new StepProblem(`cannot read \`each\` data file ${path}`, source.span);
  }
  const extension = extname(path).toLowerCase();
  if (extension === '.csv') {
    const parsed = parseCsv(text);
    if (parsed.error)
      throw new StepProblem(`${path}:${parsed.error.line}: ${parsed.error.message}`, source.span);
    return parsed.rows;
  }
  let data: unknown;
  try {
    data = extension === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new StepProblem(
      `\`each\` data file ${path} is not valid ${extension === '.json' ? 'JSON' : 'YAML'}: ${(error as Error).message.split('\n')[0]}`,
      source.span,
    );
  }
  if (
    !Array.isArray(data) ||
    !data.every((row) => row !== null && typeof row === 'object' && !Array.isArray(row))
  ) {
    throw new StepProblem(`\`each\` data file ${path} must hold a list of variable maps`, source.span);
  }
  return data as Row[];
}
