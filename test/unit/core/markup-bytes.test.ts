// expect.xpath, expect.css, expect.bytes and the { xpath } / { css } captures, against the loopback
// target server's /xml, /page and /png routes.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { PNG_BYTES, startTargetServer, type TargetServer } from '../../support/target-server.js';
import { parseXml } from '../../../core/src/xml.js';
import { at, run, step, tempFolder } from './helpers.js';

let server: TargetServer;
before(async () => (server = await startTargetServer()));
after(() => server.close());

const suite = (stepYaml: string): string => `tests:\n  t:\n    steps:\n${stepYaml}`;
const failures = (result: Awaited<ReturnType<typeof run>>): string[] =>
  step(result.result)
    .expectations.filter((e) => !e.passed)
    .map((e) => e.message);

void describe('expect.xpath', () => {
  void test('numbers, strings, booleans, one node and several nodes', async () => {
    const { result } = await run(
      suite(`      - GET: /xml
        expect:
          xpath:
            count(//user): 3
            sum(//user/@id): { gt: 5 }
            //user[@id="2"]/name: Grace
            //user[1]/@id: "1"
            //user/name: [Ada, Grace, Linus]
            string(//user[3]/name): { startsWith: Lin }
            boolean(//user[@id="9"]): false
            //nobody: { exists: false }
`),
      server.url,
    );
    assert.deepEqual(failures({ result } as never), []);
    assert.equal(step(result).outcome, 'passed');
  });

  void test('a failure says what was expected and what the body had', async () => {
    const text = suite(`      - GET: /xml
        expect:
          xpath:
            count(//user): 2
            //user/name: { contains: Bob }
`);
    const { result } = await run(text, server.url);
    const [count, names] = step(result).expectations;
    assert.equal(count.passed, false);
    assert.equal(count.actual, 3);
    assert.equal(count.message, 'expected `count(//user)` to be 2, got 3');
    assert.equal(at(text, count.span), 'count(//user): 2');
    assert.equal(names.passed, false);
    assert.match(
      names.message,
      /^expected `\/\/user\/name` to be a list containing "Bob", got \[ "Ada", "Grace", "Linus" \]$/,
    );
  });

  void test('a body that is not XML fails the expectation, saying so', async () => {
    const { result } = await run(
      suite(`      - GET: /users
        expect:
          xpath:
            count(//user): 0
`),
      server.url,
    );
    const [xpath] = step(result).expectations;
    assert.equal(xpath.passed, false);
    assert.match(xpath.message, /^expected an XML body, got application\/json.* that does not parse as XML/);
  });

  void test('an expression that does not parse fails with how to write one', async () => {
    const { result } = await run(
      suite(`      - GET: /xml\n        expect:\n          xpath:\n            "//user[": 1\n`),
      server.url,
    );
    assert.match(step(result).expectations[0].message, /`\/\/user\[` is not a valid XPath 1\.0 expression/);
  });
});

void describe('expect.css', () => {
  void test('text, attribute, several matches, none', async () => {
    const { result } = await run(
      suite(`      - GET: /page
        expect:
          css:
            h1: Books
            title: { eq: Catalog }
            li: [Dune, Emma]
            a.next@href: /page?p=2
            table: { exists: false }
`),
      server.url,
    );
    assert.deepEqual(failures({ result } as never), []);
  });

  void test('a failure names the selector, the expected and the actual text', async () => {
    const text = suite(`      - GET: /page\n        expect:\n          css:\n            h1: Films\n`);
    const { result } = await run(text, server.url);
    const [h1] = step(result).expectations;
    assert.equal(h1.message, 'expected `h1` to be "Films", got "Books"');
    assert.equal(at(text, h1.span), 'h1: Films');
  });

  void test('a binary body fails the expectation', async () => {
    const { result } = await run(
      suite(`      - GET: /png\n        expect:\n          css:\n            h1: x\n`),
      server.url,
    );
    assert.match(
      step(result).expectations[0].message,
      /^expected an HTML body, got image\/png \(<binary, 20 bytes>\)/,
    );
  });
});

void describe('expect.bytes', () => {
  const sha256 = createHash('sha256').update(PNG_BYTES).digest('hex');
  const md5 = createHash('md5').update(PNG_BYTES).digest('hex');

  void test('size, digests, magic bytes and a reference file', async () => {
    const folder = tempFolder({ 'fixtures/logo.png': PNG_BYTES });
    const { result } = await run(
      suite(`      - GET: /png
        expect:
          bytes:
            size: 20
            sha256: ${sha256.toUpperCase()}
            md5: ${md5}
            startsWith: "89504e47"
            equalsFile: ./fixtures/logo.png
      - GET: /png
        expect:
          bytes: { size: { gt: 8, lt: 100 }, startsWith: "base64:iVBORw==" }
`),
      server.url,
      { baseDir: folder },
    );
    assert.deepEqual(
      step(result).expectations.filter((e) => !e.passed),
      [],
    );
    assert.equal(step(result, 1).outcome, 'passed');
  });

  void test('each failing field is reported with expected and actual', async () => {
    const folder = tempFolder({ 'other.bin': Buffer.from('89504e470d0a1a0a00', 'hex') });
    const { result } = await run(
      suite(`      - GET: /png
        expect:
          bytes:
            size: 21
            sha256: "00"
            startsWith: "ffd8ff"
            equalsFile: ./other.bin
`),
      server.url,
      { baseDir: folder },
    );
    const [bytes] = step(result).expectations;
    assert.equal(bytes.passed, false);
    assert.equal(
      bytes.message,
      [
        'expected the body size to be 21, got 20',
        `expected the body's sha256 to be 00, got ${sha256}`,
        'expected the body to start with ffd8ff, got 89504e47',
        'expected the body to equal `./other.bin` (9 bytes), got 20 bytes that differ from byte 9',
      ].join('; '),
    );
  });

  void test('a missing reference file and a malformed magic fail with how to fix them', async () => {
    const { result } = await run(
      suite(
        `      - GET: /png\n        expect:\n          bytes: { equalsFile: ./missing.png, startsWith: "89 5" }\n`,
      ),
      server.url,
      { baseDir: tempFolder() },
    );
    const message = step(result).expectations[0].message;
    assert.match(message, /equalsFile: `\.\/missing\.png` does not exist \(relative to the suite file\)/);
    assert.match(message, /`89 5` is not hex bytes; write pairs of hex digits/);
  });

  void test('binary bytes are not decoded as UTF-8 first', async () => {
    const folder = tempFolder({ 'all.bin': Buffer.from(Array.from({ length: 256 }, (_, i) => i)) });
    const { result } = await run(
      suite(`      - GET: /binary\n        expect:\n          bytes: { size: 256, equalsFile: ./all.bin }\n`),
      server.url,
      { baseDir: folder },
    );
    assert.equal(step(result).outcome, 'passed');
  });
});

void describe('captures from XML and HTML', () => {
  void test('{ xpath } and { css } capture values for later steps', async () => {
    const { result } = await run(
      suite(`      - GET: /xml
        capture:
          second: { xpath: "//user[2]/name" }
          count: { xpath: "count(//user)" }
      - GET: /page
        capture:
          next: { css: "a.next@href" }
          books: { css: li }
      - GET: /echo
        query: { second: "\${second}", count: "\${count}", next: "\${next}", first: "\${books[0]}" }
        expect:
          body:
            query: { second: [Grace], count: ["3"], next: ["/page?p=2"], first: [Dune] }
`),
      server.url,
    );
    assert.equal(result.error, undefined);
    assert.deepEqual(
      result.tests[0].steps.map((s) => s.outcome),
      ['passed', 'passed', 'passed'],
      JSON.stringify(result.tests[0].steps.map((s) => s.error ?? s.expectations.filter((e) => !e.passed))),
    );
  });

  void test('a capture that matches nothing fails the step and says why', async () => {
    const { result } = await run(
      suite(
        `      - GET: /xml\n        capture:\n          x: { xpath: "//nobody" }\n      - GET: /users\n        capture:\n          y: { css: h1 }\n`,
      ),
      server.url,
    );
    assert.match(
      String(step(result).error?.message),
      /capture `x` found nothing: `\/\/nobody` matched nothing/,
    );
  });
});

void describe('parseXml', () => {
  void test('entities declared in a DTD are never expanded (no entity bombs): the body is refused', () => {
    const levels = ['<!ENTITY a0 "aaaaaaaaaa">'];
    for (let i = 1; i < 10; i++) levels.push(`<!ENTITY a${i} "${`&a${i - 1};`.repeat(10)}">`);
    const parsed = parseXml(`<?xml version="1.0"?><!DOCTYPE l [${levels.join('')}]><l>&a9;</l>`);
    assert.equal(parsed.ok, false);
    assert.match((parsed as { reason: string }).reason, /entity not found/);
  });

  void test('a malformed document gives the parser reason', () => {
    const parsed = parseXml('<a><b></a>');
    assert.equal(parsed.ok, false);
    assert.match((parsed as { reason: string }).reason, /tag mismatch/);
  });
});
