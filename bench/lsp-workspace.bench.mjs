// Cross-file language server features (issue 9) over stdio against the built dist/server.js: a
// workspace of suites of which half use `./auth.bluebook.yaml#login`. Measures find references
// and rename of the test id (first request: listing and parsing the workspace; then warm), and
// completion of test ids after `use: ./auth.bluebook.yaml#`. Also the latency of a completion sent
// while a cold references scan runs: the scan yields, so the completion must not wait for it.
// Usage: node scripts/build.mjs && node bench/lsp-workspace.bench.mjs [suites=500]
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

const SUITES = Number(process.argv[2] ?? 500);
const TESTS_PER_SUITE = 10;
const REPEATS = 20;

function suite(index, uses) {
  const out = ['tests:'];
  for (let test = 0; test < TESTS_PER_SUITE; test++) {
    out.push(`  t-${index}-${test}:`, `    name: Test ${test}`, '    steps:');
    if (uses && test === 0) out.push('      - use: ./auth.bluebook.yaml#login');
    out.push('      - GET: /users/1', '        expect:', '          status: 200');
  }
  return out.join('\n') + '\n';
}

const root = mkdtempSync(join(tmpdir(), 'bluebook-bench-ws-'));
writeFileSync(
  join(root, 'bluebook.config.yaml'),
  'environments:\n  local: { baseUrl: "http://127.0.0.1:1" }\n',
);
const auth = 'tests:\n  login:\n    name: Log in\n    steps:\n      - POST: /login\n';
writeFileSync(join(root, 'auth.bluebook.yaml'), auth);
for (let i = 0; i < SUITES; i++) writeFileSync(join(root, `s-${i}.bluebook.yaml`), suite(i, i % 2 === 0));
const authUri = pathToFileURL(join(root, 'auth.bluebook.yaml')).href;
const openUri = pathToFileURL(join(root, 's-0.bluebook.yaml')).href;

const child = spawn(process.execPath, [process.env.BLUEBOOK_SERVER ?? 'dist/server.js', '--stdio'], {
  stdio: ['pipe', 'pipe', 'inherit'],
});
const connection = createMessageConnection(
  new StreamMessageReader(child.stdout),
  new StreamMessageWriter(child.stdin),
);
connection.onRequest(() => null);
connection.onNotification(() => {});
connection.listen();
await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
await connection.sendNotification('initialized', {});
for (const [uri, text] of [
  [authUri, auth],
  [openUri, suite(0, true)],
]) {
  await connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: 'bluebook', version: 1, text },
  });
}

const onLogin = { textDocument: { uri: authUri }, position: { line: 1, character: 4 } };
const references = () =>
  connection.sendRequest('textDocument/references', { ...onLogin, context: { includeDeclaration: true } });
const idCompletion = {
  textDocument: { uri: openUri },
  position: { line: 4, character: '      - use: ./auth.bluebook.yaml#'.length },
};

async function timed(run) {
  const start = performance.now();
  const result = await run();
  return { ms: performance.now() - start, result };
}
const percentile = (values, p) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))];
async function series(run) {
  const times = [];
  for (let i = 0; i < REPEATS; i++) times.push((await timed(run)).ms);
  return `p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms`;
}

const cold = await timed(references);
if (cold.result.length !== SUITES / 2 + 1)
  throw new Error(`expected ${SUITES / 2 + 1} references, got ${cold.result.length}`);
console.log(`workspace: ${SUITES} suites of ${TESTS_PER_SUITE} tests, ${SUITES / 2} use login`);
console.log(`references, first request (lists and parses the workspace): ${cold.ms.toFixed(1)} ms`);
console.log(`references, warm: ${await series(references)}`);
console.log(
  `rename, warm: ${await series(() => connection.sendRequest('textDocument/rename', { ...onLogin, newName: 'sign-in' }))}`,
);
console.log(
  `completion of test ids after use: …#: ${await series(() => connection.sendRequest('textDocument/completion', idCompletion))}`,
);

// A created file re-lists the workspace; the texts read from disk are dropped too.
await connection.sendNotification('workspace/didChangeWatchedFiles', {
  changes: [{ uri: pathToFileURL(join(root, 'new.bluebook.yaml')).href, type: 1 }],
});
const scan = timed(references);
const during = await timed(() =>
  connection.sendRequest('textDocument/completion', {
    textDocument: { uri: openUri },
    position: { line: 7, character: '          status: '.length },
  }),
);
console.log(
  `completion sent during a cold references scan: ${during.ms.toFixed(1)} ms (the scan took ${(await scan).ms.toFixed(1)} ms)`,
);

await connection.sendRequest('shutdown');
await connection.sendNotification('exit');
connection.dispose();
