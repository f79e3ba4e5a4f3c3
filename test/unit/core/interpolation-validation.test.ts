/**
 * `validate` must flag every `${…}` the run rejects. Each expression goes through the run's
 * interpolation (with every variable defined and holding any field, so only the form can fail)
 * and through `validateSuite`: whenever the run throws, validation reports an error on exactly
 * the `${…}` range. A table of known forms, then generated ones.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { interpolateValue, parseSuite, Scope, validateSuite } from '../../../core/src/index.js';
import { propertyParameters } from '../../support/property.js';

/** A value with every field and index; reads as 1 where a number is needed. */
const ANY: object = new Proxy(
  {},
  {
    get: (_target, key) => (key === Symbol.toPrimitive ? () => 1 : key === 'toJSON' ? undefined : ANY),
    getOwnPropertyDescriptor: () => ({ value: ANY, configurable: true, enumerable: false, writable: true }),
  },
);
const ROOTS = ['p', 'name', 'user'];

function runRejects(expression: string): boolean {
  const layer = Object.fromEntries(ROOTS.map((root) => [root, ANY]));
  const env = new Proxy({}, { get: () => 'set' }) as Record<string, string>;
  try {
    interpolateValue(`\${${expression}}`, new Scope({ overrides: layer }, env));
    return false;
  } catch {
    return true;
  }
}

/** Error diagnostics of a suite with `${expression}` as a header value, ranges relative to its `${`. */
function validationErrors(expression: string): { code: string; range: [number, number]; message: string }[] {
  const text = [
    'variables: { p: 3, name: Ada, user: { id: 7 } }',
    'tests:',
    '  t:',
    '    steps:',
    '      - GET: http://127.0.0.1:1/x',
    '        headers:',
    '          x-value: |-',
    `            \${${expression}}`,
    '',
  ].join('\n');
  const doc = parseSuite(text, '/project/suite.bluebook.yaml');
  const start = text.indexOf('${', text.indexOf('x-value'));
  return validateSuite(doc, { checkFiles: false })
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => ({
      code: d.code,
      range: [d.span.start - start, d.span.end - start],
      message: d.message,
    }));
}

/**
 * Whenever the run rejects `${expression}`, validation reports an error on the whole `${…}` —
 * or, for a name defined nowhere (`undefined-variable`), on that name inside it.
 */
function assertReportedWhenRejected(expression: string): void {
  if (!runRejects(expression)) return;
  const end = expression.length + 3;
  const errors = validationErrors(expression);
  assert.ok(
    errors.some(
      (error) =>
        (error.range[0] === 0 && error.range[1] === end) ||
        (error.code === 'undefined-variable' && error.range[0] >= 2 && error.range[1] < end),
    ),
    `the run rejects \`\${${expression}}\` but validation reports ${JSON.stringify(errors)}`,
  );
}

const REJECTED = [
  'p * 2',
  'p + 1',
  'p - 1',
  'name.toUpperCase()',
  'user.id.toString()',
  'user.',
  'user..id',
  'user[id]',
  'user[-1]',
  'user[0',
  'user["id\']',
  '1abc',
  '"text"',
  "'text'",
  '$p',
  '.p',
  'p q',
  '!p',
  'p?.id',
  'uuid() + 1',
  'now().x',
  'randomInt(1, 9) * 2',
  'randomInt(1.5, 3)',
  'randomInt(9, 1)',
  'randomInt(1, "x")',
  'randomInt(1, )',
  'randomInt(1, p * 2)',
  'randomInt(1, 99999999999999999999)',
  'uuid(p * 2)',
  'timestamp(x y)',
  'toUpper(name)',
  'env',
  'env.',
  'env["HOME"]',
  '',
  '   ',
];

const ACCEPTED = [
  'p',
  ' p ',
  'user.first-name',
  'user.id',
  'user.roles[0]',
  'user[ 0 ]',
  'user["odd key"]',
  "user['odd key'].x",
  'user.$ref',
  'env.HOME',
  'env.MY_VAR.x',
  'uuid()',
  'now()',
  'timestamp()',
  'randomInt(1, 9)',
  'randomInt(-5, -5)',
  'randomInt(\'1\', "2")',
  'randomInt(1, p)',
];

void describe('validation of ${…} forms', () => {
  void it('every form in the table is rejected by the run and reported on its exact range', () => {
    for (const expression of REJECTED) {
      assert.ok(runRejects(expression), `the table says the run rejects \`\${${expression}}\``);
      const errors = validationErrors(expression);
      assert.ok(
        errors.some((error) => error.range[0] === 0 && error.range[1] === expression.length + 3),
        `\`\${${expression}}\`: ${JSON.stringify(errors)}`,
      );
    }
  });

  void it('the message says what is allowed', () => {
    const [error] = validationErrors('p * 2');
    assert.equal(
      error.message,
      '`${p * 2}` is not a variable reference: use `${name}`, `${name.path}` or a built-in such as `${randomInt(1, 9)}`; arithmetic, method calls and other expressions are not evaluated.',
    );
    assert.match(validationErrors('name.toUpperCase()')[0].message, /^`\$\{name\.toUpperCase\(\)\}` is not/);
  });

  void it('randomInt bounds from variables get the same message as literal ones, not a RangeError', () => {
    const scope = new Scope({ overrides: { low: 0, high: 2 ** 48, huge: 1e20 } }, {});
    for (const expression of ['randomInt(low, high)', 'randomInt(1, huge)']) {
      assert.throws(
        () => interpolateValue(`\${${expression}}`, scope),
        (error: Error) =>
          error.name === 'InterpolationError' &&
          /`randomInt\(min, max\)` needs two whole numbers/.test(error.message),
        expression,
      );
    }
  });

  void it('forms the run accepts are not reported', () => {
    for (const expression of ACCEPTED) {
      assert.ok(!runRejects(expression), `the table says the run accepts \`\${${expression}}\``);
      const errors = validationErrors(expression).filter((error) => !error.message.includes('env'));
      assert.deepEqual(errors, [], `\`\${${expression}}\``);
    }
  });

  void it('property: whenever the run rejects a generated form, validation reports it', () => {
    const token = fc.constantFrom(
      ...ROOTS,
      'env',
      'uuid',
      'randomInt',
      'toUpperCase',
      '.',
      '[',
      ']',
      '(',
      ')',
      ',',
      ' ',
      '"',
      "'",
      '0',
      '1',
      '2.5',
      '-',
      '*',
      '$',
      'x',
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 8 }), (tokens) => {
        const expression = tokens.join('');
        // A reference as an argument of randomInt is checked by value at run time only.
        fc.pre(!/randomInt\s*\(.*[A-Za-z_]/.test(expression.replace(/^.*?randomInt/, 'randomInt')));
        assertReportedWhenRejected(expression);
      }),
      propertyParameters(2000),
    );
  });
});
