// The one HTTP status table (core/src/http/status.ts): the runner's reason phrases and the
// language server's completion/hover read it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { STATUS_CODES as NODE_STATUS_CODES } from 'node:http';
import { STATUS_CLASSES, STATUS_CODES, statusText } from '../../../core/src/index.js';

test('covers every status code Node names, each with a phrase and a one-sentence doc', () => {
  for (const code of Object.keys(NODE_STATUS_CODES)) {
    const info = STATUS_CODES[Number(code)];
    assert.ok(info, `no entry for ${code}`);
    assert.match(info.phrase, /^\S.*\S$/, `${code} phrase`);
    assert.match(info.doc, /^\S.*\.$/, `${code} doc`);
  }
  assert.deepEqual(Object.keys(STATUS_CLASSES), ['1xx', '2xx', '3xx', '4xx', '5xx']);
});

test('statusText gives the RFC 9110 reason phrase, empty for unknown codes', () => {
  assert.equal(statusText(201), 'Created');
  assert.equal(statusText(404), 'Not Found');
  assert.equal(statusText(413), 'Content Too Large');
  assert.equal(statusText(422), 'Unprocessable Content');
  assert.equal(statusText(599), '');
});
