// Mock server benchmark (issue 10: ≥ 5,000 requests/s with p99 ≤ 5 ms, one matched route served
// sequentially from one process). Starts `dist/cli.js mock` on a one-route mock file and a bare
// node:http server answering the same body, each in its own process, then sends N requests one
// after the other over one keep-alive connection to each (after a warm-up, in alternating
// rounds), and reports requests/s and p50/p99 latency side by side.
// Usage: npm run bench   (or: node bench/mock.bench.mjs [requests])   — build first.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

const requests = Number(process.argv[2] ?? 20_000);
const warmup = 2_000;
const cli = resolve('dist/cli.js');
if (!existsSync(cli)) {
  console.error('dist/cli.js is missing: run `npm run build` first');
  process.exit(1);
}
const TARGET_RPS = 5_000;
const TARGET_P99_MS = 5;
const BODY = JSON.stringify({ id: 'p-1', amount: 42, status: 'paid' });

const work = mkdtempSync(join(tmpdir(), 'bluebook-bench-mock-'));
writeFileSync(
  join(work, 'payments.mock.yaml'),
  `name: payments\nroutes:\n  - GET: /payments/:id\n    respond:\n      status: 200\n      json: ${BODY}\n`,
);

/** Starts a process and resolves with the first `http://…` URL it prints. */
function startServer(args) {
  const child = spawn(process.execPath, args, { cwd: work, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((done, fail) => {
    let text = '';
    const onData = (chunk) => {
      text += chunk;
      const url = /http:\/\/127\.0\.0\.1:\d+/.exec(text)?.[0];
      if (!url) return;
      // Keep reading (and dropping) its output: a full pipe would stall the server.
      child.stdout.off('data', onData).resume();
      done({ child, url });
    };
    child.stdout.setEncoding('utf8').on('data', onData);
    child.on('error', fail);
    child.on('exit', (code) => fail(new Error(`${args.join(' ')} exited with ${code}: ${text}`)));
  });
}

function get(url, agent) {
  return new Promise((done, fail) => {
    const req = request(url, { agent }, (res) => {
      let size = 0;
      res.on('data', (chunk) => (size += chunk.length));
      res.on('end', () =>
        res.statusCode === 200 && size === BODY.length
          ? done()
          : fail(new Error(`status ${res.statusCode}, ${size} bytes`)),
      );
    });
    req.on('error', fail);
    req.end();
  });
}

const ROUNDS = 4;

/** `count` sequential requests over `agent`, each one's latency pushed to `samples`. */
async function send(url, agent, count, samples) {
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    await get(url, agent);
    samples.push(performance.now() - t);
  }
}

/**
 * Both servers in alternating rounds (bare, mock, bare, mock, …), so a busy machine slows both
 * alike; requests/s is the requests over the time spent on each server.
 */
async function measure(targets) {
  const results = targets.map(({ label, base }) => ({
    label,
    url: `${base}/payments/p-1`,
    agent: new Agent({ keepAlive: true, maxSockets: 1 }),
    samples: [],
  }));
  for (const target of results) await send(target.url, target.agent, warmup, []);
  for (let round = 0; round < ROUNDS; round++)
    for (const target of results) await send(target.url, target.agent, requests / ROUNDS, target.samples);
  return results.map(({ label, agent, samples }) => {
    agent.destroy();
    const seconds = samples.reduce((sum, ms) => sum + ms, 0) / 1000;
    samples.sort((a, b) => a - b);
    const result = {
      rps: samples.length / seconds,
      p50: samples[Math.floor(samples.length * 0.5)],
      p99: samples[Math.floor(samples.length * 0.99)],
    };
    console.log(
      `${label.padEnd(28)} ${result.rps.toFixed(0).padStart(6)} req/s   p50 ${result.p50.toFixed(2)} ms   p99 ${result.p99.toFixed(2)} ms`,
    );
    return result;
  });
}

const servers = [];
try {
  console.log(
    `Mock server, ${requests} sequential requests on one keep-alive connection (${process.version}, ${process.platform})`,
  );
  const bare = await startServer([
    '-e',
    `const b=${JSON.stringify(BODY)};const s=require('http').createServer((q,r)=>{r.writeHead(200,{'content-type':'application/json','content-length':Buffer.byteLength(b)});r.end(b)}).listen(0,'127.0.0.1',()=>console.log('http://127.0.0.1:'+s.address().port))`,
  ]);
  servers.push(bare.child);
  const mock = await startServer([cli, 'mock', 'payments.mock.yaml']);
  servers.push(mock.child);
  const [, result] = await measure([
    { label: 'bare node:http', base: bare.url },
    { label: 'bluebook mock (one route)', base: mock.url },
  ]);
  const verdict = result.rps >= TARGET_RPS && result.p99 <= TARGET_P99_MS ? 'meets' : 'MISSES';
  console.log(`bluebook mock ${verdict} the target (≥ ${TARGET_RPS} req/s, p99 ≤ ${TARGET_P99_MS} ms)`);
} finally {
  for (const child of servers) {
    child.removeAllListeners('exit');
    child.kill();
  }
  rmSync(work, { recursive: true, force: true });
}
