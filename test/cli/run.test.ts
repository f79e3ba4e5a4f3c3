/** `bluebook run`: exit codes, selection (paths, globs, grep, tag, shard), jobs, bail, arguments. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { normalize, runCli } from './support/cli.js';
import { assertGolden } from './support/golden.js';
import { startTargetServer, type TargetServer } from './support/target-server.js';

let server: TargetServer;
before(async () => {
  server = await startTargetServer();
});
after(() => server.close());

const base = (): string[] => ['--var', `baseUrl=${server.url}`];
const lastLine = (text: string): string => text.trimEnd().split('\n').pop() ?? '';

interface JsonReport {
  suites: { file: string; tests: { name: string }[] }[];
  notRun: string[];
  bailed: boolean;
}

void describe('exit codes', () => {
  void test('0 when every test passes; after steps run', async () => {
    const cleanups = server.count('DELETE', '/cleanup');
    const result = await runCli(['run', 'run/passing.bluebook.yaml', ...base()]);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.equal(lastLine(result.stdout), '2 passed, 0 failed, 0 skipped');
    assert.equal(server.count('DELETE', '/cleanup'), cleanups + 1, 'the after step ran');
    assertGolden('passing.pretty.txt', normalize(result.stdout));
  });

  void test('1 when a test fails', async () => {
    const result = await runCli(['run', 'shard/b.bluebook.yaml', ...base()]);
    assert.equal(result.code, 1);
    assert.equal(lastLine(result.stdout), '0 passed, 1 failed, 0 skipped');
  });

  void test('2 for an invalid suite, with file:line:col and a caret; nothing runs', async () => {
    const seen = server.requests.length;
    const result = await runCli(['run', 'invalid', 'run/passing.bluebook.yaml', ...base()]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /invalid\/broken\.bluebook\.yaml:7:11 {2}unknown-key {2}.*stauts/);
    assert.match(result.stderr, /\^{6}/);
    assert.match(result.stderr, /1 invalid suite file; nothing was run/);
    assert.equal(server.requests.length, seen, 'no request was sent');
    assert.equal(result.stdout, '');
  });

  void test('2 for an invalid config, located in the config file', async () => {
    const result = await runCli(['run', 'badconfig', ...base()]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /badconfig\/bluebook\.config\.yaml:\d+:\d+ {2}invalid-config/);
  });

  void test('2 for an unknown environment, with a suggestion', async () => {
    const result = await runCli(['run', 'redaction', '--env', 'lokal', ...base()]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /unknown environment `lokal` — did you mean `local`\?/);
  });

  void test('2 for an unknown option, with a suggestion', async () => {
    const result = await runCli(['run', '--reproter', 'json']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /unknown option --reproter for "bluebook run"; did you mean --reporter\?/);
  });

  void test('2 for bad values: --shard, --jobs, --timeout, --reporter, --grep', async () => {
    for (const [args, message] of [
      [['--shard', '3/2'], /--shard expects I\/N/],
      [['--shard', 'x'], /--shard expects I\/N/],
      [['--jobs', '0'], /--jobs expects a positive integer/],
      [['--timeout', 'soon'], /--timeout expects a duration/],
      [['-r', 'xml'], /unknown reporter "xml"/],
      [['-r', 'jsn'], /did you mean "json"/],
      [['--grep', '('], /--grep: invalid regular expression/],
      [
        ['--grep', '^(?!slow)'],
        /--grep: negative lookahead `\(\?!…\)` is not supported: Bluebook matches with RE2/,
      ],
      [['-r', 'json', '-r', 'tap'], /only one reporter can write to standard output/],
    ] as const) {
      const result = await runCli(['run', 'run/passing.bluebook.yaml', ...args]);
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, message);
    }
  });

  void test('2 when no suite file is found, or a path does not exist', async () => {
    const none = await runCli(['run', 'nothing-here/**/*.bluebook.yaml']);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /no suite file matches "nothing-here\/\*\*\/\*\.bluebook\.yaml"/);
    const missing = await runCli(['run', 'no/such/dir']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no such file or folder: no\/such\/dir/);
  });

  void test('an unknown command, and bluebook without arguments, exit 2; --help and --version exit 0', async () => {
    const typo = await runCli(['rnu']);
    assert.equal(typo.code, 2);
    assert.match(typo.stderr, /unknown command "rnu"; did you mean "run"\?/);
    const bare = await runCli([]);
    assert.equal(bare.code, 2);
    assert.match(bare.stdout, /Usage:/);
    const help = await runCli(['run', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /--shard I\/N/);
    assert.match(help.stdout, /Exit codes: 0 all passed/);
    const version = await runCli(['--version']);
    assert.equal(version.code, 0);
    assert.match(version.stdout, /^\d+\.\d+\.\d+/);
  });
});

void describe('selection', () => {
  void test('a glob selects suites; files run in sorted order', async () => {
    const result = await runCli(['run', 'shard/*.bluebook.yaml', '-r', 'json', ...base()]);
    const report = JSON.parse(result.stdout) as JsonReport;
    assert.deepEqual(
      report.suites.map((s) => s.file),
      ['a', 'b', 'c', 'd', 'e'].map((n) => `shard/${n}.bluebook.yaml`),
    );
  });

  void test('--shard splits the files deterministically: shards are disjoint and cover all', async () => {
    const files: string[][] = [];
    for (const shard of ['1/2', '2/2']) {
      const result = await runCli(['run', 'shard', '--shard', shard, '-r', 'json', ...base()]);
      files.push((JSON.parse(result.stdout) as JsonReport).suites.map((s) => s.file));
    }
    assert.deepEqual(files[0], ['shard/a.bluebook.yaml', 'shard/c.bluebook.yaml', 'shard/e.bluebook.yaml']);
    assert.deepEqual(files[1], ['shard/b.bluebook.yaml', 'shard/d.bluebook.yaml']);
    const empty = await runCli(['run', 'shard/a.bluebook.yaml', '--shard', '2/2', ...base()]);
    assert.equal(empty.code, 0, 'an empty shard is not an error');
    assert.match(empty.stderr, /shard 2\/2 has no suite files/);
  });

  void test('--grep and --tag filter tests; no match at all exits 2', async () => {
    const grep = await runCli(['run', 'run', '-g', 'health', '-r', 'json', ...base()]);
    const names = (JSON.parse(grep.stdout) as JsonReport).suites.flatMap((s) => s.tests.map((t) => t.name));
    assert.deepEqual(names, ['Reads the health check', 'health']);
    assert.equal(grep.code, 0);
    const tag = await runCli(['run', 'run', '-t', 'smoke', '-r', 'json', ...base()]);
    assert.deepEqual(
      (JSON.parse(tag.stdout) as JsonReport).suites.flatMap((s) => s.tests.map((t) => t.name)),
      ['Reads the health check', 'health'],
    );
    const none = await runCli(['run', 'run', '-t', 'nope', ...base()]);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /no test matches --tag nope/);
  });

  void test('--jobs runs files in parallel but prints them in file order', async () => {
    const serial = await runCli(['run', 'shard', 'run/passing.bluebook.yaml', ...base()]);
    const parallel = await runCli(['run', 'shard', 'run/passing.bluebook.yaml', '-j', '3', ...base()]);
    assert.equal(parallel.code, 1);
    assert.equal(normalize(parallel.stdout), normalize(serial.stdout));
  });

  void test('--bail stops starting files after the first failure', async () => {
    const result = await runCli(['run', 'shard', '--bail', '-r', 'json', ...base()]);
    assert.equal(result.code, 1);
    const report = JSON.parse(result.stdout) as JsonReport;
    assert.deepEqual(
      report.suites.map((s) => s.file),
      ['shard/a.bluebook.yaml', 'shard/b.bluebook.yaml'],
    );
    assert.equal(report.bailed, true);
    assert.deepEqual(report.notRun, [
      'shard/c.bluebook.yaml',
      'shard/d.bluebook.yaml',
      'shard/e.bluebook.yaml',
    ]);
  });

  void test('--timeout sets the default request timeout', async () => {
    const result = await runCli(['run', 'timeout', '--timeout', '200ms', ...base()]);
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stdout, /✗ GET .*\/slow {2}error: .*time/i);
  });
});
