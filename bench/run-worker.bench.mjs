// Runner process benchmark: what running a suite in a child process (dist/run-worker.js, one per
// Test Explorer run) costs against the old in-process run, and how long cancel takes to end a run.
//   1. a one-request suite: time to the first run event and to the result, in process vs forked;
//   2. cancel of a run waiting on a server that never answers (the runner aborts and exits);
//   3. cancel of a run stuck in CPU-bound work (the runner cannot listen: killed after 1 s).
// Usage: node scripts/build.mjs && node bench/run-worker.bench.mjs [rounds]
import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { bundleForBench } from './support/bundle.mjs';
/* global AbortController */

const rounds = Number(process.argv.slice(2).find((arg) => /^\d+$/.test(arg)) ?? 15);
const workerPath = resolve('dist/run-worker.js');
const { work, path: libPath } = await bundleForBench(
  {
    stdin: {
      contents:
        "export * from './core/src/index.ts'; export { RunnerProcess } from './client/src/testing/runnerProcess.ts';",
      resolveDir: resolve('.'),
      loader: 'ts',
    },
  },
  'lib',
);
const { parseSuite, runSuite, RunnerProcess } = createRequire(import.meta.url)(libPath);

// One server in this process: `/ok` answers at once, `/never` never, `/rows` a large JSON document.
const rows = Array.from({ length: 20_000 }, (_, i) => ({ id: i, name: `n${i}`, tags: ['a', 'b'] }));
const big = Buffer.from(JSON.stringify({ items: rows }));
let rowsServed = () => {};
const server = createServer((req, res) => {
  if (req.url === '/never') return;
  if (req.url === '/rows') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(big, () => rowsServed());
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end('{"ok":true}');
});
await new Promise((done) => server.listen(0, '127.0.0.1', done));
const baseUrl = `http://127.0.0.1:${server.address().port}`;

const suite = (steps) =>
  parseSuite(`baseUrl: ${baseUrl}\ntests:\n  t:\n    steps:\n${steps}`, join(work, 's.bluebook.yaml'));
const one = suite('      - GET: /ok\n        expect: { status: 200 }\n');
const never = suite('      - GET: /never\n        timeout: 10m\n');
const heavyExpectations = Array.from(
  { length: 400 },
  (_, i) => `            $..*[?@ == ${i}]: { length: ${i} }`,
);
const heavy = suite(
  `      - GET: /rows\n        expect:\n          json:\n${heavyExpectations.join('\n')}\n`,
);

const spawn = () => fork(workerPath, [], { execArgv: [], silent: true });

async function inProcess() {
  const started = performance.now();
  let first;
  await runSuite(one, { keepRecords: 'all', onEvent: () => (first ??= performance.now() - started) });
  return { first, total: performance.now() - started };
}

async function forked() {
  const started = performance.now();
  let first;
  const runner = new RunnerProcess({ spawn });
  await runner.run(one, { keepRecords: 'all', onEvent: () => (first ??= performance.now() - started) });
  const total = performance.now() - started;
  await runner.close();
  return { first, total, closed: performance.now() - started };
}

/** Cancels once `ready` resolves; ms from cancel to the run's end and to the process's exit. */
async function cancelled(doc, ready) {
  const runner = new RunnerProcess({ spawn });
  const abort = new AbortController();
  const running = runner.run(doc, { signal: abort.signal }).then(
    (result) => result.outcome,
    (error) => error.message,
  );
  await ready();
  const at = performance.now();
  abort.abort();
  const outcome = await running;
  const ended = performance.now() - at;
  await runner.close();
  return { ended, exited: performance.now() - at, outcome };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const fmt = (ms) => `${ms.toFixed(1)} ms`;

await inProcess(); // warm the in-process engine: the extension host had it loaded already
const old = [];
const fresh = [];
for (let i = 0; i < rounds; i++) {
  old.push(await inProcess());
  fresh.push(await forked());
}
console.log(`one-request suite, median of ${rounds}:`);
console.log(
  `  in process (old):  first event ${fmt(median(old.map((r) => r.first)))}, result ${fmt(median(old.map((r) => r.total)))}`,
);
console.log(
  `  runner process:    first event ${fmt(median(fresh.map((r) => r.first)))}, result ${fmt(median(fresh.map((r) => r.total)))}, exited ${fmt(median(fresh.map((r) => r.closed)))}`,
);

const waiting = [];
for (let i = 0; i < 5; i++)
  waiting.push(await cancelled(never, () => new Promise((r) => setTimeout(r, 300))));
console.log(
  `cancel, request never answered (median of 5): run ended ${fmt(median(waiting.map((r) => r.ended)))}, process exited ${fmt(median(waiting.map((r) => r.exited)))} (${waiting[0].outcome})`,
);
const stuck = [];
for (let i = 0; i < 3; i++) {
  const served = new Promise((r) => (rowsServed = r));
  stuck.push(await cancelled(heavy, () => served.then(() => new Promise((r) => setTimeout(r, 300)))));
}
console.log(
  `cancel, CPU-bound suite (median of 3): run ended ${fmt(median(stuck.map((r) => r.ended)))}, process exited ${fmt(median(stuck.map((r) => r.exited)))} (${stuck[0].outcome})`,
);
server.close();
