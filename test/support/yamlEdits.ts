/**
 * Random edits of YAML text for property tests: fragments that make and break structure, typos a
 * user leaves while typing, and line-level edits (duplicate a line, shift its indentation).
 */
import fc from 'fast-check';

/** Fragments that make and break structure: test keys, indentation, anchors, flow, markers. */
export const FRAGMENTS = [
  '\n',
  ' ',
  '  ',
  'x',
  ':',
  '#',
  '"',
  "'",
  '- ',
  '{',
  '}',
  '[',
  ']',
  ',',
  '${',
  '${userId}',
  '${nope}',
  '$${x}',
  '&a ',
  '*a',
  '<<: *a\n',
  '\t',
  '\r',
  '\r\n',
  '---\n',
  '...\n',
  '%YAML 1.2\n',
  'tests:\n',
  'tests: {}\n',
  '\n  added:\n    steps:\n      - GET: /added/${userId}\n        expect: { status: 200 }\n',
  '\n  added:\n',
  '\nafter:\n  - GET: /after\n',
  '\nbogus: 1\n',
  '\n    name: moved\n',
  '\n name: odd\n',
  'status: 99',
  '$.a[?',
  '\n      - POST: /p\n        json: { a: 1 }\n',
  '|\n',
  '? ',
  '!!str ',
];

/** What a user is halfway through typing: YAML errors that stay within one test entry. */
const TYPOS = [
  'expe',
  'stat',
  'x: y: z',
  'a: @b',
  'k: "a\\q"',
  '- ',
  ']',
  'steps:',
  '$.id: { gt',
  'u: "open',
];

export type Edit = {
  at: number;
  remove: number;
  insert: string;
  mode: 'raw' | 'line' | 'dupLine' | 'indent' | 'typo';
};

export const editArb: fc.Arbitrary<Edit> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      at: fc.nat(),
      remove: fc.oneof(fc.constant(0), fc.nat({ max: 3 }), fc.nat({ max: 80 })),
      insert: fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 4 }), fc.constant('')),
      mode: fc.constantFrom<Edit['mode']>('raw', 'raw', 'line', 'dupLine', 'indent'),
    }),
  },
  // A new line after a random one, indented like it give or take a column, half typed.
  {
    weight: 2,
    arbitrary: fc.record({
      at: fc.nat(),
      remove: fc.integer({ min: -1, max: 2 }),
      insert: fc.constantFrom(...TYPOS),
      mode: fc.constant<Edit['mode']>('typo'),
    }),
  },
);

/** Applies an edit; `line` modes act at a line start (where structure lives). */
export function apply(text: string, edit: Edit): string {
  let at = text.length === 0 ? 0 : edit.at % (text.length + 1);
  if (edit.mode === 'typo') {
    // `remove` shifts the indentation by -1…2 columns; `typo` lines go after the line at `at`.
    const start = text.lastIndexOf('\n', at - 1) + 1;
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    const indent = /^ */.exec(text.slice(start, end))![0].length;
    const line = ' '.repeat(Math.max(0, indent + edit.remove)) + edit.insert;
    return text.slice(0, end) + '\n' + line + text.slice(end);
  }
  if (edit.mode !== 'raw') {
    at = text.lastIndexOf('\n', at - 1) + 1;
    if (edit.mode === 'dupLine') {
      const end = text.indexOf('\n', at);
      const line = text.slice(at, end === -1 ? text.length : end + 1);
      return text.slice(0, at) + line + (end === -1 ? '\n' : '') + text.slice(at);
    }
    if (edit.mode === 'indent') {
      return edit.remove % 2 === 0
        ? text.slice(0, at) + ' ' + text.slice(at)
        : text.slice(0, at) + text.slice(at).replace(/^ /, '');
    }
  }
  return text.slice(0, at) + edit.insert + text.slice(at + Math.min(edit.remove, text.length - at));
}
