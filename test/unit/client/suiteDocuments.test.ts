import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { SuiteDocuments } from '../../../client/src/testing/suiteDocuments.js';

const text = (id: string): string => `tests:\n  ${id}:\n    steps:\n      - GET: /${id}\n`;

describe('SuiteDocuments: the parsed suites of the Test Explorer tree', () => {
  it('keeps an open document parsed, and a file read from disk as its text until asked', () => {
    const documents = new SuiteDocuments(2);
    const open = documents.setOpen('file:///open.bluebook.yaml', text('open'));
    assert.equal(documents.get('file:///open.bluebook.yaml'), open, 'the same parse is returned');
    documents.setOnDisk('file:///disk.bluebook.yaml', text('disk'));
    assert.equal(documents.parsedCount(), 1, 'the file on disk is not held parsed');
    assert.deepEqual(
      documents.get('file:///disk.bluebook.yaml')?.suite?.tests.map((test) => test.id),
      ['disk'],
    );
  });

  it('holds at most `cacheSize` files from disk parsed, and forgets removed ones', () => {
    const documents = new SuiteDocuments(2);
    for (const id of ['a', 'b', 'c']) documents.setOnDisk(`file:///${id}.bluebook.yaml`, text(id));
    for (const id of ['a', 'b', 'c']) assert.ok(documents.get(`file:///${id}.bluebook.yaml`));
    assert.equal(documents.parsedCount(), 2);
    documents.delete('file:///c.bluebook.yaml');
    assert.equal(documents.get('file:///c.bluebook.yaml'), undefined);
    assert.equal(documents.get('file:///missing.bluebook.yaml'), undefined);
  });
});
