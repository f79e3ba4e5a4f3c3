// cheerio, xpath and @xmldom/xmldom load on first use: validating and evaluating a suite without
// xpath/css does not load them; one with them does.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isolated } from '../../support/isolated.js';

void test('the XML and HTML libraries are loaded only by suites that use them', () => {
  const out = isolated(`
    const { parseSuite } = require('./core/src/parse.ts');
    const { validateSuite } = require('./core/src/validate/index.ts');
    const loaded = () => ['cheerio', 'xpath', '@xmldom'].filter((name) =>
      Object.keys(require.cache).some((path) => path.includes('/node_modules/' + name + '/')));
    const check = (text) => validateSuite(parseSuite(text, '/tmp/s.bluebook.yaml'), { checkFiles: false });
    check('tests:\\n  t:\\n    steps:\\n      - GET: http://127.0.0.1/x\\n        expect:\\n          json: { $.a: 1 }\\n');
    const before = loaded();
    check('tests:\\n  t:\\n    steps:\\n      - GET: http://127.0.0.1/x\\n        expect:\\n          css: { h1: x }\\n          xpath: { count(//a): 1 }\\n');
    console.log(JSON.stringify({ before, after: loaded() }));
  `);
  assert.deepEqual(JSON.parse(out), { before: [], after: ['cheerio', 'xpath'] });
});
