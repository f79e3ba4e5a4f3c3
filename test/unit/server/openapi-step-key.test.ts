// The step key `openapi: false` (SPEC §11) in the editor: completed and hovered from core/src/keys.ts,
// a boolean (anything else is a diagnostic at the value), and accepted without a diagnostic.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { completion } from '../../../server/src/features/completion.js';
import { hover } from '../../../server/src/features/hover.js';
import { parseSuite } from '../../../core/src/parse.js';
import { analyzeText, cursor } from './helpers.js';

const step = (line: string): string =>
  `tests:\n  t:\n    steps:\n      - GET: http://127.0.0.1:1/a\n        ${line}\n`;

void describe('the openapi step key', () => {
  it('is completed in a step', () => {
    const { text, position } = cursor(step('open|'));
    const items = completion(analyzeText(text), position).items;
    assert.ok(items.some((item) => item.label === 'openapi'));
  });

  it('is explained on hover', () => {
    const { text, position } = cursor(step('open|api: false'));
    const result = hover(analyzeText(text), position);
    assert.match(
      (result?.contents as { value: string } | undefined)?.value ?? '',
      /not checked against the OpenAPI document/,
    );
  });

  it('`openapi: false` is read as the opt-out, without diagnostics', () => {
    const doc = parseSuite(step('openapi: false'), '/w/a.bluebook.yaml');
    assert.equal(doc.suite?.tests[0].steps[0].openapi, false);
    assert.deepEqual(analyzeText(step('openapi: false')).validation.diagnostics, []);
  });

  it('a value that is not a boolean is a diagnostic at the value', () => {
    const text = step('openapi: off please');
    const diagnostics = analyzeText(text).validation.diagnostics;
    assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics));
    assert.equal(text.slice(diagnostics[0].span.start, diagnostics[0].span.end), 'off please');
  });
});
