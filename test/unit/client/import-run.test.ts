// "Bluebook: Import…" without the pickers: the same core importers as the CLI, targets in the
// chosen folder, existing files refused unless overwriting, the report of what was not converted.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ImportError } from '../../../core/src/import/types.js';
import { importReport, importSuites, isImportKind } from '../../../client/src/import/run.js';
import { tempFolder } from '../core/helpers.js';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'import');

test('a Postman collection is written into the folder; the report lists what was not converted', async () => {
  const out = tempFolder();
  const outcome = await importSuites({ kind: 'postman', source: join(FIXTURES, 'postman-v21.json'), out });
  assert.ok('written' in outcome);
  assert.ok(outcome.written.length > 0);
  for (const path of outcome.written) {
    assert.equal(join(out, path.slice(out.length + 1)), path);
    assert.match(readFileSync(path, 'utf8'), /tests:/);
  }
  assert.ok(outcome.problems.length > 0, 'the fixture has scripts, which are listed');
  assert.match(importReport(outcome), /^Not converted \(\d+\):\n {2}- /m);
});

test('a curl command is imported from the text itself', async () => {
  const out = tempFolder();
  const outcome = await importSuites({
    kind: 'curl',
    source: 'curl -k https://api.example.com/users/1',
    out,
  });
  assert.ok('written' in outcome);
  assert.deepEqual(outcome.written, [join(out, 'get-users-1.bluebook.yaml')]);
  assert.deepEqual(outcome.problems, ['curl option -k is not supported by Bluebook: dropped']);
});

test('existing files are refused (nothing written) unless overwrite is set', async () => {
  const out = tempFolder();
  const target = join(out, 'get-users-1.bluebook.yaml');
  writeFileSync(target, 'mine');
  const input = { kind: 'curl' as const, source: 'curl https://x/users/1', out };
  const refused = await importSuites(input);
  assert.deepEqual(refused, { existing: [target] });
  assert.equal(readFileSync(target, 'utf8'), 'mine');
  const written = await importSuites({ ...input, overwrite: true });
  assert.ok('written' in written);
  assert.match(readFileSync(target, 'utf8'), /GET: https:\/\/x\/users\/1/);
});

test('a corrupt source or a missing file is an ImportError saying what is wrong', async () => {
  const out = tempFolder();
  await assert.rejects(
    importSuites({ kind: 'postman', source: join(FIXTURES, 'postman-v1.json'), out }),
    ImportError,
  );
  await assert.rejects(
    importSuites({ kind: 'http', source: join(out, 'missing.http'), out }),
    (error: unknown) =>
      error instanceof ImportError && /cannot read .*missing\.http: ENOENT/.test(error.message),
  );
  assert.equal(existsSync(join(out, 'missing.bluebook.yaml')), false);
});

test('isImportKind accepts only the four kinds', () => {
  assert.deepEqual(['openapi', 'postman', 'http', 'curl', 'har', 42].map(isImportKind), [
    true,
    true,
    true,
    true,
    false,
    false,
  ]);
});
