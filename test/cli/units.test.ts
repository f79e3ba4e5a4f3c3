/** The CLI's pure pieces: argument parsing, globs and sharding, the line diff, XML escaping, colour rules. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseArgs, UsageError } from '../../cli/src/args.js';
import { diffLines, withContext } from '../../cli/src/diff.js';
import { discoverSuites, globToRegExp, shardFiles } from '../../cli/src/discover.js';
import { isolated } from '../support/isolated.js';
import { LiveLine } from '../../cli/src/live.js';
import { attr, createReporter as createJunit, text } from '../../cli/src/reporters/junit.js';
import { colorEnabled, createStyle } from '../../cli/src/terminal.js';
import type { StepResult, SuiteResult } from '../../core/src/index.js';
import { FIXTURES } from './support/cli.js';
import { parseXml } from './support/xml.js';

void describe('parseArgs', () => {
  void test('long, short, inline and repeated options', () => {
    const args = parseArgs([
      'run',
      'a.bluebook.yaml',
      '-e',
      'staging',
      '--var',
      'token=a=b',
      '--var=user=ada',
      '-j4',
      '--shard=2/3',
      '-t',
      'smoke',
      '--tag',
      'fast',
      '-r',
      'junit:out/r.xml',
      '--bail',
      '--timeout',
      '1.5s',
      '--',
      '--literal.bluebook.yaml',
    ]);
    assert.equal(args.command, 'run');
    assert.deepEqual(args.paths, ['a.bluebook.yaml', '--literal.bluebook.yaml']);
    assert.equal(args.env, 'staging');
    assert.deepEqual(args.vars, { token: 'a=b', user: 'ada' });
    assert.equal(args.jobs, 4);
    assert.deepEqual(args.shard, { index: 2, total: 3 });
    assert.deepEqual(args.tags, ['smoke', 'fast']);
    assert.deepEqual(args.reporters, [{ name: 'junit', file: 'out/r.xml' }]);
    assert.equal(args.bail, true);
    assert.equal(args.timeoutMs, 1500);
  });

  void test('options valid for one command only are refused for the other', () => {
    assert.throws(() => parseArgs(['validate', '--bail']), /unknown option --bail for "bluebook validate"/);
  });

  void test('a missing value, or a value given to a flag, is a usage error', () => {
    assert.throws(() => parseArgs(['run', '--env']), UsageError);
    assert.throws(() => parseArgs(['run', '--bail=yes']), /--bail takes no value/);
  });

  void test('--help names its command', () => {
    assert.deepEqual(
      [parseArgs(['validate', '-h']).command, parseArgs(['validate', '-h']).helpFor],
      ['help', 'validate'],
    );
  });
});

void describe('globs and shards', () => {
  void test('globToRegExp: *, **, ?, braces and classes', () => {
    const re = globToRegExp('/w/**/api-?/*.{yaml,yml}');
    assert.ok(re.test('/w/api-1/x.yaml'));
    assert.ok(re.test('/w/a/b/api-2/x.yml'));
    assert.ok(!re.test('/w/api-10/x.yaml'));
    assert.ok(!re.test('/w/api-1/sub/x.yaml'));
    assert.ok(globToRegExp('/w/[ab].yaml').test('/w/a.yaml'));
    assert.ok(!globToRegExp('/w/[!ab].yaml').test('/w/a.yaml'));
  });

  void test('a glob with many stars matches in linear time; a class RE2 rejects is a problem, not a crash', () => {
    const output = isolated(`
      const { globToRegExp } = require('./cli/src/discover.ts');
      const glob = globToRegExp('/w/' + '*a'.repeat(12) + '*b.yaml');
      console.log(JSON.stringify([glob.test('/w/' + 'a'.repeat(40) + '.bluebook.yaml'), glob.test('/w/' + 'a'.repeat(40) + 'b.yaml')]));
    `);
    assert.deepEqual(JSON.parse(output), [false, true]);
    const { problems } = discoverSuites(['[z-a].bluebook.yaml'], FIXTURES);
    assert.deepEqual(problems, [
      'invalid glob "[z-a].bluebook.yaml": invalid regular expression: invalid character class range: `z-a`',
    ]);
  });

  void test('shards are disjoint, cover every file and are balanced', () => {
    const files = Array.from({ length: 11 }, (_, i) => `f${String(i).padStart(2, '0')}`);
    const shards = [1, 2, 3].map((index) => shardFiles(files, { index, total: 3 }));
    assert.deepEqual(shards.flat().sort(), files);
    assert.deepEqual(
      shards.map((s) => s.length),
      [4, 4, 3],
    );
  });
});

void describe('line diff', () => {
  void test('an LCS diff keeps common lines and marks the changed ones', () => {
    const diff = diffLines('a\nb\nc\nd', 'a\nx\nc\nd\ne');
    assert.deepEqual(
      diff.map((l) => `${l.kind[0]}${l.text}`),
      ['sa', 'rb', 'ax', 'sc', 'sd', 'ae'],
    );
  });

  void test('long unchanged runs collapse to a gap line', () => {
    const expected = Array.from({ length: 20 }, (_, i) => `line ${i}`).join('\n');
    const actual = expected.replace('line 10', 'LINE 10');
    const shown = withContext(diffLines(expected, actual), 2);
    assert.deepEqual(
      shown.map((l) => l.text),
      [
        '… 8 unchanged lines',
        'line 8',
        'line 9',
        'line 10',
        'LINE 10',
        'line 11',
        'line 12',
        '… 7 unchanged lines',
      ],
    );
  });
});

void describe('JUnit escaping', () => {
  void test('markup, quotes and characters XML forbids never break the document', () => {
    const nasty = 'a < b && c > "d" \'e\'\u0000\u0007\u001b[31m\uFFFE\uD800 end\nnext';
    const xml = `<r a="${attr(nasty)}">${text(nasty)}</r>`;
    const root = parseXml(xml);
    assert.equal(root.attributes.a, 'a < b && c > "d" \'e\'[31m end\nnext');
    assert.equal(root.text, 'a < b && c > "d" \'e\'[31m end\nnext');
  });
});

void describe('JUnit cases', () => {
  void test('a failing before step, an erroring after step and a suite error each get a counted testcase', () => {
    const span = { start: 0, end: 1 };
    const step = (phase: 'before' | 'after', outcome: 'failed' | 'errored'): StepResult => ({
      phase,
      index: 0,
      name: 'GET /x',
      outcome,
      durationMs: 1500,
      attempts: 1,
      span,
      methodSpan: span,
      ...(outcome === 'errored'
        ? { expectations: [], error: { message: 'refused\nmore', span } }
        : {
            expectations: [
              { kind: 'status', passed: false, expected: 200, actual: 500, message: 'got 500', span },
            ],
          }),
    });
    const suite: SuiteResult = {
      file: 'hooks.bluebook.yaml',
      name: 'hooks',
      outcome: 'errored',
      durationMs: 2000,
      before: [step('before', 'failed')],
      tests: [],
      after: [step('after', 'errored')],
      error: { message: 'config & co', span },
    };
    let xml = '';
    createJunit({
      out: { write: (chunk: string) => (xml += chunk), isTTY: false },
      style: createStyle(false),
      files: [suite.file],
      source: () => undefined,
      version: '0',
    }).finish?.({
      suites: [suite],
      totals: { passed: 0, failed: 0, errored: 0, skipped: 0 },
      notRun: [],
      interrupted: false,
      bailed: false,
      durationMs: 2000,
      exitCode: 1,
    });
    const testsuite = parseXml(xml).children[0];
    assert.deepEqual(
      { ...testsuite.attributes },
      {
        name: 'hooks',
        tests: '3',
        failures: '1',
        errors: '2',
        skipped: '0',
        time: '2.000',
        file: 'hooks.bluebook.yaml',
      },
    );
    assert.deepEqual(
      testsuite.children.map((c) => [
        c.attributes.name,
        c.attributes.time,
        c.children[0].name,
        c.children[0].attributes,
      ]),
      [
        ['before: GET /x', '1.500', 'failure', { message: 'status: got 500', type: 'failed' }],
        ['after: GET /x', '1.500', 'error', { message: 'refused', type: 'errored' }],
        ['(suite)', '0', 'error', { message: 'config & co', type: 'errored' }],
      ],
    );
    assert.equal(testsuite.children[2].children[0].text, 'config & co\nat hooks.bluebook.yaml');
  });
});

void describe('colour', () => {
  void test('NO_COLOR and --no-color win, FORCE_COLOR forces, otherwise the TTY decides', () => {
    assert.equal(colorEnabled({ isTTY: true, env: {} }), true);
    assert.equal(colorEnabled({ isTTY: false, env: {} }), false);
    assert.equal(colorEnabled({ isTTY: true, env: { NO_COLOR: '1' } }), false);
    assert.equal(colorEnabled({ isTTY: false, env: { FORCE_COLOR: '1' } }), true);
    assert.equal(colorEnabled({ isTTY: true, env: { FORCE_COLOR: '0' } }), false);
    assert.equal(colorEnabled({ isTTY: true, env: { FORCE_COLOR: '1' }, noColorFlag: true }), false);
    assert.equal(colorEnabled({ isTTY: true, env: { TERM: 'dumb' } }), false);
  });

  void test('the live line appears only after a moment, and erases itself', () => {
    let now = 1000;
    const written: string[] = [];
    const live = new LiveLine(
      { write: (t) => void written.push(t), isTTY: true, columns: 40 },
      createStyle(false),
      () => now,
    );
    live.set('a.bluebook.yaml', 'Creates a user');
    assert.equal(live.text(), undefined, 'nothing for quick tests');
    now += 500;
    assert.match(live.text() ?? '', /Creates a user · 500 ms/);
    live.show();
    assert.ok(written.at(-1)?.startsWith('\r\u001b[2K'));
    live.stop();
    assert.equal(written.at(-1), '\r\u001b[2K');
  });
});
