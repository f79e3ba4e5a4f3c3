// CLI start-up benchmark (SPEC §6: ≤ 250 ms wall from process start to exit for a one-request
// suite). Spawns the built `dist/cli.js run` on a one-request suite against a local server in a
// child process, sequentially, and reports the median and p90 wall time, with `node -e 0` (the
// floor no Node CLI can beat) and `bluebook --version` (bundle load only) for comparison.
// Usage: npm run bench   (or: node bench/cli-startup.bench.mjs [runs])   — build first.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

const runs = Number(process.argv[2] ?? 25);
const cli = resolve('dist/cli.js');
if (!existsSync(cli)) {
  console.error('dist/cli.js is missing: run `npm run build` first');
  process.exit(1);
}
const TARGET_MS = 250;

// The target server lives in its own process so this one's timing loop never delays answers.
const server = spawn(
  process.execPath,
  [
    '-e',
    "const s=require('http').createServer((q,r)=>r.end('ok')).listen(0,'127.0.0.1',()=>console.log(s.address().port))",
  ],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
const port = await new Promise((done) =>
  server.stdout.once('data', (chunk) => done(Number(String(chunk).trim()))),
);
const work = mkdtempSync(join(tmpdir(), 'bluebook-startup-'));
writeFileSync(
  join(work, 'one.bluebook.yaml'),
  `tests:\n  one:\n    steps:\n      - GET: http://127.0.0.1:${port}/\n        expect:\n          status: 200\n`,
);

function time(args) {
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd: work, stdio: 'ignore' });
    child.on('error', fail);
    child.on('exit', (code) => done({ ms: performance.now() - started, code }));
  });
}

async function measure(label, args, expectCode = 0) {
  for (let i = 0; i < 3; i++) await time(args); // warm the file cache
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const { ms, code } = await time(args);
    if (code !== expectCode) throw new Error(`${label}: exit code ${code}, expected ${expectCode}`);
    samples.push(ms);
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)];
  const p90 = samples[Math.floor(samples.length * 0.9)];
  console.log(
    `${label.padEnd(34)} median ${median.toFixed(0).padStart(4)} ms   p90 ${p90.toFixed(0).padStart(4)} ms`,
  );
  return median;
}

try {
  console.log(`CLI start-up, ${runs} runs each (${process.version}, ${process.platform})`);
  const floor = await measure('node -e 0', ['-e', '0']);
  await measure('bluebook --version', [cli, '--version']);
  const run = await measure('bluebook run (one request)', [cli, 'run', 'one.bluebook.yaml']);
  const verdict = run <= TARGET_MS ? 'meets' : 'MISSES';
  console.log(
    `one-request run: ${run.toFixed(0)} ms median (${(run - floor).toFixed(0)} ms above bare node) — ${verdict} the ${TARGET_MS} ms target`,
  );
} finally {
  server.kill();
  rmSync(work, { recursive: true, force: true });
}
