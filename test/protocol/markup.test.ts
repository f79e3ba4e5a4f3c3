// The language server reports an XPath and a CSS selector that do not parse at their characters
// inside the YAML keys, and clears them once fixed.
import { strict as assert } from 'node:assert';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { ensureBuilt, TestClient } from './client.js';

const TEXT = [
  'tests:',
  '  t:',
  '    steps:',
  '      - GET: http://127.0.0.1/x',
  '        expect:',
  '          xpath:',
  "            '//user[': 1",
  '          css:',
  '            li:nope@href: x',
  '',
].join('\n');

void describe('language server: xpath and css', { timeout: 120_000 }, () => {
  let client: TestClient;
  let uri: string;

  before(async () => {
    ensureBuilt();
    uri = pathToFileURL(
      join(mkdtempSync(join(tmpdir(), 'bluebook-protocol-markup-')), 'x.bluebook.yaml'),
    ).href;
    client = new TestClient();
    await client.initialize();
  });

  after(async () => {
    await client.close();
  });

  void it('diagnostics at the expression and the selector, gone once fixed', async () => {
    const published = await client.open(uri, TEXT);
    assert.deepEqual(
      published.diagnostics.map((d) => [d.code, d.range]),
      [
        ['invalid-xpath', { start: { line: 6, character: 13 }, end: { line: 6, character: 20 } }],
        ['invalid-css-selector', { start: { line: 8, character: 12 }, end: { line: 8, character: 19 } }],
      ],
    );
    const fixed = await client.change(uri, 2, [
      { text: TEXT.replace('//user[', '//user').replace(':nope', '') },
    ]);
    assert.deepEqual(fixed.diagnostics, []);
  });
});
