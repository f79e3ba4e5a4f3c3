/**
 * Property: whatever text a user has typed — truncated, mis-indented, binary, deeply nested,
 * huge — every feature answers without throwing, and every range it returns lies inside the
 * document.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { LineIndex, parseConfig } from '../../../core/src/index.js';
import { analyze } from '../../../server/src/analysis.js';
import { codeActions } from '../../../server/src/features/codeActions.js';
import { codeLenses } from '../../../server/src/features/codeLens.js';
import { completion } from '../../../server/src/features/completion.js';
import { configCompletion } from '../../../server/src/features/configCompletion.js';
import { configDiagnostics } from '../../../server/src/features/configDiagnostics.js';
import { configHover } from '../../../server/src/features/configHover.js';
import { definition } from '../../../server/src/features/definition.js';
import { diagnostics } from '../../../server/src/features/diagnostics.js';
import { documentSymbols } from '../../../server/src/features/documentSymbols.js';
import { foldingRanges } from '../../../server/src/features/foldingRanges.js';
import { hover } from '../../../server/src/features/hover.js';
import { references } from '../../../server/src/features/references.js';
import { prepareRename, rename } from '../../../server/src/features/rename.js';
import { propertyParameters } from '../../support/property.js';

const SEEDS = ['users', 'jobs', 'health'].map((name) =>
  readFileSync(`examples/${name}.bluebook.yaml`, 'utf8'),
);

const FRAGMENTS = [
  'tests:',
  'steps:',
  '- GET: /x',
  'expect:',
  'status: 200',
  '${',
  '}',
  '${a',
  'json:',
  '$.a[',
  ': ',
  '- ',
  '{ ',
  '[',
  '"',
  "'",
  '|',
  '>',
  '#',
  '\t',
  '&a',
  '*a',
  '!!binary',
  '? ',
  '---',
  '...',
  '\u0000',
  '\uFFFD',
  '\uD83D\uDE00',
  '\r\n',
  'each: ./x.csv',
  'capture: { id: $.id }',
];

const CONFIG_SEED = readFileSync('examples/bluebook.config.yaml', 'utf8');
const CONFIG_FRAGMENTS = [
  'environments:',
  '  local:',
  '    baseUrl: x',
  'defaultEnvironment: ',
  'secrets: [',
  'secrets:\n  - ',
  'defaults:',
  '  headers:',
  '  auth:',
  '  timeout: ',
  '  followRedirects: ',
];

/** A seed text with random edits: deletions, insertions of YAML-ish fragments, re-indents, truncation. */
const mutated = (seeds: string[], fragments: string[]) =>
  fc
    .tuple(
      fc.constantFrom(...seeds),
      fc.array(
        fc.record({
          at: fc.nat(),
          remove: fc.nat({ max: 12 }),
          insert: fc.oneof(
            fc.constantFrom(...fragments),
            fc.string({ maxLength: 8 }),
            fc.constant('\n' + ' '.repeat(3)),
          ),
        }),
        { maxLength: 8 },
      ),
      fc.option(fc.nat(), { nil: undefined }),
    )
    .map(([seed, edits, cut]) => {
      let text = seed;
      for (const edit of edits) {
        const at = edit.at % (text.length + 1);
        text = text.slice(0, at) + edit.insert + text.slice(at + edit.remove);
      }
      return cut === undefined ? text : text.slice(0, cut % (text.length + 1));
    });
const mutatedSuite = mutated(SEEDS, FRAGMENTS);
const mutatedConfig = mutated([CONFIG_SEED], [...CONFIG_FRAGMENTS, ...FRAGMENTS]);

const deepNesting = fc
  .nat({ max: 300 })
  .map(
    (depth) =>
      'tests:\n  t:\n    steps:\n      - GET: ' +
      '{ a: '.repeat(depth) +
      '1' +
      ' }'.repeat(depth) +
      '\n' +
      '  '.repeat(depth) +
      '- [',
  );
const hugeScalar = fc
  .nat({ max: 200_000 })
  .map(
    (size) =>
      `name: ${'x'.repeat(size)}\ntests:\n  t:\n    steps:\n      - GET: /\${${'y'.repeat(size % 5000)}}\n`,
  );
const binary = fc.uint8Array({ maxLength: 400 }).map((bytes) => Buffer.from(bytes).toString('latin1'));

const anyText = fc.oneof(
  { weight: 6, arbitrary: mutatedSuite },
  { weight: 1, arbitrary: fc.string({ maxLength: 300 }) },
  { weight: 1, arbitrary: binary },
  { weight: 1, arbitrary: deepNesting },
  { weight: 1, arbitrary: hugeScalar },
);

type Range = { start: { line: number; character: number }; end: { line: number; character: number } };

function assertInside(range: Range, lines: LineIndex, what: string): void {
  for (const position of [range.start, range.end]) {
    assert.ok(
      position.line >= 0 && position.line < lines.lineCount,
      `${what}: line ${position.line} outside ${lines.lineCount} lines`,
    );
    assert.ok(
      position.character >= 0 && position.character <= lines.lineText(position.line).length,
      `${what}: character ${position.character} outside line ${position.line}`,
    );
  }
  assert.ok(
    range.start.line < range.end.line ||
      (range.start.line === range.end.line && range.start.character <= range.end.character),
    `${what}: inverted range`,
  );
}

/** Every `range`/`selectionRange` anywhere in a result, for results about `uri`. */
function rangesIn(value: unknown, found: Range[] = []): Range[] {
  if (Array.isArray(value)) for (const item of value) rangesIn(item, found);
  else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.uri === 'string' && !record.uri.startsWith('untitled:')) return found; // another file
    for (const [key, inner] of Object.entries(record)) {
      if (
        (key === 'range' || key === 'selectionRange') &&
        inner &&
        typeof inner === 'object' &&
        'start' in inner
      )
        found.push(inner as Range);
      else if (key === 'changes') {
        const changes = inner as Record<string, unknown>;
        rangesIn(changes['untitled:fuzz.bluebook.yaml'] ?? [], found);
      } else rangesIn(inner, found);
    }
  }
  return found;
}

void describe('robustness', () => {
  void it('every feature answers every random or mutated suite, with ranges inside the document', () => {
    fc.assert(
      fc.property(anyText, fc.nat(), (text, seed) => {
        const analyzed = analyze(text, 'untitled:fuzz.bluebook.yaml', 1, {});
        const lines = new LineIndex(text);
        const line = seed % lines.lineCount;
        const position = { line, character: (seed >> 3) % (lines.lineText(line).length + 1) };
        const range = { start: position, end: position };
        const results: [string, unknown][] = [
          ['diagnostics', diagnostics(analyzed)],
          ['completion', completion(analyzed, position, { listDirectory: () => [] })],
          ['hover', hover(analyzed, position)],
          ['definition', definition(analyzed, position)],
          ['references', references(analyzed, position, true)],
          ['prepareRename', prepareRename(analyzed, position)],
          ['rename', rename(analyzed, position, 'renamed')],
          ['symbols', documentSymbols(analyzed)],
          ['lenses', codeLenses(analyzed)],
          ['actions', codeActions(analyzed, { range, context: { diagnostics: [] } })],
        ];
        for (const [name, result] of results) {
          assert.notEqual(result, undefined, `${name} answered`);
          for (const found of rangesIn(result)) assertInside(found, lines, name);
        }
        for (const fold of foldingRanges(analyzed))
          assert.ok(fold.startLine <= fold.endLine && fold.endLine < lines.lineCount, 'folding range inside');
      }),
      propertyParameters(2000),
    );
  });

  void it('the bluebook.config.yaml features answer every random or mutated config, ranges inside', () => {
    const anyConfig = fc.oneof(
      { weight: 6, arbitrary: mutatedConfig },
      { weight: 1, arbitrary: fc.string({ maxLength: 300 }) },
      { weight: 1, arbitrary: binary },
      { weight: 1, arbitrary: deepNesting },
      { weight: 1, arbitrary: hugeScalar },
    );
    fc.assert(
      fc.property(anyConfig, fc.nat(), (text, seed) => {
        const config = parseConfig(text, '/fuzz/bluebook.config.yaml');
        const lines = new LineIndex(text);
        const line = seed % lines.lineCount;
        const position = { line, character: (seed >> 3) % (lines.lineText(line).length + 1) };
        const results: [string, unknown][] = [
          ['configDiagnostics', configDiagnostics(config)],
          ['configCompletion', configCompletion(config, position)],
          ['configHover', configHover(config, position)],
        ];
        for (const [name, result] of results) {
          assert.notEqual(result, undefined, `${name} answered`);
          for (const found of rangesIn(result)) assertInside(found, lines, name);
        }
      }),
      propertyParameters(2000),
    );
  });
});
