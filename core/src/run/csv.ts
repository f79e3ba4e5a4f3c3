/** RFC 4180 CSV with a header row (quoted fields, doubled quotes, line breaks inside quotes). */
export function parseCsv(text: string): {
  rows: Record<string, string>[];
  error?: { line: number; message: string };
} {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  let line = 1;
  let quoteLine = 1;
  const source = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (quoted) {
      if (ch === '"' && source[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      quoteLine = line;
    } else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && source[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      line++;
    } else field += ch;
  }
  if (quoted) return { rows: [], error: { line: quoteLine, message: 'unclosed quoted field' } };
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  const nonEmpty = records.filter((item) => !(item.length === 1 && item[0].trim() === ''));
  if (nonEmpty.length === 0) return { rows: [] };
  const header = nonEmpty[0].map((name) => name.trim());
  const rows: Record<string, string>[] = [];
  for (let r = 1; r < nonEmpty.length; r++) {
    const values = nonEmpty[r];
    if (values.length !== header.length) {
      return {
        rows: [],
        error: { line: r + 1, message: `row has ${values.length} fields, the header has ${header.length}` },
      };
    }
    rows.push(Object.fromEntries(header.map((name, index) => [name, values[index]])));
  }
  return { rows };
}
