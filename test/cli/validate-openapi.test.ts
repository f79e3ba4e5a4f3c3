/** `bluebook validate` with `openapi:` in the config: unknown paths and methods, a broken document. */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { OPENAPI_FILES } from '../support/openapiDoc.js';
import { runCli } from './support/cli.js';

const SUITE = [
  'tests:',
  '  t:',
  '    steps:',
  '      - GET: /users/1',
  '      - GET: /usres',
  '      - DELETE: /users/1',
  '',
].join('\n');

function projectWith(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'bluebook-cli-openapi-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, name), text);
  return root;
}

void test('warns at file:line:col on a path or method the OpenAPI document lacks, exit 0', async () => {
  const root = projectWith({
    ...OPENAPI_FILES,
    'bluebook.config.yaml': 'openapi: ./openapi.yaml\n',
    'api.bluebook.yaml': SUITE,
  });
  const result = await runCli(['validate', 'api.bluebook.yaml', '--var', 'baseUrl=http://x'], { cwd: root });
  assert.equal(result.code, 0, result.stdout + result.stderr);
  assert.match(
    result.stdout,
    /^api\.bluebook\.yaml:5:14 {2}unknown-operation {2}`\/usres` is not a path of the OpenAPI document \(openapi\.yaml\): did you mean `\/users`\? {2}\(warning\)$/m,
  );
  assert.match(
    result.stdout,
    /^api\.bluebook\.yaml:6:9 {2}unknown-operation {2}`\/users\/\{id\}` has no DELETE operation .*; it declares GET, PUT\. {2}\(warning\)$/m,
  );
  assert.match(result.stdout, /^ {2}fix: Change to `\/users`$/m);
  assert.match(result.stdout, /0 errors, 2 warnings in 1 suite file\n$/);
});

void test('a document with a broken $ref is an error on the config, and suites are not checked against it', async () => {
  const root = projectWith({
    'openapi.yaml': OPENAPI_FILES['openapi.yaml'],
    'bluebook.config.yaml': 'openapi: ./openapi.yaml\n',
    'api.bluebook.yaml': SUITE,
  });
  const result = await runCli(['validate', 'api.bluebook.yaml', '--var', 'baseUrl=http://x'], { cwd: root });
  assert.equal(result.code, 1, result.stdout + result.stderr);
  assert.match(
    result.stdout,
    /^bluebook\.config\.yaml:1:10 {2}invalid-config {2}the OpenAPI document does not load: .*schemas\.yaml/m,
  );
  assert.doesNotMatch(result.stdout, /unknown-operation/);
});
