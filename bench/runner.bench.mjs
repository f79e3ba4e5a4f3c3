// Runner benchmark (SPEC §6): 500 × (POST, capture id, GET, 2 expectations) through Bluebook's
// engine vs a bare undici loop doing the same requests in the same process, against a local
// server in a child process; then the memory of a 1,000-step and a 10,000-step run.
// Every round runs each contender once, in a rotating order (a burst of load on the shared
// machine hits them alike); a ratio is that round's Bluebook time over the bare loop's, reported
// as median and spread (lowest–highest) so "consistently" can be read off.
// Usage: npm run bench   (or: node bench/runner.bench.mjs [rounds] [--speed-only])
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { bundleForBench } from './support/bundle.mjs';
import { barePairs, pairsSuite, startUsersServer, summary, timed } from './support/usersServer.mjs';

const args = process.argv.slice(2);
const rounds = Number(args.find((arg) => /^\d+$/.test(arg)) ?? 41);
const speedOnly = args.includes('--speed-only');
const TARGET = 1.1;
const { work, path: corePath } = await bundleForBench('core/src/index.ts', 'core');
const require = createRequire(import.meta.url);
const core = require(corePath);
const { request } = require('undici');

// The target: a tiny users API in its own process, so it does not share our event loop.
const server = await startUsersServer();
const { baseUrl } = server;

const PAIRS = 500;
const doc = core.parseSuite(pairsSuite(baseUrl, PAIRS), join(work, 'bench.bluebook.yaml'));

const bluebookRun = (keepRecords) => async () => {
  const result = await core.runSuite(doc, keepRecords ? { keepRecords } : {});
  if (result.outcome !== 'passed')
    throw new Error(
      `bench suite did not pass: ${JSON.stringify(result.tests[0]?.steps.find((s) => s.outcome !== 'passed'))}`,
    );
};

const contenders = [
  ['bare undici loop', () => barePairs(request, baseUrl, PAIRS)],
  ['bluebook runSuite', bluebookRun(undefined)],
  ["  (keepRecords 'all')", bluebookRun('all')],
];
for (const [, fn] of contenders) await fn(); // warm-up: JIT and connections for each
const times = contenders.map(() => []);
for (let round = 0; round < rounds; round++)
  for (let turn = 0; turn < contenders.length; turn++) {
    const index = (round + turn) % contenders.length;
    times[index].push(await timed(contenders[index][1]));
  }
console.log(`runner: ${PAIRS} × (POST, capture id, GET, 2 expectations), ${rounds} rounds, rotating order`);
console.log('                         median wall  CPU (this process)   ratio to bare: median (spread)');
for (const [index, [name]] of contenders.entries()) {
  const wall = summary(times[index].map((time) => time.wall));
  const cpu = summary(times[index].map((time) => time.cpu));
  let line = `  ${name.padEnd(22)} ${wall.median.toFixed(0).padStart(6)} ms ${cpu.median.toFixed(0).padStart(8)} ms`;
  if (index > 0) {
    const ratio = (key) => summary(times[index].map((time, round) => time[key] / times[0][round][key]));
    const [w, c] = [ratio('wall'), ratio('cpu')];
    line += `      ${w.median.toFixed(2)}× wall (${w.low.toFixed(2)}–${w.high.toFixed(2)}), ${c.median.toFixed(2)}× CPU (${c.low.toFixed(2)}–${c.high.toFixed(2)})`;
  }
  console.log(line);
}
const ratio = summary(times[1].map((time, round) => time.wall / times[0][round].wall));
console.log(
  `  ratio (default)        ${ratio.median.toFixed(2)}× median, ${ratio.low.toFixed(2)}–${ratio.high.toFixed(2)} (target ≤ ${TARGET}×) ${ratio.median <= TARGET ? 'OK' : 'OVER TARGET'}`,
);

if (speedOnly) {
  server.stop();
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

server.stop();
await core.closeSharedAgent();
