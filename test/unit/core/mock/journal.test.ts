// The request journal keeps the last N entries, oldest first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Journal, JOURNAL_SIZE, journalBody, JOURNAL_BODY_CHARS } from '../../../../core/src/mock/journal.js';
import type { JournalEntry } from '../../../../core/src/mock/types.js';

const entry = (url: string): JournalEntry => ({
  time: '',
  method: 'GET',
  url,
  headers: {},
  status: 200,
  durationMs: 0,
});

void test('the journal is bounded: the oldest entries go first', () => {
  assert.equal(JOURNAL_SIZE, 1000);
  const journal = new Journal(3);
  for (const url of ['/1', '/2', '/3', '/4', '/5']) journal.add(entry(url));
  assert.deepEqual(
    journal.list().map((item) => item.url),
    ['/3', '/4', '/5'],
  );
  journal.clear();
  journal.add(entry('/6'));
  assert.deepEqual(
    journal.list().map((item) => item.url),
    ['/6'],
  );
});

void test('a journal body keeps its first 64 KB', () => {
  const body = journalBody(Buffer.alloc(JOURNAL_BODY_CHARS + 10, 'a')) as string;
  assert.ok(body.startsWith('a'.repeat(JOURNAL_BODY_CHARS)));
  assert.match(body, /… \(65546 bytes\)$/);
  assert.equal(journalBody(Buffer.alloc(0)), undefined);
});
