// `auth: null` and `headers: { name: null }` in the editor: no diagnostic, hover says what `null`
// does, completion keeps working around them, and the undefined-variable analysis flags a default
// only for the step that would send it before its variable exists.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { completion } from '../../../server/src/features/completion.js';
import { hover } from '../../../server/src/features/hover.js';
import { analyzeText, cursor } from './helpers.js';

const login = (loginAuth: string): string =>
  [
    'defaults:',
    '  auth: { bearer: "${accessToken}" }',
    '  headers: { x-client: bluebook }',
    'before:',
    '  - POST: http://127.0.0.1:1/login',
    loginAuth,
    '    headers: { X-Client: null }',
    '    capture:',
    '      accessToken: $.token',
    'tests:',
    '  t:',
    '    steps:',
    '      - GET: http://127.0.0.1:1/me',
    '',
  ]
    .filter((line) => line !== '')
    .join('\n') + '\n';

function hoverText(marked: string): string {
  const { text, position } = cursor(marked);
  const result = hover(analyzeText(text), position);
  return result ? (result.contents as { value: string }).value : '';
}

void describe('`null` to remove a default, in the editor', () => {
  it('a login step with `auth: null` has no diagnostics', () => {
    assert.deepEqual(analyzeText(login('    auth: null')).validation.diagnostics, []);
  });

  it('without it, the default is flagged at `${accessToken}` for that step', () => {
    const text = login('');
    const found = analyzeText(text).validation.diagnostics.map(
      (item) => `${item.code} ${text.slice(item.span.start, item.span.end)}`,
    );
    assert.deepEqual(found, ['capture-before-definition accessToken']);
  });

  it('hover on `auth` and `headers` says that `null` removes the default', () => {
    assert.match(hoverText(login('    au|th: null')), /`null` removes the `auth` set by `defaults`/);
    assert.match(hoverText(login('    auth: null').replace('  au', '  a|u')), /`null` removes the `auth`/);
    assert.match(
      hoverText(login('    auth: null').replace('    headers', '    hea|ders')),
      /`null` removes a header/,
    );
  });

  it('completion of step keys works beside `auth: null`', () => {
    const { text, position } = cursor(login('    auth: null\n    |'));
    const items = completion(analyzeText(text), position).items.map((item) => item.label);
    assert.ok(items.includes('expect'), items.join(', '));
    assert.ok(!items.includes('auth'), 'auth is already present');
  });
});
