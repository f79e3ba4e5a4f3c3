import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { completion } from '../../../server/src/features/completion.js';
import { hover } from '../../../server/src/features/hover.js';
import { ProjectCache } from '../../../server/src/project.js';
import { SuiteWorkspace } from '../../../server/src/workspace.js';
import { analyzeText, cursor } from './helpers.js';

const suites = new SuiteWorkspace(new ProjectCache(), { document: () => undefined, paths: () => [] });

const STEP = 'variables:\n  user-id: 1\ntests:\n  a:\n    steps:\n      - GET: /x\n';

/** `cursor`, with `¦` written for a block scalar's `|` (the cursor marker). */
function marked(text: string) {
  const { text: raw, position } = cursor(text);
  return { text: raw.replace(/¦/g, '|'), position };
}

function labels(source: string): string[] {
  const { text, position } = marked(source);
  return completion(analyzeText(text), position, { suites }).items.map((item) => item.label);
}

function hovered(source: string): string {
  const { text, position } = marked(source);
  const result = hover(analyzeText(text), position);
  return result ? (result.contents as { value: string }).value : '';
}

void describe('a ${{ }} expression over several lines', () => {
  void it('completes response members on a later line of a block scalar in expect', () => {
    const items = labels(
      `${STEP}        expect:\n          assert:\n            - ¦\n              \${{ response.status < 300 &&\n                response.j| }}\n`,
    );
    assert.deepEqual(items, ['status', 'headers', 'json', 'text', 'duration']);
  });

  void it('completes variables and vars on a later line of a folded plain scalar', () => {
    const items = labels(`${STEP}        headers:\n          x-a: \${{ vars.get ??\n            us| }}\n`);
    assert.ok(items.includes('user-id'), items.join());
    assert.ok(items.includes('vars'), items.join());
    assert.ok(!items.includes('response'), 'no response in a request header');
  });

  void it('completes vars. members on a later line', () => {
    const items = labels(
      `${STEP}        body:\n          text: >\n            \${{ 1 +\n            vars.| }}\n`,
    );
    assert.ok(items.includes('user-id'), items.join());
  });

  void it('hovers an API name on a later line', () => {
    assert.match(
      hovered(
        `${STEP}        expect:\n          assert:\n            - "\${{ 1 <\n              respo|nse.status }}"\n`,
      ),
      /response\.status/,
    );
    assert.match(
      hovered(`${STEP}        headers:\n          x-a: \${{ 1 +\n            sha2|56('a') }}\n`),
      /sha256/,
    );
  });

  void it('is not an expression after the closing }} or outside the value', () => {
    assert.equal(hovered(`${STEP}        headers:\n          x-a: \${{ 1 +\n            2 }} sha2|56\n`), '');
    const after = labels(`${STEP}        headers:\n          x-a: \${{ 1 +\n            2 }}\n        |\n`);
    assert.ok(after.includes('expect'), after.join());
  });
});

void describe('use: in a flow map', () => {
  void it('offers # and test ids after use: inside { }', () => {
    const suite = 'tests:\n  login:\n    name: Log in\n    steps:\n      - GET: /l\n  a:\n    steps:\n';
    assert.deepEqual(labels(`${suite}      - { use: | }\n`), ['#']);
    assert.deepEqual(labels(`${suite}      - { use: "#|" }\n`), ['login']);
    assert.deepEqual(labels(`${suite}      - { with: { a: 1 }, use: '#lo| }\n`), ['login']);
  });
});
