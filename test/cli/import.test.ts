/**
 * `bluebook import curl|postman|http`: writes suites to --out (never over an existing file
 * without --force), prints what could not be converted, exits 2 on a source it cannot import.
 * The written suites pass `bluebook validate`.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseArgs } from '../../cli/src/args.js';
import { ROOT, runCli } from './support/cli.js';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'import');

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'bluebook-import-cli-'));
}

test('import curl writes the suite to --out and names the options it dropped', async () => {
  const cwd = folder();
  const command = readFileSync(join(FIXTURES, 'curl-unsupported.sh'), 'utf8');
  const run = await runCli(['import', 'curl', command, '--out', 'suites'], { cwd });
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^wrote suites\/post-upload\.bluebook\.yaml$/m);
  assert.match(run.stdout, /Not converted \(6\):/);
  for (const option of ['-k', '--cert', '--proxy', '-o', '--frobnicate', '-d @body.json'])
    assert.ok(run.stdout.includes(`option ${option}`) || run.stdout.includes(option), option);
  assert.ok(existsSync(join(cwd, 'suites', 'post-upload.bluebook.yaml')));
  const validate = await runCli(['validate', 'suites'], { cwd });
  assert.equal(validate.code, 0, validate.stdout + validate.stderr);
});

test('import postman lists the scripts; an existing file is kept unless --force', async () => {
  const cwd = folder();
  const source = join(FIXTURES, 'postman-v21.json');
  const first = await runCli(['import', 'postman', source], { cwd });
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, /^wrote shop-api\.bluebook\.yaml$/m);
  assert.match(first.stdout, /request "Users \/ List users": pre-request script \(2 lines\) not converted/);
  assert.match(first.stdout, /request "Users \/ List users": test script \(1 line\) not converted/);
  writeFileSync(join(cwd, 'shop-api.bluebook.yaml'), 'mine\n');
  const again = await runCli(['import', 'postman', source], { cwd });
  assert.equal(again.code, 2);
  assert.match(again.stderr, /shop-api\.bluebook\.yaml already exists; nothing written\. Use --force/);
  assert.equal(readFileSync(join(cwd, 'shop-api.bluebook.yaml'), 'utf8'), 'mine\n');
  const forced = await runCli(['import', 'postman', source, '--force'], { cwd });
  assert.equal(forced.code, 0, forced.stderr);
  assert.match(readFileSync(join(cwd, 'shop-api.bluebook.yaml'), 'utf8'), /^name: Shop API$/m);
});

test('a Postman v1 collection, a corrupt file and a missing file exit 2 with a clear message', async () => {
  const cwd = folder();
  const v1 = await runCli(['import', 'postman', join(FIXTURES, 'postman-v1.json')], { cwd });
  assert.equal(v1.code, 2);
  assert.match(v1.stderr, /Postman collection v1, which is not supported/);
  const corrupt = await runCli(['import', 'postman', join(FIXTURES, 'postman-corrupt.json')], { cwd });
  assert.equal(corrupt.code, 2);
  assert.match(corrupt.stderr, /not valid JSON/);
  const missing = await runCli(['import', 'http', 'nope.http'], { cwd });
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /cannot read nope\.http: ENOENT/);
});

test('import http writes a suite that validates; bad arguments exit 2', async () => {
  const cwd = folder();
  const run = await runCli(['import', 'http', join(FIXTURES, 'requests.http'), '--out', cwd], { cwd });
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /wrote requests\.bluebook\.yaml/);
  assert.match(run.stdout, /request at line 13: response handler script not converted/);
  const validate = await runCli(
    ['validate', 'requests.bluebook.yaml', '--var', 'password=x', '--var', 'page=1'],
    { cwd },
  );
  assert.equal(validate.code, 0, validate.stdout + validate.stderr);
  assert.match(validate.stdout + validate.stderr, /0 errors/);
  const unknown = await runCli(['import', 'har', 'x.har'], { cwd });
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /expects one of curl, postman, http, openapi, got "har"/);
  const inherited = await runCli(['import', 'constructor', 'x'], { cwd });
  assert.equal(inherited.code, 2);
  assert.match(inherited.stderr, /expects one of curl, postman, http, openapi, got "constructor"/);
  const noSource = await runCli(['import', 'curl'], { cwd });
  assert.equal(noSource.code, 2);
  assert.match(noSource.stderr, /expects the command, quoted/);
});

test('--out and --force belong to import; --out still means the recording of mock --record', () => {
  const args = parseArgs(['import', 'postman', 'c.json', '--out', 'suites', '--force']);
  assert.deepEqual(
    [args.command, args.paths, args.out, args.force],
    ['import', ['postman', 'c.json'], 'suites', true],
  );
  const record = parseArgs(['mock', '--record', '--target', 'http://127.0.0.1:1', '--out', 'a.mock.yaml']);
  assert.equal(record.out, 'a.mock.yaml');
  assert.throws(() => parseArgs(['run', '--force']), /unknown option --force for "bluebook run"/);
});

test('import openapi writes one test per operation; a broken $ref exits 2 naming it', async () => {
  const cwd = folder();
  const run = await runCli(['import', 'openapi', join(FIXTURES, 'openapi.yaml')], { cwd });
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^wrote pet-store\.bluebook\.yaml$/m);
  assert.match(run.stdout, /path parameter `petId` has no example/);
  const validate = await runCli(['validate', 'pet-store.bluebook.yaml'], { cwd });
  assert.equal(validate.code, 0, validate.stdout + validate.stderr);
  const broken = await runCli(['import', 'openapi', join(FIXTURES, 'openapi-broken-ref.yaml')], { cwd });
  assert.equal(broken.code, 2);
  assert.match(broken.stderr, /a \$ref points to .*missing\.yaml, which cannot be read \(ENOENT\)/);
});
