import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { outlineSuite, parseSuite } from '../../../core/src/index.js';
import { parseConfig } from '../../../core/src/config.js';
import {
  describeConfig,
  describeOutline,
  describeSuite,
  rowLabel,
  type TreeNode,
} from '../../../client/src/testing/tree.js';

const URI = 'file:///w/users.bluebook.yaml';
const TEXT = `name: Users
tests:
  create:
    name: Creates a user
    tags: [smoke]
    steps:
      - name: create
        POST: /users
        expect:
          status: 201
      - GET: /users/1
  by-role:
    name: Role \${role}
    each:
      - { role: admin }
      - { role: guest }
    steps:
      - GET: /roles/\${role}
  from-file:
    each: ./rows.csv
    steps:
      - GET: /x
`;

function line(node: TreeNode): number {
  return TEXT.slice(0, node.span!.start).split('\n').length - 1;
}

void test('tests, each rows and steps become items with stable ids and file-order sort keys', () => {
  const nodes = describeSuite(parseSuite(TEXT, URI));
  assert.deepEqual(
    nodes.map((n) => [n.id, n.label, n.data.kind]),
    [
      [`${URI}#create`, 'Creates a user', 'test'],
      [`${URI}#by-role`, 'Role ${role}', 'test'],
      [`${URI}#from-file`, 'from-file', 'test'],
    ],
  );
  const [create, byRole, fromFile] = nodes;
  assert.deepEqual(create.tags, ['smoke']);
  assert.equal(line(create), 2, 'the gutter icon sits on the test key');
  assert.deepEqual(
    create.children.map((s) => [s.id, s.label, line(s), s.data.stepIndex, s.data.instanceId]),
    [
      [`${URI}#create/0`, 'create', 7, 0, 'create'],
      [`${URI}#create/1`, 'GET /users/1', 10, 1, 'create'],
    ],
  );
  assert.deepEqual(
    byRole.children.map((r) => [r.id, r.label, r.data.instanceId, r.data.rowIndex]),
    [
      [`${URI}#by-role[0]`, 'Role admin', 'by-role[0]', 0],
      [`${URI}#by-role[1]`, 'Role guest', 'by-role[1]', 1],
    ],
  );
  assert.deepEqual(
    byRole.children[1].children.map((s) => [s.id, s.data.instanceId]),
    [[`${URI}#by-role[1]/0`, 'by-role[1]']],
  );
  assert.equal(byRole.data.instanceId, undefined, 'an each test is not itself an instance');
  assert.deepEqual(fromFile.children, [], 'rows from a data file appear when a run reports them');
  assert.ok(create.sortText < byRole.sortText && byRole.sortText < fromFile.sortText);
});

void test('a file that is not a mapping has no tests; half-typed YAML keeps the tests it has', () => {
  assert.deepEqual(describeSuite(parseSuite('- just\n- a list\n', URI)), []);
  const partial = describeSuite(parseSuite('tests:\n  broken: [\n', URI));
  assert.deepEqual(
    partial.map((n) => n.id),
    [`${URI}#broken`],
  );
});

void test('row labels: the name rendered with the row, or the values after the id', () => {
  assert.equal(
    rowLabel({ id: 't', name: 'Get ${id} as ${ role }' }, { id: 7, role: 'admin' }),
    'Get 7 as admin',
  );
  assert.equal(rowLabel({ id: 't', name: 'Keeps ${unknown}' }, { id: 7 }), 'Keeps ${unknown}');
  assert.equal(rowLabel({ id: 't' }, { a: 1, b: 'x', c: { d: true } }), 't [1, x, {"d":true}]');
});

void test('ids use the editor URI given, not the file path core parsed the suite with', () => {
  const nodes = describeSuite(parseSuite(TEXT, '/w/users.bluebook.yaml'), URI);
  assert.equal(nodes[0].id, `${URI}#create`);
  assert.equal(nodes[0].children[0].id, `${URI}#create/0`);
  assert.equal(nodes[0].data.uri, URI);
});

void test('a config with setup/teardown: a `setup` and a `teardown` item, each with its steps, on their lines', () => {
  const uri = 'file:///w/bluebook.config.yaml';
  const text = `environments:
  local: {}
setup:
  - name: log in
    POST: /login
  - GET: /me
teardown:
  - DELETE: /session
`;
  const nodes = describeConfig(parseConfig(text, '/w/bluebook.config.yaml'), uri);
  const line = (offset: number | undefined) => text.slice(0, offset).split('\n').length - 1;
  const flat = (list: TreeNode[]): [string, string, string, number][] =>
    list.flatMap((n) => [
      [n.id, n.label, n.data.kind, line(n.span?.start)] as [string, string, string, number],
      ...flat(n.children),
    ]);
  assert.deepEqual(flat(nodes), [
    [`${uri}#setup`, 'setup', 'config', 3],
    [`${uri}#setup/0`, 'log in', 'config', 4],
    [`${uri}#setup/1`, 'GET /me', 'config', 5],
    [`${uri}#teardown`, 'teardown', 'config', 7],
    [`${uri}#teardown/0`, 'DELETE /session', 'config', 7],
  ]);
  assert.deepEqual(
    describeConfig(parseConfig('environments:\n  local: {}\n', '/w/bluebook.config.yaml'), uri),
    [],
  );
});

function suiteFiles(dir: string, found: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === 'node_modules') continue;
    if (statSync(path).isDirectory()) suiteFiles(path, found);
    else if (name.endsWith('.bluebook.yaml')) found.push(path);
  }
  return found;
}

/** What `describeOutline` promises: `describeSuite`, with step children replaced by `stepsLater`. */
function withStepsLater(nodes: TreeNode[]): TreeNode[] {
  return nodes.map((node) => {
    const { children, ...rest } = node;
    if (children.length > 0 && children[0].data.kind === 'step')
      return { ...rest, children: [], stepsLater: true as const };
    return { ...rest, children: withStepsLater(children) };
  });
}

void test('an outline describes the same tests and rows as the full parse, steps left for later', async () => {
  const { scaleSuite } = await import('../../../bench/scale-workspace.mjs');
  const texts: [string, string][] = [
    ...['examples', 'test/fixtures', 'test/e2e/workspace'].flatMap((dir) =>
      suiteFiles(resolve(dir)).map((path): [string, string] => [path, readFileSync(path, 'utf8')]),
    ),
    ['/w/users.bluebook.yaml', TEXT],
    ['/w/scale.bluebook.yaml', scaleSuite(5)],
    [
      '/w/odd.bluebook.yaml',
      'tests:\n  a:\n    steps:\n      - just text\n  b:\n    steps: []\n  c:\n    steps: oops\n  d: {}\n',
    ],
    ['/w/broken.bluebook.yaml', 'tests:\n  a:\n    steps:\n      - GET: /a\n  b: [\n'],
    ['/w/list.bluebook.yaml', '- not\n- a suite\n'],
  ];
  assert.ok(texts.length > 20, `${texts.length} suites`);
  for (const [path, text] of texts) {
    const uri = `file://${path}`;
    assert.deepEqual(
      describeOutline(outlineSuite(text, path), uri),
      withStepsLater(describeSuite(parseSuite(text, path), uri)),
      path,
    );
  }
});
