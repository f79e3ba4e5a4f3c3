// acceptSnapshot: the editor's "Accept new snapshot" rewrites one test › step entry of a snapshot
// file, keeping the other entries and the comments, and never touches a broken file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { tempFolder } from './helpers.js';
import { acceptSnapshot } from '../../../core/src/snapshot/accept.js';
import { SnapshotFileError } from '../../../core/src/snapshot/file.js';

const STORED = `# reviewed by Ada
user:
  1 GET /users/1:
    body:
      name: Ada # the first user
    status: 200
  2 GET /users/2:
    body:
      name: Grace
    status: 200
zeta:
  1 GET /z:
    body: z
    status: 200
`;

function snapFile(text?: string): string {
  const folder = join(tempFolder(), '__snapshots__');
  mkdirSync(folder, { recursive: true });
  const path = join(folder, 'suite.bluebook.yaml.snap.yaml');
  if (text !== undefined) writeFileSync(path, text);
  return path;
}

test('only the accepted entry changes; other entries and comments are kept', () => {
  const path = snapFile(STORED);
  acceptSnapshot(path, 'user', '2 GET /users/2', { status: 201, body: { name: 'Bo', age: 3 } });
  const text = readFileSync(path, 'utf8');
  assert.match(text, /^# reviewed by Ada$/m);
  assert.match(text, /name: Ada # the first user/);
  assert.deepEqual(parse(text), {
    user: {
      '1 GET /users/1': { body: { name: 'Ada' }, status: 200 },
      '2 GET /users/2': { body: { age: 3, name: 'Bo' }, status: 201 },
    },
    zeta: { '1 GET /z': { body: 'z', status: 200 } },
  });
  assert.ok(text.indexOf('age: 3') < text.indexOf('name: Bo'), text);
});

test('a new test and a new step are added in sorted order', () => {
  const path = snapFile(STORED);
  acceptSnapshot(path, 'middle', '1 GET /m', { status: 200, body: 'm' });
  acceptSnapshot(path, 'user', '10 GET /users/10', { status: 200, body: null });
  const value = parse(readFileSync(path, 'utf8')) as Record<string, Record<string, unknown>>;
  assert.deepEqual(Object.keys(value), ['middle', 'user', 'zeta']);
  assert.deepEqual(Object.keys(value.user!), ['1 GET /users/1', '10 GET /users/10', '2 GET /users/2']);
  assert.deepEqual(value.middle, { '1 GET /m': { status: 200, body: 'm' } });
});

test('a missing file is created with the one entry', () => {
  const path = snapFile();
  assert.equal(existsSync(path), false);
  acceptSnapshot(path, 'items[2]', '1 GET /items/2', { status: 200, body: [1, 2] });
  assert.deepEqual(parse(readFileSync(path, 'utf8')), {
    'items[2]': { '1 GET /items/2': { status: 200, body: [1, 2] } },
  });
});

test('keys that look like YAML syntax survive the rewrite', () => {
  const path = snapFile('');
  const value = { status: 200, body: { '#': 'x', 'a: b': '- c', '${x}': true } };
  acceptSnapshot(path, '(before)', '1 GET /a: b', value);
  assert.deepEqual(parse(readFileSync(path, 'utf8')), { '(before)': { '1 GET /a: b': value } });
});

test('a snapshot file broken by hand is not touched: the error says how to fix it', () => {
  const broken = 'user:\n  1 GET /users/1: {status: 200\n';
  const path = snapFile(broken);
  assert.throws(
    () => acceptSnapshot(path, 'user', '1 GET /users/1', { status: 200, body: 1 }),
    (error: unknown) =>
      error instanceof SnapshotFileError && /snap\.yaml:\d+: .*fix the snapshot file/.test(error.message),
  );
  assert.equal(readFileSync(path, 'utf8'), broken);
});

test('a file that is not a mapping of test → step is refused, not overwritten', () => {
  const path = snapFile('- a\n- b\n');
  assert.throws(() => acceptSnapshot(path, 'user', '1 GET /', { status: 200 }), SnapshotFileError);
  assert.equal(readFileSync(path, 'utf8'), '- a\n- b\n');
});
