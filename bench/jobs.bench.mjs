// `--jobs` benchmark (SPEC §6, scale): `bluebook run --jobs 8` over 8 suite files of 500 request
// pairs (POST, capture id, GET, 2 expectations) against the users server, vs a bare undici loop
// with 8 concurrent workers doing the same requests in this process. Two Bluebook figures, both
// in this process (neither side pays process start-up):
//   - the run: the engine's runSuite over the 8 parsed files, 8 at a time (what `--jobs 8` does
//     once every file is parsed);
//   - the command: the CLI's own `run --jobs 8` (discovery, parsing every file before anything
//     runs, projects, the default reporter writing to a sink).
// Each round runs all three in a rotating order; a ratio is that round's Bluebook throughput over
// the bare loop's, reported as median and spread (lowest–highest).
// Usage: node bench/jobs.bench.mjs [rounds]
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { bundleForBench } from './support/bundle.mjs';
import { barePairs, pairsSuite, startUsersServer, summary } from './support/usersServer.mjs';

const rounds = Number(process.argv.slice(2).find((arg) => /^\d+$/.test(arg)) ?? 21);
const JOBS = 8;
const PAIRS = 500;
const TARGET = 0.8;

const { work, path } = await bundleForBench(
  {
    stdin: {
      contents: [
        "export { runCommand } from './cli/src/run.ts';",
        "export { parseArgs } from './cli/src/args.ts';",
        "export { closeSharedAgent, parseSuiteToRun, runSuite } from './core/src/index.ts';",
        "export { createStyle } from './cli/src/terminal.ts';",
      ].join('\n'),
      resolveDir: resolve('.'),
      loader: 'ts',
    },
  },
  'jobs',
);
const require = createRequire(import.meta.url);
const { runCommand, parseArgs, closeSharedAgent, parseSuiteToRun, runSuite, createStyle } = require(path);
const { request } = require('undici');

const server = await startUsersServer();
const suites = join(work, 'suites');
mkdirSync(suites);
const docs = [];
for (let file = 0; file < JOBS; file++) {
  const path = join(suites, `pairs-${file}.bluebook.yaml`);
  const text = pairsSuite(server.baseUrl, PAIRS);
  writeFileSync(path, text);
  docs.push(parseSuiteToRun(text, path));
}

const sink = () => new Writable({ write: (_chunk, _encoding, done) => done() });
const problems = [];
const io = {
  cwd: work,
  env: { ...process.env, NO_COLOR: '1' },
  stdout: sink(),
  version: 'bench',
  stderrStyle: createStyle(false),
  error: (message) => problems.push(message),
  info: () => {},
  errorLines: (lines) => problems.push(...lines),
  onInterrupt: () => () => {},
};

async function engine() {
  const results = await Promise.all(docs.map((doc) => runSuite(doc)));
  const failed = results.find((result) => result.outcome !== 'passed');
  if (failed) throw new Error(`bench suite did not pass: ${JSON.stringify(failed).slice(0, 500)}`);
}
async function command() {
  const code = await runCommand(parseArgs(['run', '--jobs', String(JOBS), suites]), {
    ...io,
    stdout: sink(),
  });
  if (code !== 0) throw new Error(`bluebook run exited ${code}: ${problems.join('\n')}`);
}
async function bare() {
  await Promise.all(Array.from({ length: JOBS }, () => barePairs(request, server.baseUrl, PAIRS)));
}
async function timed(fn) {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

const contenders = [
  ['bare undici, 8 workers', bare],
  [`bluebook, the run`, engine],
  [`bluebook run --jobs ${JOBS}`, command],
];
try {
  for (const [, fn] of contenders) await fn(); // warm-up: JIT and connections for each
  const times = contenders.map(() => []);
  for (let round = 0; round < rounds; round++)
    for (let turn = 0; turn < contenders.length; turn++) {
      const index = (round + turn) % contenders.length;
      times[index].push(await timed(contenders[index][1]));
    }
  const requests = JOBS * PAIRS * 2;
  const rate = (ms) => Math.round(requests / (ms / 1000));
  console.log(
    `--jobs ${JOBS}: ${JOBS} files × ${PAIRS} pairs (${requests} requests), ${rounds} rounds, rotating order`,
  );
  for (const [index, [name]] of contenders.entries()) {
    const { median } = summary(times[index]);
    let line = `  ${name.padEnd(26)} median ${median.toFixed(0).padStart(5)} ms (${String(rate(median)).padStart(5)} req/s)`;
    if (index > 0) {
      const ratio = summary(times[index].map((ms, round) => times[0][round] / ms));
      line += `   throughput ${ratio.median.toFixed(2)}× bare (spread ${ratio.low.toFixed(2)}–${ratio.high.toFixed(2)})`;
      if (index === 2) line += `, target ≥ ${TARGET}×: ${ratio.median >= TARGET ? 'OK' : 'UNDER TARGET'}`;
    }
    console.log(line);
  }
  // What the command adds to the run: mostly parsing every file (the yaml package) before it starts.
  const texts = docs.map((doc) => doc.text);
  const parseMs = [];
  for (let i = 0; i < 3; i++)
    parseMs.push(
      await timed(async () => texts.forEach((text, n) => parseSuiteToRun(text, `${n}.bluebook.yaml`))),
    );
  const parse = summary(parseMs);
  console.log(`  parsing the ${JOBS} files alone        median ${parse.median.toFixed(0).padStart(5)} ms`);
} finally {
  server.stop();
  await closeSharedAgent();
}
