// Scripts benchmark (SPEC §8): a 500-step suite whose every step has a `script.after` and one
// `${{ }}` expression vs the same suite without them, through the engine, against a local server
// in a child process. Target: ≤ 2× in one run.
// Usage: npm run bench   (or: node bench/scripts-run.bench.mjs [rounds])
import { spawn } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { bundleForBench } from './support/bundle.mjs';

const rounds = Number(process.argv.slice(2).find((arg) => /^\d+$/.test(arg)) ?? 7);
const { work, path: corePath } = await bundleForBench('core/src/index.ts', 'scripts');
const require = createRequire(import.meta.url);
copyFileSync(require.resolve('@jitl/quickjs-wasmfile-release-sync/wasm'), join(work, 'quickjs.wasm'));
const core = require(corePath);

const serverSource = `
require('node:http').createServer((req, res) => { req.resume(); req.on('end', () => {
  res.writeHead(200, { 'content-type': 'application/json' }); res.end(JSON.stringify({ id: 7, items: [1, 2, 3] }));
}); }).listen(0, '127.0.0.1', function () { process.stdout.write(String(this.address().port) + '\\n'); });`;
const server = spawn(process.execPath, ['-e', serverSource], { stdio: ['ignore', 'pipe', 'inherit'] });
const port = await new Promise((resolve) =>
  server.stdout.once('data', (data) => resolve(Number(String(data).trim()))),
);

const STEPS = 500;
function suite(scripted) {
  let text = `baseUrl: http://127.0.0.1:${port}\nvariables: { expectedId: 7 }\ntests:\n  t:\n    steps:\n`;
  for (let i = 0; i < STEPS; i++) {
    text += `      - GET: /items/${i}\n        expect:\n          status: 200\n`;
    text += scripted
      ? `          json: { $.id: "\${{ expectedId }}" }\n        script:\n          after: "vars.set('count', response.json.items.length)"\n`
      : `          json: { $.id: "\${expectedId}" }\n        capture: { count: $.id }\n`;
  }
  return core.parseSuite(text, join(work, `${scripted ? 'scripted' : 'plain'}.bluebook.yaml`));
}
const plain = suite(false);
const scripted = suite(true);

const run = (doc) => async () => {
  const result = await core.runSuite(doc);
  if (result.outcome !== 'passed')
    throw new Error(
      `bench suite did not pass: ${JSON.stringify(result.error ?? result.tests[0]?.steps.find((s) => s.outcome !== 'passed'))}`,
    );
};
const contenders = [
  ['without scripts', run(plain)],
  ['after script + ${{ }}', run(scripted)],
];
for (const [, fn] of contenders) await fn(); // warm-up (and loads the sandbox once)
const times = contenders.map(() => []);
for (let round = 0; round < rounds; round++)
  for (const [index, [, fn]] of contenders.entries()) {
    const started = performance.now();
    await fn();
    times[index].push(performance.now() - started);
  }
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const wall = times.map(median);
console.log(
  `scripts: ${STEPS} steps, each with a script.after and one \${{ }} vs none, median of ${rounds} rounds`,
);
for (const [index, [name]] of contenders.entries())
  console.log(`  ${name.padEnd(24)} ${wall[index].toFixed(0).padStart(5)} ms`);
const ratio = wall[1] / wall[0];
console.log(
  `  ratio                    ${ratio.toFixed(2)}× (target ≤ 2×) ${ratio <= 2 ? 'OK' : 'OVER TARGET'}`,
);
server.kill();
await core.closeSharedAgent();
process.exit(0);
