// Runner benchmark (SPEC §6): 500 × (POST, capture id, GET, 2 expectations) through Bluebook's
// engine vs a bare undici loop doing the same requests in the same process, against a local
// server in a child process; then the memory of a 1,000-step and a 10,000-step run.
// Usage: npm run bench   (or: node bench/runner.bench.mjs [rounds] [--speed-only])
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { bundleForBench } from './support/bundle.mjs';

const args = process.argv.slice(2);
const rounds = Number(args.find((arg) => /^\d+$/.test(arg)) ?? 9);
const speedOnly = args.includes('--speed-only');
const { work, path: corePath } = await bundleForBench('core/src/index.ts', 'core');
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

/** Wall and CPU time (user + system, this process) of one call. */
async function timed(fn) {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await fn();
  const used = process.cpuUsage(cpu);
  return { wall: performance.now() - started, cpu: (used.user + used.system) / 1000 };
}

const bluebookRun = (keepRecords) => async () => {
  const result = await core.runSuite(doc, keepRecords ? { keepRecords } : {});
  if (result.outcome !== 'passed')
    throw new Error(
      `bench suite did not pass: ${JSON.stringify(result.tests[0]?.steps.find((s) => s.outcome !== 'passed'))}`,
    );
};

// The same work without Bluebook: send, parse the JSON body, read the captured id, check the
// status of both responses and one field — what the suite's expectations and capture do.
async function bareRun() {
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
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const contenders = [
  ['bare undici loop', bareRun],
  ['bluebook runSuite', bluebookRun(undefined)],
  ["  (keepRecords 'all')", bluebookRun('all')],
];
for (const [, fn] of contenders) await fn(); // warm-up: JIT and connections for each
const times = contenders.map(() => []);
// Interleaved rounds: a burst of load on the machine hits every contender alike.
for (let round = 0; round < rounds; round++)
  for (const [index, [, fn]] of contenders.entries()) times[index].push(await timed(fn));
const wall = times.map((list) => median(list.map((item) => item.wall)));
const cpu = times.map((list) => median(list.map((item) => item.cpu)));
console.log(`runner: ${PAIRS} × (POST, capture id, GET, 2 expectations), median of ${rounds} rounds`);
console.log('                         wall      CPU of this process');
for (const [index, [name]] of contenders.entries()) {
  const ratio =
    index === 0
      ? ''
      : `   ${(wall[index] / wall[0]).toFixed(2)}× wall, ${(cpu[index] / cpu[0]).toFixed(2)}× CPU`;
  console.log(
    `  ${name.padEnd(22)} ${wall[index].toFixed(0).padStart(4)} ms  ${cpu[index].toFixed(0).padStart(4)} ms${ratio}`,
  );
}
const ratio = wall[1] / wall[0];
console.log(
  `  ratio (default)        ${ratio.toFixed(2)}× (target ≤ 1.5×) ${ratio <= 1.5 ? 'OK' : 'OVER TARGET'}`,
);

if (speedOnly) {
  server.kill();
  await core.closeSharedAgent();
  process.exit(0);
}

// Memory: each run in a fresh process, so one cannot inherit the other's heap. Every GET returns
// ~1 KB of JSON (so kept records would show). Two shapes of a 10× longer run:
// - `each`: one small suite whose test runs once per row of a data file (1,000 or 10,000 rows):
//   the input stays small, so the peak RSS is the run's;
// - `file`: a suite file with 1,000 or 10,000 steps: parsing a 10× larger YAML file costs memory
//   by itself (the yaml library peaks near 180 MB for the 10,000-step file), so the child also
//   reports the RSS after parsing and the run's own peak above it (sampled every 100 steps).
// "results" is the heap the SuiteResult retains (after GC).
async function memory(shape, steps, keepRecords) {
  const file = join(work, `mem-${shape}-${steps}.bluebook.yaml`);
  const bio = 'x'.repeat(1000);
  let text = `baseUrl: ${baseUrl}\n`;
  if (shape === 'each') {
    const rows = Array.from({ length: steps }, (_, i) => ({ i }));
    writeFileSync(join(work, `rows-${steps}.json`), JSON.stringify(rows));
    text += `before:\n  - POST: /users\n    json: { name: m, bio: "${bio}" }\n    capture: { id: $.id }\n`;
    text += `tests:\n  row:\n    each: rows-${steps}.json\n    steps:\n      - GET: /users/\${id}\n        expect: { status: 200, json: { $.name: m } }\n`;
  } else {
    text += `tests:\n  big:\n    steps:\n      - POST: /users\n        json: { name: m, bio: "${bio}" }\n        capture: { id: $.id }\n`;
    for (let i = 1; i < steps; i++)
      text += `      - GET: /users/\${id}\n        expect: { status: 200, json: { $.name: m } }\n`;
  }
  writeFileSync(file, text);
  const script = `const core = require(${JSON.stringify(corePath)});
const doc = core.parseSuite(require('node:fs').readFileSync(${JSON.stringify(file)}, 'utf8'), ${JSON.stringify(file)});
global.gc();
const before = process.memoryUsage.rss();
const heapBefore = process.memoryUsage().heapUsed;
let peak = before, seen = 0;
core.runSuite(doc, { keepRecords: ${JSON.stringify(keepRecords)}, onEvent: (event) => {
  if (event.type === 'stepFinished' && ++seen % 100 === 0) peak = Math.max(peak, process.memoryUsage.rss());
} }).then(async (r) => {
  if (r.outcome !== 'passed') throw new Error('memory suite failed: ' + JSON.stringify(r).slice(0, 500));
  peak = Math.max(peak, process.memoryUsage.rss());
  await core.closeSharedAgent();
  global.gc();
  const retained = process.memoryUsage().heapUsed - heapBefore;
  const steps = r.before.length + r.tests.reduce((sum, test) => sum + test.steps.length, 0);
  process.stdout.write(JSON.stringify({ steps, maxRss: process.resourceUsage().maxRSS * 1024, before, peak, retained, keep: r }));
});`;
  const child = spawn(process.execPath, ['--expose-gc', '-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (data) => (out += data));
  await new Promise((resolve) => child.on('exit', resolve));
  return JSON.parse(out);
}
const MB = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
console.log('memory: a run in a fresh process (each GET returns ~1 KB of JSON)');
console.log('                                peak RSS   after parse   run peak above   results');
const rows = [];
for (const shape of ['each', 'file']) {
  for (const keepRecords of ['failures', 'all']) {
    const pair = [];
    for (const steps of [1000, 10000]) {
      const m = await memory(shape, steps, keepRecords);
      pair.push(m);
      const label = `${shape}, ${keepRecords === 'failures' ? 'default' : "'all'  "}, ${String(m.steps).padStart(5)} steps`;
      console.log(
        `  ${label.padEnd(29)} ${MB(m.maxRss).padStart(9)} ${MB(m.before).padStart(11)} ${('+' + MB(Math.max(0, m.peak - m.before))).padStart(14)} ${MB(m.retained).padStart(9)}`,
      );
    }
    rows.push({ shape, keepRecords, ratio: pair[1].maxRss / pair[0].maxRss });
  }
}
for (const row of rows)
  console.log(
    `  peak RSS 10,000 / 1,000 steps (${row.shape}, ${row.keepRecords === 'failures' ? 'default' : "'all'"}): ${row.ratio.toFixed(2)}×`,
  );

server.kill();
await core.closeSharedAgent();
