/**
 * The shape of the CLI bundle that start-up speed depends on (bench/cli-startup.bench.mjs):
 * - dist/cli-main.js is pure ASCII: one non-ASCII character makes V8 hold the whole 2+ MB source
 *   as a two-byte string, and reading it costs several times more on every start;
 * - a plain run needs none of the vendored libraries (HTML, XML, GraphQL, imports, regex): it
 *   still passes with those files removed from the copy, and never loads `node:http2`;
 * - each command keeps its own code cache, so a `--version` run never leaves a cache that lacks
 *   what `run` compiles.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { CLI_FILES } from '../../scripts/cli-bundle.cjs';
import { ensureBuilt } from './support/cli.js';

const work = mkdtempSync(join(tmpdir(), 'bluebook-bundle-'));
const server = createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end('{"ok":true}');
});
before(() => new Promise<void>((done) => server.listen(0, '127.0.0.1', done)));
after(() => {
  server.close();
  rmSync(work, { recursive: true, force: true });
});

function cli(
  path: string,
  args: string[],
  env: Record<string, string>,
  nodeArgs: string[] = [],
): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, [...nodeArgs, path, ...args], {
    cwd: work,
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  return new Promise((done) => child.on('close', (code) => done({ code, out })));
}

void test('the main bundle is ASCII only', () => {
  const source = readFileSync(join(dirname(ensureBuilt()), 'cli-main.js'), 'latin1');
  const at = source.search(/[\u0080-\uffff]/);
  assert.equal(at, -1, `non-ASCII byte at ${at}: …${source.slice(Math.max(0, at - 60), at + 10)}`);
});

void test('a one-request run loads no vendored file, and each command has its own code cache', async () => {
  const copy = mkdtempSync(join(work, 'dist-'));
  const built = dirname(ensureBuilt());
  const vendored = CLI_FILES.filter((file: string) => file.startsWith('vendor-'));
  assert.ok(vendored.includes('vendor-cheerio.js'), `HTML support is not split out: ${vendored.join(', ')}`);
  for (const file of CLI_FILES)
    if (!vendored.includes(file)) writeFileSync(join(copy, file), readFileSync(join(built, file)));
  const port = (server.address() as { port: number }).port;
  writeFileSync(
    join(work, 'one.bluebook.yaml'),
    `tests:\n  one:\n    steps:\n      - GET: http://127.0.0.1:${port}/\n        expect:\n          status: 200\n          json: { $.ok: true }\n`,
  );
  const cache = join(work, 'cache');
  const env = { BLUEBOOK_CACHE_DIR: cache };

  assert.equal((await cli(join(copy, 'cli.js'), ['--version'], env)).code, 0);
  // Node's list of the built-in modules it loaded, written as the process exits.
  const loaded = join(work, 'loaded.json');
  const preload = join(work, 'loaded.cjs');
  writeFileSync(
    preload,
    `const { writeFileSync } = require('node:fs');\nprocess.on('exit', () => writeFileSync(${JSON.stringify(loaded)}, JSON.stringify(process.moduleLoadList)));\n`,
  );
  const run = await cli(join(copy, 'cli.js'), ['run', 'one.bluebook.yaml'], env, ['--require', preload]);
  assert.equal(run.code, 0, run.out);
  assert.match(run.out, /1 passed/);
  const modules = JSON.parse(readFileSync(loaded, 'utf8')) as string[];
  assert.ok(modules.includes('NativeModule http'), 'the preload saw no module list');
  assert.ok(!modules.includes('NativeModule http2'), 'a plain run loaded node:http2');
  const caches = readdirSync(cache).sort();
  assert.equal(caches.length, 2, `one cache per command expected: ${caches.join(', ')}`);
  assert.ok(
    caches.some((name) => name.startsWith('cli-run-')) &&
      caches.some((name) => name.startsWith('cli-other-')),
  );
});
