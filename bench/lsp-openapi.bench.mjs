// OpenAPI completion benchmark (SPEC §11): a generated ~5 MB OpenAPI 3.1 document (JSON, thousands
// of paths, hundreds of component schemas behind $refs) in bluebook.config.yaml's `openapi:`,
// driven over stdio against the built dist/server.js like bench/lsp.bench.mjs. Reports the first
// load (suite opened → diagnostics carrying the document's unknown-operation warning), the
// completion latency while the document loads (the server must keep answering), and p50/p95 of
// each completion kind after the load. Target: p95 ≤ 20 ms after the first load. Paths and
// `METHOD: path` pairs are listed 200 at most, narrowed by what is typed (`isIncomplete`).
import { spawn } from 'node:child_process';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

const RESOURCES = Number(process.env.BENCH_OPENAPI_RESOURCES ?? 1_250);
const SCHEMAS = 400;
const WARMUP = 10;
const COMPLETIONS = 60;
const TIMEOUT_MS = 120_000;

/** Per resource: a collection (GET with query parameters, POST with a body) and an item (GET, PUT, DELETE). */
function generateDocument() {
  const schemas = {};
  for (let s = 0; s < SCHEMAS; s++) {
    const properties = {};
    for (let p = 0; p < 12; p++)
      properties[`field${p}`] = {
        type: p % 3 ? 'string' : 'integer',
        description: `Field ${p} of schema ${s}.`,
      };
    properties.address = {
      type: 'object',
      required: ['city'],
      properties: { city: { type: 'string' }, zip: { type: 'string' }, street: { type: 'string' } },
    };
    schemas[`Model${s}`] = { type: 'object', required: ['field0', 'field1'], properties };
  }
  const paths = {};
  const ref = (r) => ({ $ref: `#/components/schemas/Model${r % SCHEMAS}` });
  const json = (r) => ({ content: { 'application/json': { schema: ref(r) } } });
  for (let r = 0; r < RESOURCES; r++) {
    const query = Array.from({ length: 8 }, (_, q) => ({
      name: `filter${q}`,
      in: 'query',
      required: q < 2,
      description: `Filters resource ${r} by its field ${q}.`,
      schema: { type: 'string' },
    }));
    paths[`/resource-${r}`] = {
      get: {
        operationId: `list${r}`,
        summary: `List resource ${r}`,
        description: `Every resource ${r}, paginated; the filters combine with AND.`,
        parameters: query,
        responses: { 200: { description: 'The page', ...json(r) }, 400: { description: 'Bad filter' } },
      },
      post: {
        operationId: `create${r}`,
        summary: `Create resource ${r}`,
        requestBody: { required: true, ...json(r) },
        responses: { 201: { description: 'Created', ...json(r) }, 422: { description: 'Invalid' } },
      },
    };
    const id = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
    paths[`/resource-${r}/{id}`] = {
      get: {
        operationId: `get${r}`,
        summary: `Get resource ${r}`,
        parameters: [id],
        responses: { 200: { description: 'Found', ...json(r) }, 404: { description: 'Not found' } },
      },
      put: {
        operationId: `replace${r}`,
        summary: `Replace resource ${r}`,
        parameters: [id],
        requestBody: json(r),
        responses: { 200: { description: 'Replaced' }, 404: { description: 'Not found' } },
      },
      delete: {
        operationId: `delete${r}`,
        parameters: [id],
        responses: { 204: { description: 'Deleted' } },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Bench', version: '1' },
    servers: [{ url: 'http://127.0.0.1:1/v1' }],
    paths,
    components: { schemas },
  };
}

const SUITE = [
  'tests:',
  '  t:',
  '    steps:',
  '      - GET: /resource-999999',
  '      - POST: /resource-617',
  '        json:',
  '          ',
  '          address:',
  '            ',
  '      - GET: /resource-617',
  '        query:',
  '          ',
  '        expect:',
  '          status: ',
  '      - GET: ',
  '      - PUT: ${baseUrl}/resource-6',
  '      - ',
  '',
].join('\n');

/** Each completion kind: where, and the least it must answer. */
const KINDS = [
  { name: 'path after GET:', position: { line: 14, character: 13 }, min: 200 },
  { name: 'path after ${baseUrl}/resource-6', position: { line: 15, character: 35 }, min: 100 },
  { name: 'METHOD: path pairs (new step)', position: { line: 16, character: 8 }, min: 200 },
  { name: 'query: keys', position: { line: 11, character: 10 }, min: 8 },
  { name: 'json: keys', position: { line: 6, character: 10 }, min: 12 },
  { name: 'json: nested keys', position: { line: 8, character: 12 }, min: 3 },
  { name: 'expect.status values', position: { line: 13, character: 18 }, min: 2 },
];

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

const items = (result) => (Array.isArray(result) ? result : (result?.items ?? []));

async function main() {
  const root = mkdtempSync(join(tmpdir(), 'bluebook-bench-openapi-'));
  const docPath = join(root, 'openapi.json');
  writeFileSync(docPath, JSON.stringify(generateDocument(), null, 1));
  const megabytes = statSync(docPath).size / 1e6;
  writeFileSync(
    join(root, 'bluebook.config.yaml'),
    'openapi: ./openapi.json\nenvironments:\n  local: { baseUrl: "http://127.0.0.1:1/v1" }\n',
  );
  const uri = pathToFileURL(join(root, 'bench.bluebook.yaml')).href;
  const child = spawn(process.execPath, [process.env.BLUEBOOK_SERVER ?? 'dist/server.js', '--stdio'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const connection = createMessageConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );
  let loaded;
  const isLoaded = new Promise((resolve) => (loaded = resolve));
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    if (params.uri === uri && params.diagnostics.some((d) => d.code === 'unknown-operation')) loaded(params);
  });
  connection.onRequest(() => null);
  connection.onNotification(() => {});
  connection.listen();
  await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
  await connection.sendNotification('initialized', {});

  const complete = (position) =>
    withTimeout(
      connection.sendRequest('textDocument/completion', { textDocument: { uri }, position }),
      'completion',
    );

  const start = performance.now();
  await connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: 'bluebook', version: 1, text: SUITE },
  });
  // While the document loads: completions keep being answered (without its items).
  const whileLoading = [];
  let done = false;
  const settled = withTimeout(isLoaded, 'the first load').then(() => (done = true));
  while (!done) {
    const asked = performance.now();
    await complete(KINDS[6].position);
    whileLoading.push(performance.now() - asked);
    await Promise.race([settled, new Promise((resolve) => setTimeout(resolve, 10))]);
  }
  const firstLoadMs = performance.now() - start;

  const results = [];
  for (const kind of KINDS) {
    const times = [];
    let count = 0;
    for (let i = 0; i < WARMUP + COMPLETIONS; i++) {
      const asked = performance.now();
      const result = await complete(kind.position);
      if (i >= WARMUP) times.push(performance.now() - asked);
      count = items(result).length;
    }
    if (count < kind.min) throw new Error(`${kind.name}: ${count} items, expected at least ${kind.min}`);
    results.push({ kind: kind.name, items: count, p50: percentile(times, 50), p95: percentile(times, 95) });
  }

  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
  connection.dispose();
  await withTimeout(exited, 'the server to exit').catch(() => child.kill());

  const ms = (value) => `${value.toFixed(1)} ms`;
  console.log(
    `OpenAPI document: ${megabytes.toFixed(1)} MB, ${RESOURCES * 2} paths, ${RESOURCES * 5} operations, ${SCHEMAS} schemas`,
  );
  console.log(`first load (open → unknown-operation published): ${ms(firstLoadMs)}`);
  console.log(
    `completion while loading: ${whileLoading.length} answered, first ${ms(whileLoading[0])} (opens the suite), then p50 ${ms(percentile(whileLoading.slice(1), 50))}, p95 ${ms(percentile(whileLoading.slice(1), 95))}, max ${ms(Math.max(...whileLoading.slice(1)))}`,
  );
  console.log('completion after the load (p50 / p95, items):');
  for (const result of results)
    console.log(
      `  ${result.kind.padEnd(36)} ${ms(result.p50).padStart(9)} / ${ms(result.p95).padStart(9)}  ${result.items}`,
    );
  const worst = Math.max(...results.map((result) => result.p95));
  console.log(`worst p95 ${ms(worst)} (target ≤ 20 ms): ${worst <= 20 ? 'OK' : 'OVER'}`);
}

await main();
