/**
 * `each:` data files (SPEC §2.5): the one parser of a `.csv`, `.json` or `.yaml` file's text into
 * rows of variables. The runner (run/each.ts) and validation (validate/files.ts) both read files
 * through it, so a file the editor accepts is a file the run accepts, with the same messages.
 */
import { readYaml, sizeProblem } from './parse/yaml.js';

/** One row: the variables of one test instance. */
export type DataRow = Record<string, unknown>;

/** Why a data file holds no rows: a readable message, and the 1-based line where the parser knows it. */
export interface DataFileError {
  /** Reads after the file's name: `is not valid JSON: …`, a limit (`this file has … characters; …`), `must hold a list of variable maps`, `unclosed quoted field`. */
  message: string;
  line?: number;
}

/** A data file's rows, or the error that stopped it (then `rows` is empty). Never throws. */
export interface DataFileResult {
  rows: DataRow[];
  error?: DataFileError;
}

/** The format is chosen by the path's extension: `.csv`, `.json`, anything else YAML. */
export function parseDataFile(text: string, path: string): DataFileResult {
  const source = stripBom(text);
  const tooLarge = sizeProblem(source);
  if (tooLarge) return { rows: [], error: { message: tooLarge.message } };
  if (/\.csv$/i.test(path)) return parseCsv(source);
  let value: unknown;
  if (/\.json$/i.test(path)) {
    try {
      value = JSON.parse(source);
    } catch (error) {
      const detail = (error instanceof Error ? error.message : String(error)).split('\n')[0];
      return { rows: [], error: { message: `is not valid JSON: ${detail}` } };
    }
  } else {
    const { root, problems } = readYaml(source, { uniqueKeys: true });
    const [problem] = problems;
    if (problem) {
      const prefix = problem.kind === 'limit' ? '' : 'is not valid YAML: ';
      return {
        rows: [],
        error: { message: `${prefix}${problem.message}`, line: lineOf(source, problem.span.start) },
      };
    }
    value = root?.toJSON() ?? null;
  }
  if (
    !Array.isArray(value) ||
    !value.every((row) => row !== null && typeof row === 'object' && !Array.isArray(row))
  ) {
    return { rows: [], error: { message: 'must hold a list of variable maps' } };
  }
  return { rows: value as DataRow[] };
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) line++;
  return line;
}

/**
 * RFC 4180 CSV with a header row: quoted fields may hold commas, doubled quotes and line breaks;
 * blank lines are skipped; every value is a string. A row whose field count differs from the
 * header's is an error at that row's line, as is a quote left open (at the line it opened).
 */
export function parseCsv(text: string): { rows: Record<string, string>[]; error?: DataFileError } {
  const source = stripBom(text);
  const records: { fields: string[]; line: number }[] = [];
  let field = '';
  let fields: string[] = [];
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let quoteLine = 1;
  const endRecord = () => {
    fields.push(field);
    records.push({ fields, line: recordLine });
    fields = [];
    field = '';
  };
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (quoted) {
      if (ch === '"' && source[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n' || (ch === '\r' && source[i + 1] !== '\n')) line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      quoteLine = line;
    } else if (ch === ',') {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && source[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else field += ch;
  }
  if (quoted) return { rows: [], error: { line: quoteLine, message: 'unclosed quoted field' } };
  if (field !== '' || fields.length > 0) endRecord();
  const nonEmpty = records.filter(({ fields }) => !(fields.length === 1 && fields[0].trim() === ''));
  if (nonEmpty.length === 0) return { rows: [] };
  const header = nonEmpty[0].fields.map((name) => name.trim());
  const rows: Record<string, string>[] = [];
  for (const { fields: values, line: at } of nonEmpty.slice(1)) {
    if (values.length !== header.length) {
      return {
        rows: [],
        error: { line: at, message: `row has ${values.length} fields, the header has ${header.length}` },
      };
    }
    rows.push(Object.fromEntries(header.map((name, index) => [name, values[index]])));
  }
  return { rows };
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
