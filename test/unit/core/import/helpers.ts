import assert from 'node:assert/strict';
import { join } from 'node:path';
import { parseSuite } from '../../../../core/src/parse.js';
import type { ImportedFile } from '../../../../core/src/import/types.js';

export const FIXTURES = join(__dirname, '..', '..', '..', 'fixtures', 'import');

/** Every imported file is a suite `parseSuite` accepts without a single diagnostic. */
export function assertSuites(files: readonly ImportedFile[]): void {
  assert.ok(files.length > 0, 'no file imported');
  for (const file of files) {
    assert.match(file.name, /^[a-z0-9-]+\.bluebook\.yaml$/);
    const doc = parseSuite(file.text, `file:///imported/${file.name}`);
    assert.deepEqual(
      doc.diagnostics.map((diagnostic) => `${diagnostic.code}: ${diagnostic.message}`),
      [],
      file.text,
    );
  }
}
