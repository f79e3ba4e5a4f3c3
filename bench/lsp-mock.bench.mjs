// Language server benchmark for mock files (`*.mock.yaml`, SPEC §9): generated mocks of 100, 1,000
// and 5,000 lines over stdio against the built dist/server.js. Measures the first open (it loads the
// mock features), didChange → publishDiagnostics (one parseMock per version) and completion inside
// a route (p50/p95). Suites are measured by bench/lsp.bench.mjs.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

const SIZES = [100, 1_000, 5_000];
const WARMUP = 10;
const EDITS = 40;
const COMPLETIONS = 40;
/** A server that never answers must fail the bench, not hang it. */
const TIMEOUT_MS = 60_000;
const SERVER = process.env.BLUEBOOK_SERVER ?? 'dist/server.js';

/** Routes of 5 lines: a method and path, a header matcher, a templated JSON response. */
function generateMock(lines) {
  const out = ['name: generated', 'routes:'];
  for (let i = 0; out.length < lines; i++)
    out.push(
      `  - GET: /items/${i}/:id`,
      '    headers: { authorization: { startsWith: "Bearer " } }',
      '    respond:',
      '      status: 200',
      `      json: { id: "\${params.id}", n: ${i} }`,
    );
  return out.join('\n') + '\n';
}

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

function withTimeout(promise, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`timed out after ${TIMEOUT_MS} ms waiting for ${what}`)),
      TIMEOUT_MS,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function measure(lines) {
  const uri = pathToFileURL(
    join(mkdtempSync(join(tmpdir(), 'bluebook-bench-mock-')), 'bench.mock.yaml'),
  ).href;
  const text = generateMock(lines);
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createMessageConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );
  const waiters = new Map();
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    waiters.get(params.version)?.(params);
    waiters.delete(params.version);
  });
  const published = (version) =>
    withTimeout(new Promise((resolve) => waiters.set(version, resolve)), `diagnostics of version ${version}`);
  connection.onRequest(() => null);
  connection.listen();
  await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
  await connection.sendNotification('initialized', {});

  let ready = published(1);
  let start = performance.now();
  await connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: 'bluebook-mock', version: 1, text },
  });
  const opened = await ready;
  const openMs = performance.now() - start;
  if (opened.diagnostics.length > 0)
    throw new Error(`generated mock has diagnostics: ${opened.diagnostics[0].message}`);

  // Type one character into a route's path mid-document, then remove it.
  const line = Math.floor(lines / 10) * 5 + 2;
  const column = text.split('\n')[line].indexOf('/items/') + 1;
  const diagnosticsMs = [];
  for (let version = 2; version < 2 + WARMUP + EDITS; version++) {
    const insert = version % 2 === 0;
    const at = { line, character: column };
    const range = insert ? { start: at, end: at } : { start: at, end: { line, character: column + 1 } };
    ready = published(version);
    start = performance.now();
    await connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range, text: insert ? 'x' : '' }],
    });
    await ready;
    if (version >= 2 + WARMUP) diagnosticsMs.push(performance.now() - start);
  }

  const completionMs = [];
  for (let i = 0; i < COMPLETIONS; i++) {
    start = performance.now();
    const result = await withTimeout(
      connection.sendRequest('textDocument/completion', {
        textDocument: { uri },
        position: { line: line + 1, character: 4 },
      }),
      'completion',
    );
    completionMs.push(performance.now() - start);
    if (!result?.items?.some((item) => item.label === 'query')) throw new Error('no route keys completed');
  }
  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
  connection.dispose();
  return { lines, openMs, diagnosticsMs, completionMs };
}

console.log('lines   first open→diagnostics   didChange→diagnostics p50/p95   completion p50/p95');
for (const lines of SIZES) {
  const { openMs, diagnosticsMs, completionMs } = await measure(lines);
  const ms = (value) => `${value.toFixed(1).padStart(6)} ms`;
  console.log(
    `${String(lines).padEnd(7)} ${ms(openMs)}              ${ms(percentile(diagnosticsMs, 50))} ${ms(percentile(diagnosticsMs, 95))}         ${ms(percentile(completionMs, 50))} ${ms(percentile(completionMs, 95))}`,
  );
}
