// Script sandbox benchmark (SPEC §8, core/src/script): the cold load of QuickJS's WebAssembly,
// the per-evaluation cost of a simple `${{ }}` expression and of a simple `after` script, and the
// host's peak RSS over 100 rogue evaluations (endless loops, memory bombs, deep recursion).
// The module is bundled as scripts/build.mjs bundles it, with quickjs.wasm copied next to it.
// Usage: node bench/script.bench.mjs [evaluations] [rogue evaluations]
import { copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { bundleForBench } from './support/bundle.mjs';

const evaluations = Number(process.argv[2] ?? 5000);
const rogueCount = Number(process.argv[3] ?? 100);
const { work, path: bundle } = await bundleForBench('core/src/script/index.ts', 'script');
const require = createRequire(import.meta.url);
copyFileSync(require.resolve('@jitl/quickjs-wasmfile-release-sync/wasm'), join(work, 'quickjs.wasm'));

let started = performance.now();
const script = require(bundle);
const requireMs = performance.now() - started;
started = performance.now();
const sandbox = await script.loadSandbox();
const loadMs = performance.now() - started;
started = performance.now();
await sandbox.evaluateExpression('1 + 1');
const firstMs = performance.now() - started;

const vars = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`var${i}`, `value ${i}`]));
const response = {
  status: 200,
  headers: { 'content-type': 'application/json', 'content-length': '64' },
  json: { id: 17, name: 'Ann', items: [{ price: 2 }, { price: 3 }] },
  text: '{"id":17,"name":"Ann","items":[{"price":2},{"price":3}]}',
  duration: 3,
};

async function perEvaluation(run) {
  for (let i = 0; i < 200; i++) await run();
  const start = performance.now();
  for (let i = 0; i < evaluations; i++) await run();
  return ((performance.now() - start) / evaluations) * 1000;
}

const expressionUs = await perEvaluation(async () => {
  const result = await sandbox.evaluateExpression(
    'response.json.items.length + var1.length',
    vars,
    {},
    response,
  );
  if (!result.ok) throw new Error(result.error.message);
});
const scriptUs = await perEvaluation(async () => {
  const result = await sandbox.runScript(
    'vars.set("userId", response.json.id);\ncheck("status is 200", response.status === 200);',
    { vars, response },
  );
  if (!result.ok) throw new Error(result.error.message);
});

const rogues = [
  ['while (true) {}', { timeoutMs: 50 }],
  ['let s = "x"; while (true) s = s.repeat(2);', {}],
  ['const a = []; while (true) a.push({ n: a.length });', {}],
  ['function f() { return f() + 1; } f();', {}],
  ['throw 42', {}],
];
let peakRss = process.memoryUsage().rss;
const rssBefore = peakRss;
started = performance.now();
for (let i = 0; i < rogueCount; i++) {
  const [source, limits] = rogues[i % rogues.length];
  const result = await sandbox.runScript(source, {}, limits);
  if (result.ok) throw new Error(`rogue script succeeded: ${source}`);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}
const rogueMs = performance.now() - started;
const after = await sandbox.evaluateExpression('n * 2', { n: 21 });
if (!after.ok || after.value !== 42) throw new Error('the sandbox does not work after the rogue scripts');
globalThis.gc?.();
const rssAfter = process.memoryUsage().rss;

const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
console.log(`bundle require           ${requireMs.toFixed(1)} ms (QuickJS not initialised)`);
console.log(`cold load (compile wasm) ${loadMs.toFixed(1)} ms, first evaluation ${firstMs.toFixed(1)} ms`);
console.log(`expression               ${expressionUs.toFixed(0)} µs per evaluation (${evaluations} runs)`);
console.log(`after script             ${scriptUs.toFixed(0)} µs per evaluation (${evaluations} runs)`);
console.log(
  `${rogueCount} rogue evaluations    ${rogueMs.toFixed(0)} ms; RSS before ${mb(rssBefore)}, peak ${mb(peakRss)}, after ${mb(rssAfter)}`,
);
