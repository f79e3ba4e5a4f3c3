/**
 * expect.xpath, expect.css and expect.bytes through the built CLI, against a loopback server
 * serving XML, HTML and PNG-like bytes; `bluebook validate` locates an XPath and a selector that
 * do not parse.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './support/cli.js';
import { PNG_BYTES, startTargetServer, type TargetServer } from '../support/target-server.js';

let server: TargetServer;
let folder: string;
before(async () => {
  server = await startTargetServer();
  folder = mkdtempSync(join(tmpdir(), 'bluebook-markup-'));
  writeFileSync(join(folder, 'logo.png'), PNG_BYTES);
  writeFileSync(
    join(folder, 'pass.bluebook.yaml'),
    `tests:
  markup:
    steps:
      - GET: ${server.url}/xml
        capture:
          second: { xpath: "//user[2]/name" }
        expect:
          xpath:
            count(//user): 3
            //user/name: [Ada, Grace, Linus]
      - GET: ${server.url}/page
        expect:
          css:
            h1: Books
            a.next@href: /page?p=2
      - GET: ${server.url}/png
        expect:
          bytes: { size: 20, startsWith: "89504e47", equalsFile: ./logo.png }
`,
  );
  writeFileSync(
    join(folder, 'fail.bluebook.yaml'),
    `tests:
  xml:
    steps:
      - GET: ${server.url}/users
        expect:
          xpath:
            count(//user): 3
  html:
    steps:
      - GET: ${server.url}/page
        expect:
          css:
            li: [Dune]
  png:
    steps:
      - GET: ${server.url}/png
        expect:
          bytes: { size: 21, startsWith: "ffd8ff" }
`,
  );
  writeFileSync(
    join(folder, 'invalid.bluebook.yaml'),
    `tests:
  bad:
    steps:
      - GET: ${server.url}/xml
        expect:
          xpath:
            "//user[": 1
          css:
            "li:nope@href": x
          bytes: { equalsFile: ./missing.png }
`,
  );
});
after(async () => {
  await server.close();
  rmSync(folder, { recursive: true, force: true });
});

void test('XML, HTML and binary checks pass through the CLI', async () => {
  const result = await runCli(['run', 'pass.bluebook.yaml'], { cwd: folder });
  assert.equal(result.code, 0, result.stdout + result.stderr);
  assert.match(result.stdout, /1 passed/);
});

void test('failures say what was expected and what the response had', async () => {
  const result = await runCli(['run', 'fail.bluebook.yaml'], { cwd: folder });
  assert.equal(result.code, 1, result.stderr);
  assert.match(result.stdout, /expected an XML body, got application\/json[^\n]*that does not parse as XML/);
  assert.match(result.stdout, /expected `li` to be \[ "Dune" \], got \[ "Dune", "Emma" \]/);
  assert.match(
    result.stdout,
    /expected the body size to be 21, got 20; expected the body to start with ffd8ff, got 89504e47/,
  );
});

void test('validate reports a bad XPath, a bad selector and a missing file at their positions', async () => {
  const result = await runCli(['validate', 'invalid.bluebook.yaml'], { cwd: folder });
  assert.equal(result.code, 1, result.stdout + result.stderr);
  const out = result.stdout + result.stderr;
  assert.match(out, /:7:14\b[^\n]*invalid-xpath|invalid-xpath[^\n]*:7:14\b/, out);
  assert.match(out, /:9:14\b[^\n]*invalid-css-selector|invalid-css-selector[^\n]*:9:14\b/, out);
  assert.match(out, /missing-file/, out);
});
