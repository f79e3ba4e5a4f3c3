// OpenAPI contract overhead (SPEC §11): the runner bench's 500 × (POST, capture id, GET,
// 2 expectations) run with and without a document declaring both operations, alternated in the
// same process against a local server in a child process. The document is loaded once (one
// ContractLoader for every round, as the CLI shares one across a run's suites).
// Usage: node bench/openapi-run.bench.mjs [rounds]
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { bundleForBench } from './support/bundle.mjs';

const rounds = Number(process.argv.slice(2).find((arg) => /^\d+$/.test(arg)) ?? 9);
const { work, path: corePath } = await bundleForBench(
  {
    stdin: {
      contents:
        "export * from './core/src/index.ts';\nexport { ContractLoader } from './core/src/openapi/load.ts';\n",
      resolveDir: process.cwd(),
      loader: 'ts',
    },
  },
  'openapi-run',
);
const core = createRequire(import.meta.url)(corePath);

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

const openapi = join(work, 'openapi.yaml');
writeFileSync(
  openapi,
  `openapi: 3.1.0
info: { title: bench, version: "1" }
paths:
  /users:
    post:
      responses:
        "201": { description: created, content: { application/json: { schema: { $ref: "#/components/schemas/User" } } } }
  /users/{id}:
    get:
      parameters: [{ name: id, in: path, required: true, schema: { type: integer } }]
      responses:
        "200": { description: the user, content: { application/json: { schema: { $ref: "#/components/schemas/User" } } } }
        "404": { description: none, content: { application/json: { schema: { type: object, required: [title] } } } }
components:
  schemas:
    User:
      type: object
      required: [id, name]
      properties: { id: { type: integer, minimum: 1 }, name: { type: string, minLength: 1 } }
`,
);

const PAIRS = 500;
let suiteText = `baseUrl: http://127.0.0.1:${port}\ntests:\n  crud:\n    steps:\n`;
for (let i = 0; i < PAIRS; i++) {
  suiteText += `      - POST: /users\n        json: { name: user${i} }\n        expect: { status: 201 }\n        capture: { id: $.id }\n`;
  suiteText += `      - GET: /users/\${id}\n        expect:\n          status: 200\n          json:\n            $.id: \${id}\n`;
}
const doc = core.parseSuite(suiteText, join(work, 'bench.bluebook.yaml'));
const contracts = new core.ContractLoader();

const run = (options, expectChecks) => async () => {
  const result = await core.runSuite(doc, options);
  if (result.outcome !== 'passed')
    throw new Error(`bench suite did not pass: ${result.error?.message ?? ''}`);
  const checks = result.tests[0].steps.filter((step) =>
    step.expectations.some((item) => item.kind === 'openapi'),
  );
  if (checks.length !== (expectChecks ? 2 * PAIRS : 0)) throw new Error(`${checks.length} steps checked`);
};

async function timed(fn) {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await fn();
  const used = process.cpuUsage(cpu);
  return { wall: performance.now() - started, cpu: (used.user + used.system) / 1000 };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const contenders = [
  ['without openapi', run({}, false)],
  ['with openapi', run({ openapi, contracts }, true)],
];
for (const [, fn] of contenders) await fn();
const times = contenders.map(() => []);
// Alternated, in turn first: a burst of load on the machine hits both alike.
for (let round = 0; round < rounds; round++)
  for (const index of round % 2 === 0 ? [0, 1] : [1, 0]) times[index].push(await timed(contenders[index][1]));
const wall = times.map((list) => median(list.map((item) => item.wall)));
const cpu = times.map((list) => median(list.map((item) => item.cpu)));
console.log(
  `openapi contract: ${PAIRS} × (POST, capture id, GET, 2 expectations), median of ${rounds} rounds`,
);
console.log('                       wall      CPU of this process');
for (const [index, [name]] of contenders.entries())
  console.log(
    `  ${name.padEnd(20)} ${wall[index].toFixed(0).padStart(4)} ms  ${cpu[index].toFixed(0).padStart(4)} ms`,
  );
const overhead = wall[1] / wall[0] - 1;
console.log(
  `  overhead             ${(overhead * 100).toFixed(1)}% wall, ${((cpu[1] / cpu[0] - 1) * 100).toFixed(1)}% CPU (target ≤ 10%) ${overhead <= 0.1 ? 'OK' : 'OVER TARGET'}`,
);

server.kill();
await core.closeSharedAgent();
