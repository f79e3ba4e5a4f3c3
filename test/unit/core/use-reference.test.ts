import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseUseReference, resolveUseFile } from '../../../core/src/use/reference.js';

void describe('use references', () => {
  void it('reads a file and a test id, with their offsets', () => {
    const text = './auth.bluebook.yaml#login';
    const reference = parseUseReference(text);
    assert.ok(!('problem' in reference));
    assert.equal(reference.file, './auth.bluebook.yaml');
    assert.equal(reference.testId, 'login');
    assert.equal(text.slice(...reference.fileRange!), './auth.bluebook.yaml');
    assert.equal(text.slice(...reference.idRange), 'login');
  });

  void it('reads `#id` as a test of the same file', () => {
    const reference = parseUseReference('#create-user');
    assert.ok(!('problem' in reference));
    assert.equal(reference.file, undefined);
    assert.equal(reference.testId, 'create-user');
    assert.equal(resolveUseFile('/p/a.bluebook.yaml', reference), '/p/a.bluebook.yaml');
  });

  void it('resolves the file relative to the using file', () => {
    const reference = parseUseReference('../shared/auth.bluebook.yaml#login');
    assert.ok(!('problem' in reference));
    assert.equal(
      resolveUseFile(join('/p', 'api', 'users.bluebook.yaml'), reference),
      join('/p', 'shared', 'auth.bluebook.yaml'),
    );
  });

  void it('says what to write when there is no test id', () => {
    const missing = parseUseReference('./auth.bluebook.yaml');
    assert.ok('problem' in missing);
    assert.match(missing.problem, /names no test: write `\.\/file\.bluebook\.yaml#test-id`/);
    const empty = parseUseReference('./auth.bluebook.yaml#');
    assert.ok('problem' in empty);
    assert.match(empty.problem, /names no test after `#`: write `\.\/auth\.bluebook\.yaml#test-id`/);
  });
});
