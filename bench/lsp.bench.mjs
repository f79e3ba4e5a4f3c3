// Language server benchmark (SPEC §6): generated suites of 100, 1,000 and 10,000 lines, over stdio
// against the built dist/server.js. Measures didChange → publishDiagnostics and completion
// mid-document (p50/p95). Targets at 10k lines: diagnostics ≤ 50 ms, completion p95 ≤ 20 ms.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

const SIZES = [100, 1_000, 10_000];
const EDITS = 60;
// A fresh server runs the parser in the interpreter for its first few dozen versions (a 100-line
// suite took 22 ms per edit there): warm up first, so that the numbers are the steady state.
const WARMUP = 20;
const COMPLETIONS = 50;

/** A realistic suite: tests of 3 steps with headers, JSON bodies, expectations and captures. */
function generateSuite(lines) {
  const out = ['name: Generated', 'baseUrl: ${baseUrl}', 'variables:', '  userName: Ada', 'tests:'];
  let test = 0;
  while (out.length < lines) {
    out.push(`  test-${test}:`, `    name: Test ${test}`, '    steps:');
    out.push(
      '      - POST: /users',
      '        headers:',
      '          content-type: application/json',
      '        json: { name: "${userName}" }',
    );
    out.push(
      '        expect:',
      '          status: 201',
      '          json:',
      '            $.id: { type: integer, gt: 0 }',
      '        capture:',
      '          userId: $.id',
    );
    out.push(
      '      - GET: /users/${userId}',
      '        expect:',
      '          status: 200',
      '          body: { name: "${userName}" }',
    );
    test++;
  }
  return out.join('\n') + '\n';
}

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

async function measure(lines) {
  const root = mkdtempSync(join(tmpdir(), 'bluebook-bench-'));
  writeFileSync(
    join(root, 'bluebook.config.yaml'),
    'environments:\n  local: { baseUrl: "http://127.0.0.1:1" }\n',
  );
  const text = generateSuite(lines);
  const uri = pathToFileURL(join(root, 'bench.bluebook.yaml')).href;
  const child = spawn(process.execPath, [process.env.BLUEBOOK_SERVER ?? 'dist/server.js', '--stdio'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const connection = createMessageConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );
  const waiters = new Map();
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    const waiter = waiters.get(params.version);
    if (waiter) {
      waiters.delete(params.version);
      waiter(params);
    }
  });
  connection.onNotification('window/logMessage', () => {});
  connection.listen();
  await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
  await connection.sendNotification('initialized', {});
  const published = (version) => new Promise((resolve) => waiters.set(version, resolve));

  let ready = published(1);
  await connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: 'bluebook', version: 1, text },
  });
  const opened = await ready;
  if (opened.diagnostics.length > 0)
    throw new Error(`generated suite has diagnostics: ${opened.diagnostics[0].message}`);

  // Edit: type one character into a step's URL mid-document, then remove it (two versions each).
  const middle = Math.floor(lines / 2);
  const docLines = text.split('\n');
  let editLine = middle;
  while (!docLines[editLine].includes('- GET: /users/')) editLine++;
  const column = docLines[editLine].indexOf('/users/') + 1;
  const diagnosticsMs = [];
  let version = 1;
  for (let i = 0; i < WARMUP + EDITS; i++) {
    version++;
    const insert = i % 2 === 0;
    const range = insert
      ? { start: { line: editLine, character: column }, end: { line: editLine, character: column } }
      : { start: { line: editLine, character: column }, end: { line: editLine, character: column + 1 } };
    ready = published(version);
    const start = performance.now();
    await connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range, text: insert ? 'x' : '' }],
    });
    await ready;
    if (i >= WARMUP) diagnosticsMs.push(performance.now() - start);
  }

  // Completion inside `expect:` mid-document (status values) and inside `${`.
  let statusLine = middle;
  while (!docLines[statusLine].includes('status: 200')) statusLine++;
  const completionMs = [];
  for (let i = 0; i < COMPLETIONS; i++) {
    const position =
      i % 2 === 0
        ? { line: statusLine, character: docLines[statusLine].length }
        : { line: editLine, character: docLines[editLine].indexOf('${') + 3 };
    const start = performance.now();
    const result = await connection.sendRequest('textDocument/completion', {
      textDocument: { uri },
      position,
    });
    completionMs.push(performance.now() - start);
    if (!result || result.items.length === 0) throw new Error('empty completion');
  }
  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
  connection.dispose();
  return {
    lines,
    diagnosticsP50: percentile(diagnosticsMs, 50),
    diagnosticsP95: percentile(diagnosticsMs, 95),
    completionP50: percentile(completionMs, 50),
    completionP95: percentile(completionMs, 95),
  };
}

const rows = [];
for (const size of SIZES) rows.push(await measure(size));
const fmt = (n) => `${n.toFixed(1)} ms`.padStart(10);
console.log('lines    didChange→diagnostics p50/p95     completion p50/p95');
for (const row of rows) {
  console.log(
    `${String(row.lines).padEnd(8)} ${fmt(row.diagnosticsP50)} ${fmt(row.diagnosticsP95)}          ${fmt(row.completionP50)} ${fmt(row.completionP95)}`,
  );
}
const big = rows[rows.length - 1];
console.log(
  `\ntargets at 10,000 lines: diagnostics ≤ 50 ms (p50 ${big.diagnosticsP50.toFixed(1)} ms: ${big.diagnosticsP50 <= 50 ? 'met' : 'MISSED'}), completion p95 ≤ 20 ms (${big.completionP95.toFixed(1)} ms: ${big.completionP95 <= 20 ? 'met' : 'MISSED'})`,
);
