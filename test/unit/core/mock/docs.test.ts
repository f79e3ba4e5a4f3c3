// docs/mocks.md stays true to the code: every YAML example is a mock file parseMock accepts, and
// every key of MOCK_KEYS is documented.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MOCK_KEYS } from '../../../../core/src/mock/keys.js';
import { parseMock } from '../../../../core/src/mock/parse.js';

const DOC = readFileSync(join(__dirname, '..', '..', '..', '..', 'docs', 'mocks.md'), 'utf8');

void describe('docs/mocks.md', () => {
  void test('every yaml example parses without diagnostics', () => {
    const blocks = [...DOC.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => match[1]);
    assert.ok(blocks.length > 0);
    for (const block of blocks)
      assert.deepEqual(parseMock(block, '/docs/example.mock.yaml').diagnostics, [], block);
  });

  void test('every key is documented', () => {
    for (const [context, keys] of Object.entries(MOCK_KEYS))
      for (const { key } of keys)
        assert.ok(DOC.includes(`\`${key}\``), `${context} key \`${key}\` is not in docs/mocks.md`);
  });
});
