// Services benchmark (SPEC §10): start-up overhead of `startServices` beyond the service's own
// readiness. The service is ready the moment it prints a line; its own time is measured by
// spawning the same command through the shell with plain `child_process.spawn` and waiting for
// that line. Overhead = median(startServices → ready) − median(spawn → line). Target: ≤ 100 ms.
// Also reported: readiness by `ready.url` (polled) for the same kind of service.
// Usage: npm run bench   (or: node bench/services.bench.mjs [rounds])
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { join, resolve } from 'node:path';
import { bundleForBench } from './support/bundle.mjs';

const rounds = Number(process.argv.slice(2).find((arg) => /^\d+$/.test(arg)) ?? 15);
const root = resolve(import.meta.dirname, '..');
const { work, path } = await bundleForBench(
  {
    stdin: {
      contents:
        "export { parseConfig } from './core/src/config.ts';\nexport { startServices } from './core/src/services/index.ts';",
      resolveDir: root,
      loader: 'ts',
    },
  },
  'services',
);
const { parseConfig, startServices } = createRequire(import.meta.url)(path);

const printer = join(work, 'ready.cjs');
writeFileSync(
  printer,
  "const http = require('node:http');\n" +
    "if (process.env.PORT) http.createServer((q, r) => r.end('ok')).listen(Number(process.env.PORT), '127.0.0.1', () => console.log('ready'));\n" +
    "else { console.log('ready'); setInterval(() => {}, 1e6); }\n",
);
const command = `"${process.execPath}" "${printer}"`;

/** spawn → the first line on stdout, through the shell, as a service is started. */
function ownReadiness(env = {}) {
  return new Promise((done) => {
    const started = performance.now();
    const child = spawn(command, {
      shell: true,
      detached: true,
      stdio: ['ignore', 'pipe', 'ignore'],
      env: { ...process.env, ...env },
    });
    child.stdout.once('data', () => {
      const ms = performance.now() - started;
      process.kill(-child.pid, 'SIGKILL');
      child.once('exit', () => done(ms));
    });
  });
}

function config(ready, usePort) {
  const text = `services:\n  s:\n    command: '${command}'\n${usePort ? '    env: { PORT: "${port}" }\n' : ''}    ready: ${ready}\n`;
  return parseConfig(text, join(work, 'bluebook.config.yaml'));
}

async function viaServices(project) {
  const started = performance.now();
  const running = await startServices(project, ['s'], { logDir: join(work, 'logs') });
  const ms = performance.now() - started;
  await running.stop();
  return ms;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const byOutput = config('{ output: "^ready$" }', false);
const byUrl = config('{ url: "http://127.0.0.1:${port}/" }', true);
const own = [];
const output = [];
const ownServer = [];
const url = [];
await viaServices(byOutput); // warm-up: module loading, first spawn
// Alternate which goes first so neither always runs right after the other's clean-up.
for (let round = 0; round < rounds; round++) {
  const pairs = [
    async () => own.push(await ownReadiness()),
    async () => output.push(await viaServices(byOutput)),
    async () => ownServer.push(await ownReadiness({ PORT: '0' })),
    async () => url.push(await viaServices(byUrl)),
  ];
  const order = round % 2 === 0 ? [0, 1, 2, 3] : [1, 0, 3, 2];
  for (const index of order) await pairs[index]();
}
const fmt = (ms) => `${ms.toFixed(1)} ms`;
const overhead = median(output) - median(own);
console.log(`services start-up, median of ${rounds}:`);
console.log(
  `  ready by output: own ${fmt(median(own))}, startServices ${fmt(median(output))} → overhead ${fmt(overhead)} (target ≤ 100 ms)`,
);
console.log(
  `  ready by url:    own ${fmt(median(ownServer))}, startServices ${fmt(median(url))} → overhead ${fmt(median(url) - median(ownServer))} (polled every 20 ms)`,
);
process.exitCode = overhead <= 100 ? 0 : 1;
