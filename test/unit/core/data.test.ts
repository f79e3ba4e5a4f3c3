// `each:` data files: one parser (core/src/data.ts) serves the runner and validation alike.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { parseCsv, parseDataFile } from '../../../core/src/data.js';
import { loadValidationContext, parseSuite, validateSuite } from '../../../core/src/index.js';
import { run, tempFolder } from './helpers.js';

void describe('parseCsv', () => {
  test('reads a header and rows: quoted commas, doubled quotes, line breaks inside quotes, CRLF', () => {
    const text = 'name,role\r\n"Lovelace, A.","say ""hi"""\r\n"two\nlines",x\r\n';
    assert.deepEqual(parseCsv(text), {
      rows: [
        { name: 'Lovelace, A.', role: 'say "hi"' },
        { name: 'two\nlines', role: 'x' },
      ],
    });
  });

  test('strips a byte order mark, trims header names, skips blank and white-space lines', () => {
    assert.deepEqual(parseCsv('\uFEFF name , role\n\nAda,admin\n   \nGrace,user'), {
      rows: [
        { name: 'Ada', role: 'admin' },
        { name: 'Grace', role: 'user' },
      ],
    });
    assert.deepEqual(parseCsv(''), { rows: [] });
    assert.deepEqual(parseCsv('name,role\n'), { rows: [] });
  });

  test('a row with another field count is an error at its own line (after blank lines and quoted breaks)', () => {
    assert.deepEqual(parseCsv('a,b\n1,2\n3\n'), {
      rows: [],
      error: { line: 3, message: 'row has 1 fields, the header has 2' },
    });
    assert.deepEqual(parseCsv('a,b\n\n"x\ny",2\n1,2,3\n'), {
      rows: [],
      error: { line: 5, message: 'row has 3 fields, the header has 2' },
    });
  });

  test('a quote left open is an error at the line it opened', () => {
    assert.deepEqual(parseCsv('a,b\n1,2\n"3,4\n5,6\n'), {
      rows: [],
      error: { line: 3, message: 'unclosed quoted field' },
    });
  });
});

void describe('parseDataFile', () => {
  test('chooses the format by extension; JSON and YAML must hold a list of maps', () => {
    assert.deepEqual(parseDataFile('\uFEFF[{"n":1}]', 'rows.JSON'), { rows: [{ n: 1 }] });
    assert.deepEqual(parseDataFile('- { n: 1 }\n- { n: 2 }\n', 'rows.yml'), { rows: [{ n: 1 }, { n: 2 }] });
    assert.deepEqual(parseDataFile('n\n1\n', 'rows.Csv'), { rows: [{ n: '1' }] });
    assert.deepEqual(parseDataFile('{"not":"rows"}', 'rows.json'), {
      rows: [],
      error: { message: 'must hold a list of variable maps' },
    });
    assert.deepEqual(parseDataFile('[1, [2]]', 'rows.yaml').error, {
      message: 'must hold a list of variable maps',
    });
    assert.match(parseDataFile('[{', 'rows.json').error?.message ?? '', /^is not valid JSON: \S/);
    assert.match(parseDataFile('a: [', 'rows.yaml').error?.message ?? '', /^is not valid YAML: \S/);
  });

  test('the runner and validation report the same bad file with the same line', async () => {
    const folder = tempFolder({ 'rows.csv': 'a,b\n1,2\n3\n' });
    const text = 'tests:\n  t:\n    each: ./rows.csv\n    steps:\n      - GET: /x\n';
    const ran = await run(text, 'http://127.0.0.1:1', { baseDir: folder });
    assert.equal(
      ran.result.tests[0].error?.message,
      `${join(folder, 'rows.csv')}:3: row has 1 fields, the header has 2`,
    );
    const path = join(folder, 'suite.bluebook.yaml');
    const diagnostics = validateSuite(parseSuite(text, path), loadValidationContext(path)).diagnostics;
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.severity, d.message]),
      [
        [
          'invalid-data-file',
          'error',
          '`each` file `./rows.csv`, line 3: row has 1 fields, the header has 2.',
        ],
      ],
    );
  });
});
