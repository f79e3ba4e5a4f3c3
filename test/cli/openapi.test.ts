/**
 * The OpenAPI contract from the CLI (SPEC §11): a response that breaks the config's document
 * fails its step with the violations on the method line (exit 1); a document with a broken
 * `$ref` ends the run before any request at its `openapi:` line (exit 2).
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runCli } from './support/cli.js';

let server: Server;
let url: string;
let requests = 0;

before(async () => {
  server = createServer((_req, res) => {
    requests++;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ items: [{ id: 1 }, { id: 2 }, { id: 'three' }] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

const DOC = [
  'openapi: 3.1.0',
  'info: { title: t, version: "1" }',
  'paths:',
  '  /items:',
  '    get:',
  '      responses:',
  '        "200":',
  '          description: ok',
  '          content:',
  '            application/json:',
  '              schema:',
  '                type: object',
  '                properties:',
  '                  items: { type: array, items: { $ref: "#/components/schemas/REF" } }',
  'components:',
  '  schemas:',
  '    Item: { type: object, properties: { id: { type: integer } } }',
  '',
].join('\n');

function project(ref: string): string {
  const root = mkdtempSync(join(tmpdir(), 'bluebook-cli-openapi-'));
  writeFileSync(join(root, 'bluebook.config.yaml'), '# the contract\nopenapi: ./openapi.yaml\n');
  writeFileSync(join(root, 'openapi.yaml'), DOC.replace('REF', ref));
  writeFileSync(
    join(root, 'api.bluebook.yaml'),
    ['baseUrl: ${baseUrl}', 'tests:', '  items:', '    steps:', '      - GET: /items', ''].join('\n'),
  );
  return root;
}

void test('run: a response breaking the contract fails on the method line with its violations', async () => {
  const root = project('Item');
  const result = await runCli(['run', 'api.bluebook.yaml', '--var', `baseUrl=${url}`], { cwd: root });
  assert.equal(result.code, 1, result.stdout + result.stderr);
  assert.match(result.stdout, /api\.bluebook\.yaml:5:9/);
  assert.match(result.stdout, /does not match the OpenAPI contract of GET \/items → 200/);
  assert.match(result.stdout, /^ +\$\.items\[2\]\.id: must be integer$/m);
});

void test('run: the JSON and TAP reports carry the openapi expectation', async () => {
  const root = project('Item');
  const json = await runCli(['run', 'api.bluebook.yaml', '--var', `baseUrl=${url}`, '-r', 'json'], {
    cwd: root,
  });
  const step = JSON.parse(json.stdout).suites[0].tests[0].steps[0];
  const check = step.expectations.find((item: { kind: string }) => item.kind === 'openapi');
  assert.equal(check.passed, false);
  assert.match(check.message, /\$\.items\[2\]\.id: must be integer/);
  const tap = await runCli(['run', 'api.bluebook.yaml', '--var', `baseUrl=${url}`, '-r', 'tap'], {
    cwd: root,
  });
  assert.match(tap.stdout, /message: "openapi: does not match the OpenAPI contract of GET \/items/);
});

void test('run: a project without openapi does not load the OpenAPI parser', async () => {
  const root = project('Item');
  writeFileSync(join(root, 'bluebook.config.yaml'), '# no contract\n');
  const probe = join(root, 'probe.cjs');
  const report = join(root, 'loaded.json');
  writeFileSync(
    probe,
    `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(report)}, JSON.stringify(Object.keys(require.cache))));`,
  );
  const loaded = (): string[] => JSON.parse(readFileSync(report, 'utf8')) as string[];
  const env = { NODE_OPTIONS: `--require ${probe}` };
  const plain = await runCli(['run', 'api.bluebook.yaml', '--var', `baseUrl=${url}`], { cwd: root, env });
  assert.equal(plain.code, 0, plain.stdout + plain.stderr);
  assert.deepEqual(
    loaded().filter((path) => path.includes('vendor-openapi-parser')),
    [],
  );
  writeFileSync(join(root, 'bluebook.config.yaml'), 'openapi: ./openapi.yaml\n');
  const checked = await runCli(['run', 'api.bluebook.yaml', '--var', `baseUrl=${url}`], { cwd: root, env });
  assert.equal(checked.code, 1, checked.stdout + checked.stderr);
  assert.equal(loaded().filter((path) => path.includes('vendor-openapi-parser')).length, 1);
});

void test('run: a document with a broken $ref ends the run with exit 2 at the config line', async () => {
  const root = project('Missing');
  const before = requests;
  const result = await runCli(['run', 'api.bluebook.yaml', '--var', `baseUrl=${url}`], { cwd: root });
  assert.equal(result.code, 2, result.stdout + result.stderr);
  assert.match(
    result.stderr,
    /bluebook\.config\.yaml:2:10 +invalid-config +the OpenAPI document cannot be used/,
  );
  assert.match(result.stderr, /Missing/);
  assert.equal(requests, before);
});

void test('run: a missing document or one that is not OpenAPI ends the run with exit 2, saying which', async () => {
  const root = project('Item');
  writeFileSync(join(root, 'bluebook.config.yaml'), 'openapi: ./nope.yaml\n');
  const missing = await runCli(['run', 'api.bluebook.yaml', '--var', `baseUrl=${url}`], { cwd: root });
  assert.equal(missing.code, 2, missing.stdout + missing.stderr);
  assert.match(missing.stderr, /bluebook\.config\.yaml:1:10 .*nope\.yaml: cannot read the file \(ENOENT\)/);
  writeFileSync(join(root, 'notes.yaml'), 'title: not a contract\n');
  writeFileSync(join(root, 'bluebook.config.yaml'), 'openapi: ./notes.yaml\n');
  const other = await runCli(['run', 'api.bluebook.yaml', '--var', `baseUrl=${url}`], { cwd: root });
  assert.equal(other.code, 2, other.stdout + other.stderr);
  assert.match(other.stderr, /is not an OpenAPI 3\.0 or 3\.1 document/);
});
