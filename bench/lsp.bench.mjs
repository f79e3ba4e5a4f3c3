// Language server benchmark (SPEC §6): generated suites of 100, 1,000 and 10,000 lines, over stdio
// against the built dist/server.js. Measures didChange → publishDiagnostics and completion
// mid-document (p50/p95), and (Bluebook, 10k lines) edits while the document has a YAML syntax
// error, as it has while a user is typing. Targets at 10k lines: diagnostics ≤ 50 ms, completion
// p95 ≤ 20 ms.
//
// For comparison it runs Red Hat's yaml-language-server on the same files with the same method,
// configured to do comparable work: validation on and the suite's JSON Schema associated with
// `*.bluebook.yaml` (schema validation + completion from the schema). It is installed on demand
// into the gitignored .bench-cache/ (never a project dependency) and skipped, with a note, when
// the install fails. BENCH_SKIP_YAML_LS=1 skips it.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

const SIZES = [100, 1_000, 10_000];
const EDITS = 60;
// A fresh server runs the parser in the interpreter for its first few dozen versions (a 100-line
// suite took 22 ms per edit there): warm up first, so that the numbers are the steady state.
const WARMUP = 20;
const COMPLETIONS = 60;
/** A server that never answers must fail the bench, not hang it. */
const TIMEOUT_MS = 60_000;

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CACHE = join(ROOT, '.bench-cache');
// 1.25.0 is the newest release that runs on Node 20 (2.0.0 requires Node ≥ 22.13).
const YAML_LS_VERSION = '1.25.0';
// yaml-language-server validates on a fixed 200 ms debounce after each change (validationDelayMs
// in its yamlSettings, not configurable): the editor waits for it, so the measured latency
// includes it; the "excl. debounce" column subtracts it to compare the work itself.
const YAML_LS_DEBOUNCE_MS = 200;

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

/** The Bluebook server as built: it knows the suite format itself, no settings needed. */
const BLUEBOOK = {
  name: 'Bluebook',
  args: [process.env.BLUEBOOK_SERVER ?? 'dist/server.js', '--stdio'],
  languageId: 'bluebook',
  capabilities: {},
  settings: () => null,
  debounceMs: 0,
};

/**
 * yaml-language-server from .bench-cache/, installing the pinned version there when missing.
 * Returns undefined (after saying why) when it cannot be installed.
 */
function yamlLanguageServer() {
  if (process.env.BENCH_SKIP_YAML_LS === '1') {
    console.log('yaml-language-server: skipped (BENCH_SKIP_YAML_LS=1)');
    return undefined;
  }
  const packageDir = join(CACHE, 'node_modules', 'yaml-language-server');
  const installedVersion = () => {
    try {
      return JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')).version;
    } catch {
      return undefined;
    }
  };
  if (installedVersion() !== YAML_LS_VERSION) {
    console.log(`installing yaml-language-server@${YAML_LS_VERSION} into .bench-cache/ …`);
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const install = spawnSync(
      npm,
      [
        'install',
        '--prefix',
        CACHE,
        `yaml-language-server@${YAML_LS_VERSION}`,
        '--no-save',
        '--no-audit',
        '--no-fund',
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    if (install.status !== 0 || installedVersion() !== YAML_LS_VERSION) {
      const why = (install.error?.message ?? install.stderr ?? '').trim().split('\n').slice(-3).join(' | ');
      console.log(`yaml-language-server: SKIPPED — install failed (${why || `exit ${install.status}`})`);
      return undefined;
    }
  }
  const schemaUri = pathToFileURL(join(ROOT, 'schemas', 'bluebook.schema.json')).href;
  const yaml = {
    validate: true,
    completion: true,
    hover: true,
    schemas: { [schemaUri]: '*.bluebook.yaml' },
    // No network in the bench (and no unrelated catalogue schemas): only the suite's schema applies.
    schemaStore: { enable: false },
    format: { enable: false },
  };
  return {
    name: `yaml-language-server ${YAML_LS_VERSION}`,
    args: [join(packageDir, 'bin', 'yaml-language-server'), '--stdio'],
    languageId: 'yaml',
    // It pulls its settings (`yaml.schemas` …) through workspace/configuration.
    capabilities: { workspace: { configuration: true } },
    settings: (section) => (section === 'yaml' ? yaml : section === undefined ? null : {}),
    debounceMs: YAML_LS_DEBOUNCE_MS,
  };
}

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

const completionItems = (result) => (Array.isArray(result) ? result : (result?.items ?? []));

async function measure(server, lines) {
  const root = mkdtempSync(join(tmpdir(), 'bluebook-bench-'));
  writeFileSync(
    join(root, 'bluebook.config.yaml'),
    'environments:\n  local: { baseUrl: "http://127.0.0.1:1" }\n',
  );
  const text = generateSuite(lines);
  const uri = pathToFileURL(join(root, 'bench.bluebook.yaml')).href;
  const child = spawn(process.execPath, server.args, { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const connection = createMessageConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );

  // One waiter per document. A publish that carries a version must be for the version waited for
  // (Bluebook sends it); one without a version (yaml-language-server) is the first publish for
  // that document after the change — each change waits for its publish before the next is sent.
  const waiters = new Map();
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    const waiter = waiters.get(params.uri);
    if (!waiter || (params.version !== undefined && params.version !== waiter.version)) return;
    waiters.delete(params.uri);
    waiter.resolve(params);
  });
  const published = (documentUri, version) =>
    withTimeout(
      new Promise((resolve) => waiters.set(documentUri, { version, resolve })),
      `${server.name} publishDiagnostics (${lines} lines, version ${version})`,
    );
  connection.onRequest('workspace/configuration', (params) =>
    params.items.map((item) => server.settings(item.section)),
  );
  connection.onRequest(() => null);
  connection.onNotification(() => {});
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities: server.capabilities,
  });
  await connection.sendNotification('initialized', {});

  // Both servers must flag an unknown suite key before anything is measured: proves validation is
  // on (for yaml-language-server, that the schema association and settings have been applied —
  // a publish before its configuration arrived has no schema diagnostics; its re-validation will).
  const checkUri = pathToFileURL(join(root, 'check.bluebook.yaml')).href;
  let checked = published(checkUri, 1);
  await connection.sendNotification('textDocument/didOpen', {
    textDocument: {
      uri: checkUri,
      languageId: server.languageId,
      version: 1,
      text: 'name: Check\nbogus: 1\n',
    },
  });
  while ((await checked).diagnostics.length === 0) checked = published(checkUri, 1);
  await connection.sendNotification('textDocument/didClose', { textDocument: { uri: checkUri } });

  let ready = published(uri, 1);
  await connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: server.languageId, version: 1, text },
  });
  const opened = await ready;
  if (opened.diagnostics.length > 0)
    throw new Error(`${server.name}: generated suite has diagnostics: ${opened.diagnostics[0].message}`);

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
    ready = published(uri, version);
    const start = performance.now();
    await connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range, text: insert ? 'x' : '' }],
    });
    await ready;
    if (i >= WARMUP) diagnosticsMs.push(performance.now() - start);
  }

  // Completion mid-document, rotating over three positions: after `status: 200` (status values),
  // inside `${` (variables), and at the start of the `status` key (the sibling expectation keys —
  // the position where yaml-language-server also answers from the schema).
  let statusLine = middle;
  while (!docLines[statusLine].includes('status: 200')) statusLine++;
  const positions = [
    { line: statusLine, character: docLines[statusLine].length },
    { line: editLine, character: docLines[editLine].indexOf('${') + 3 },
    { line: statusLine, character: docLines[statusLine].indexOf('status') },
  ];
  const completionMs = [];
  const items = positions.map(() => 0);
  for (let i = 0; i < COMPLETIONS; i++) {
    const which = i % positions.length;
    const start = performance.now();
    const result = await withTimeout(
      connection.sendRequest('textDocument/completion', {
        textDocument: { uri },
        position: positions[which],
      }),
      `${server.name} completion (${lines} lines)`,
    );
    completionMs.push(performance.now() - start);
    items[which] = completionItems(result).length;
  }
  if (server === BLUEBOOK && items.includes(0)) throw new Error('empty completion');

  // Edit while the document has a syntax error (a user halfway through typing a key): a line
  // `stat` is added under `expect:` mid-document, then typed into and back. Bluebook only, at the
  // largest size: the case where a full parse per keystroke hurts most.
  let broken;
  if (server === BLUEBOOK && lines === SIZES.at(-1)) {
    let expectLine = editLine;
    while (!docLines[expectLine].trim().startsWith('expect:')) expectLine++;
    const at = { line: expectLine + 1, character: 0 };
    version++;
    ready = published(uri, version);
    await connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: at, end: at }, text: '          stat\n' }],
    });
    const first = await ready;
    if (!first.diagnostics.some((d) => d.code === 'yaml-syntax'))
      throw new Error('the broken edit produced no YAML syntax error');
    const end = { line: expectLine + 1, character: '          stat'.length };
    const brokenMs = [];
    for (let i = 0; i < WARMUP + EDITS; i++) {
      version++;
      const insert = i % 2 === 0;
      const range = insert
        ? { start: end, end }
        : { start: end, end: { line: end.line, character: end.character + 1 } };
      ready = published(uri, version);
      const start = performance.now();
      await connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ range, text: insert ? 'u' : '' }],
      });
      const params = await ready;
      if (i >= WARMUP) brokenMs.push(performance.now() - start);
      if (!params.diagnostics.some((d) => d.code === 'yaml-syntax'))
        throw new Error('the YAML error went away');
    }
    broken = { p50: percentile(brokenMs, 50), p95: percentile(brokenMs, 95) };
  }

  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
  connection.dispose();
  // A server that ignores `exit` must not keep the bench alive.
  await withTimeout(exited, `${server.name} to exit`).catch(() => child.kill());
  return {
    server,
    lines,
    diagnosticsP50: percentile(diagnosticsMs, 50),
    diagnosticsP95: percentile(diagnosticsMs, 95),
    completionP50: percentile(completionMs, 50),
    completionP95: percentile(completionMs, 95),
    items,
    broken,
  };
}

const servers = [BLUEBOOK, yamlLanguageServer()].filter(Boolean);
const rows = [];
for (const size of SIZES) for (const server of servers) rows.push(await measure(server, size));

const fmt = (n) => `${n.toFixed(1)} ms`.padStart(9);
const nameWidth = Math.max(...servers.map((server) => server.name.length)) + 2;
console.log(
  `\n${'lines'.padEnd(8)}${'server'.padEnd(nameWidth)}didChange→diagnostics p50/p95   excl. debounce p50/p95   completion p50/p95   items status/\${/key`,
);
for (const row of rows) {
  const debounced = row.server.debounceMs
    ? `${fmt(row.diagnosticsP50 - row.server.debounceMs)} ${fmt(row.diagnosticsP95 - row.server.debounceMs)}`
    : `${'—'.padStart(9)} ${'—'.padStart(9)}`;
  console.log(
    `${String(row.lines).padEnd(8)}${row.server.name.padEnd(nameWidth)}${fmt(row.diagnosticsP50)} ${fmt(row.diagnosticsP95)}         ${debounced}      ${fmt(row.completionP50)} ${fmt(row.completionP95)}   ${row.items.join('/')}`,
  );
}
for (const row of rows.filter((r) => r.broken))
  console.log(
    `\nedit while the document has a syntax error (${row.lines} lines, ${row.server.name}): didChange→diagnostics p50 ${row.broken.p50.toFixed(1)} ms, p95 ${row.broken.p95.toFixed(1)} ms`,
  );
if (servers.some((server) => server.debounceMs))
  console.log(
    `\nyaml-language-server waits a fixed ${YAML_LS_DEBOUNCE_MS} ms after each change before validating; the editor sees the first columns, the work is the "excl. debounce" columns.`,
  );
const big = rows.filter((row) => row.server === BLUEBOOK).at(-1);
console.log(
  `\ntargets at 10,000 lines (Bluebook): diagnostics ≤ 50 ms (p50 ${big.diagnosticsP50.toFixed(1)} ms: ${big.diagnosticsP50 <= 50 ? 'met' : 'MISSED'}), completion p95 ≤ 20 ms (${big.completionP95.toFixed(1)} ms: ${big.completionP95 <= 20 ? 'met' : 'MISSED'})`,
);
