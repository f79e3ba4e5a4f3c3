// `not` comes from the engine's matcher registry: completion offers operators inside it and hover
// shows its doc, with no editor-side list to keep in step.
import { describe, it } from 'node:test';
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import { findMatcher } from '../../../core/src/index.js';
import { completion } from '../../../server/src/features/completion.js';
import { hover } from '../../../server/src/features/hover.js';
import { analyzeText, cursor } from './helpers.js';

const suiteWith = (lines: string): string =>
  `tests:\n  t:\n    steps:\n      - GET: /users\n        expect:\n          json:\n            $.x:\n${lines}`;

void describe('`not` in the editor', () => {
  void it('completion offers `not`, and operators inside it', () => {
    const top = cursor(suiteWith('              n|\n'));
    assert.ok(completion(analyzeText(top.text), top.position).items.some((item) => item.label === 'not'));
    const inner = cursor(suiteWith('              not:\n                con|\n'));
    const labels = completion(analyzeText(inner.text), inner.position).items.map((item) => item.label);
    assert.ok(labels.includes('contains'), labels.join(', '));
  });

  void it('hover on `not` shows the registry doc', () => {
    const doc = findMatcher('not')?.doc;
    assert.ok(doc);
    const hovered = cursor(suiteWith('              n|ot:\n                contains: x\n'));
    const result = hover(analyzeText(hovered.text), hovered.position);
    assert.deepEqual(result?.contents, { kind: 'markdown', value: `**not** — ${doc}` });
  });

  void it('the suite schema takes a matcher or a value under `not`, and checks the matcher', () => {
    const schema = JSON.parse(readFileSync('schemas/bluebook.schema.json', 'utf8'));
    const validate = new Ajv({ strict: false }).compile(schema);
    const suite = (not: unknown) => ({
      tests: { t: { steps: [{ GET: '/a', expect: { json: { '$.x': { not } } } }] } },
    });
    assert.ok(validate(suite({ contains: 'x' })), JSON.stringify(validate.errors));
    assert.ok(validate(suite(5)));
    assert.ok(validate(suite(['a'])));
    assert.equal(validate(suite({ containz: 'x' })), false);
  });
});
