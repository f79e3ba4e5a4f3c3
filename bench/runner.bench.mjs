// Runner benchmark (SPEC §6): 500 × (POST, capture id, GET, 2 expectations) through Bluebook's
// engine vs a bare undici loop doing the same requests in the same process, against a local
// server in a child process; then peak RSS of a 1,000-step and a 10,000-step run.
// Usage: npm run bench   (or: node bench/runner.bench.mjs [rounds])
import * as esbuild from 'esbuild';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';

const rounds = Number(process.argv[2] ?? 5);
const work = mkdtempSync(join(tmpdir(), 'bluebook-bench-'));
const corePath = join(work, 'core.cjs');
await esbuild.build({
  entryPoints: ['core/src/index.ts'],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  outfile: corePath,
  logLevel: 'warning',
});
const require = createRequire(import.meta.url);
const core = require(corePath);
const { request } = require('undici');

// The target: a tiny users API in its own process, so it does not share our event loop.
const serverSource = `
const http = require('node:http'); let next = 1; const users = new Map();
http.createServer((req, res) => { const chunks = []; req.on('data', (c) => chunks.push(c)); req.on('end', () => {
  if (req.method === 'POST') { const user = { ...JSON.parse(Buffer.concat(chunks).toString() || '{}'), id: next++ }; users.set(user.id, user);
    res.writeHead(201, { 'content-type': 'application/json' }); return res.end(JSON.stringify(user)); }
  const user = users.get(Number(req.url.split('/').pop()));
  res.writeHead(user ? 200 : 404, { 'content-type': 'application/json' }); res.end(JSON.stringify(user ?? { title: 'Not Found' }));
}); }).listen(0, '127.0.0.1', function () { process.stdout.write(String(this.address().port) + '\\n'); });`;
const server = spawn(process.execPath, ['-e', serverSource], { stdio: ['ignore', 'pipe', 'inherit'] });
const port = await new Promise((resolve) =>
  server.stdout.once('data', (data) => resolve(Number(String(data).trim()))),
);
const baseUrl = `http://127.0.0.1:${port}`;

const PAIRS = 500;
let suiteText = `baseUrl: ${baseUrl}\ntests:\n  crud:\n    steps:\n`;
for (let i = 0; i < PAIRS; i++) {
  suiteText += `      - POST: /users\n        json: { name: user${i} }\n        expect: { status: 201 }\n        capture: { id: $.id }\n`;
  suiteText += `      - GET: /users/\${id}\n        expect:\n          status: 200\n          json:\n            $.id: \${id}\n`;
}
const doc = core.parseSuite(suiteText, join(work, 'bench.bluebook.yaml'));

async function bluebookRun() {
  const started = performance.now();
  const result = await core.runSuite(doc, {});
  if (result.outcome !== 'passed')
    throw new Error(
      `bench suite did not pass: ${JSON.stringify(result.tests[0]?.steps.find((s) => s.outcome !== 'passed'))}`,
    );
  return performance.now() - started;
}

async function bareRun() {
  const started = performance.now();
  for (let i = 0; i < PAIRS; i++) {
    const created = await request(`${baseUrl}/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: `user${i}` }),
    });
    const { id } = await created.body.json();
    if (created.statusCode !== 201) throw new Error('bare POST failed');
    const read = await request(`${baseUrl}/users/${id}`);
    const user = await read.body.json();
    if (read.statusCode !== 200 || user.id !== id) throw new Error('bare GET failed');
  }
  return performance.now() - started;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
await bareRun(); // warm-up: JIT and connections for both
await bluebookRun();
const bare = [];
const bluebook = [];
for (let round = 0; round < rounds; round++) {
  bare.push(await bareRun());
  bluebook.push(await bluebookRun());
}
const ratio = median(bluebook) / median(bare);
console.log(`runner: ${PAIRS} × (POST, capture id, GET, 2 expectations), median of ${rounds}`);
console.log(`  bare undici loop   ${median(bare).toFixed(0)} ms`);
console.log(`  bluebook runSuite  ${median(bluebook).toFixed(0)} ms`);
console.log(
  `  ratio              ${ratio.toFixed(2)}× (target ≤ 1.5×) ${ratio <= 1.5 ? 'OK' : 'OVER TARGET'}`,
);

// Peak RSS: each size in a fresh process, so one run cannot inherit the other's heap.
async function peakRss(steps) {
  const file = join(work, `mem-${steps}.bluebook.yaml`);
  let text = `baseUrl: ${baseUrl}\ntests:\n  big:\n    steps:\n      - POST: /users\n        json: { name: m }\n        capture: { id: $.id }\n`;
  for (let i = 1; i < steps; i++) text += `      - GET: /users/\${id}\n        expect: { status: 200 }\n`;
  writeFileSync(file, text);
  const script = `const core = require(${JSON.stringify(corePath)});
core.runSuiteFile(${JSON.stringify(file)}, { config: false }).then(async (r) => {
  const steps = r.tests[0].steps; if (r.outcome !== 'passed') throw new Error('memory suite failed');
  await core.closeSharedAgent();
  process.stdout.write(JSON.stringify({ steps: steps.length, maxRssKb: process.resourceUsage().maxRSS }));
});`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (data) => (out += data));
  await new Promise((resolve) => child.on('exit', resolve));
  return JSON.parse(out);
}
const small = await peakRss(1000);
const large = await peakRss(10000);
console.log('memory: peak RSS of a whole run (fresh process each)');
console.log(`  ${small.steps} steps   ${(small.maxRssKb / 1024).toFixed(0)} MB`);
console.log(
  `  ${large.steps} steps  ${(large.maxRssKb / 1024).toFixed(0)} MB (${(large.maxRssKb / small.maxRssKb).toFixed(2)}× for 10× the steps)`,
);

server.kill();
await core.closeSharedAgent();
