// The scale targets of SPEC §6 (issue 12) on a generated workspace of 1,000 suites × 10 tests
// (bench/scale-workspace.mjs), each figure printed beside its target:
//   - `bluebook validate <workspace>`: wall time, median of 5 (target ≤ 3 s);
//   - the language server (dist/server.js over stdio, the workspace as its folder, nothing open):
//     time from `initialized` until every suite has its diagnostics (workspace diagnostics), the
//     latency of hovers sent meanwhile (beside the idle server's), and the server's peak RSS (VmHWM; target ≤ 300 MB);
//   - Test Explorer discovery in the real extension (code-server + headless Chromium through the
//     e2e runner, test "Scale discovery…" of test/e2e/suite/scale.test.ts): from the discovery's
//     start to all items, and from the extension host's start (target ≤ 2 s). Skip it with
//     --no-editor.
// Usage: node scripts/build.mjs && node bench/scale.bench.mjs [--suites 1000] [--no-editor]
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { generateScaleWorkspace } from './scale-workspace.mjs';

const { values: opts } = parseArgs({
  options: { suites: { type: 'string', default: '1000' }, 'no-editor': { type: 'boolean', default: false } },
});
const SUITES = Number(opts.suites);
const TESTS = 10;
const root = mkdtempSync(join(tmpdir(), 'bluebook-scale-'));
generateScaleWorkspace(root, SUITES, TESTS);
const env = { ...process.env };
delete env.SCALE_API_KEY;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const line = (what, value, target) =>
  console.log(`${what.padEnd(58)} ${value.padStart(10)}   (target ${target})`);
console.log(`workspace: ${SUITES} suites × ${TESTS} tests in ${root}`);

function validateOnce() {
  const start = performance.now();
  const result = spawnSync(process.execPath, ['dist/cli.js', 'validate', root], { env, encoding: 'utf8' });
  const ms = performance.now() - start;
  const summary = result.stdout.trim().split('\n').at(-1);
  if (!summary.includes(`${SUITES} warnings`)) throw new Error(`unexpected validate output: ${summary}`);
  return ms;
}
const validateTimes = Array.from({ length: 5 }, validateOnce);
line('bluebook validate, wall (median of 5)', `${(median(validateTimes) / 1000).toFixed(2)} s`, '≤ 3 s');

async function languageServer() {
  const child = spawn(process.execPath, ['dist/server.js', '--stdio'], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env,
  });
  const connection = createMessageConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );
  const withDiagnostics = new Set();
  let allDone;
  const all = new Promise((resolve) => (allDone = resolve));
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    if (params.diagnostics.length > 0) withDiagnostics.add(params.uri);
    if (withDiagnostics.size === SUITES) allDone(performance.now());
  });
  connection.onRequest(() => null);
  connection.listen();
  const rootUri = pathToFileURL(root).href;
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri,
    capabilities: {},
    workspaceFolders: [{ uri: rootUri, name: 'scale' }],
  });
  const started = performance.now();
  await connection.sendNotification('initialized', {});
  const uri = pathToFileURL(join(root, 'auth.bluebook.yaml')).href;
  await connection.sendNotification('textDocument/didOpen', {
    textDocument: {
      uri,
      languageId: 'bluebook',
      version: 1,
      text: readFileSync(join(root, 'auth.bluebook.yaml'), 'utf8'),
    },
  });
  const hover = async () => {
    const start = performance.now();
    await connection.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: { line: 6, character: 9 },
    });
    return performance.now() - start;
  };
  const duringScan = [];
  let scanning = true;
  void all.then(() => (scanning = false));
  while (scanning) duringScan.push(await hover());
  const doneAt = await all;
  const idle = [];
  for (let i = 0; i < 20; i++) idle.push(await hover());
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const peakKb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1]);
  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
  connection.dispose();
  return { ms: doneAt - started, duringScan: median(duringScan), idle: median(idle), peakMb: peakKb / 1024 };
}
const server = await languageServer();
line(
  `language server: diagnostics of all ${SUITES} closed suites`,
  `${(server.ms / 1000).toFixed(2)} s`,
  'none',
);
line(
  'language server: hover during the scan / idle (median)',
  `${server.duringScan.toFixed(1)} / ${server.idle.toFixed(1)} ms`,
  'none',
);
line('language server: peak RSS (VmHWM)', `${server.peakMb.toFixed(0)} MB`, '≤ 300 MB');

if (!opts['no-editor']) {
  const out = join(root, '..', `bluebook-scale-discovery-${process.pid}.json`);
  const run = spawnSync(
    process.execPath,
    [
      'scripts/e2e/run-code-server.mjs',
      '--config',
      'trusted',
      '--workspace',
      root,
      '--no-build',
      '--grep',
      'Scale discovery',
    ],
    { env: { ...env, BLUEBOOK_SCALE_BENCH_OUT: out }, encoding: 'utf8' },
  );
  if (run.status !== 0) throw new Error(`the e2e discovery run failed:\n${run.stdout}\n${run.stderr}`);
  const found = JSON.parse(readFileSync(out, 'utf8'));
  rmSync(out);
  if (found.files !== SUITES + 1) throw new Error(`discovery found ${found.files} suite files`);
  line(
    `Test Explorer: discovery of ${found.tests} test items (${found.files} files)`,
    `${(found.ms / 1000).toFixed(2)} s`,
    '≤ 2 s',
  );
  line('Test Explorer: of which, VS Code’s file search', `${(found.searchMs / 1000).toFixed(2)} s`, 'none');
  line(
    'Test Explorer: extension host start → all items',
    `${(found.finishedAt / 1000).toFixed(2)} s`,
    'none',
  );
}
rmSync(root, { recursive: true, force: true });
