// OpenAPI contract overhead (SPEC §11): the runner bench's 500 × (POST, capture id, GET,
// 2 expectations) run with and without a document declaring both operations, alternated in the
// same process against a local server in a child process. The document is loaded once (one
// ContractLoader for every round, as the CLI shares one across a run's suites).
// Usage: node bench/openapi-run.bench.mjs [rounds]
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { bundleForBench } from './support/bundle.mjs';
import { pairsSuite, startUsersServer, timed } from './support/usersServer.mjs';

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

const server = await startUsersServer();

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
const doc = core.parseSuite(pairsSuite(server.baseUrl, PAIRS), join(work, 'bench.bluebook.yaml'));
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

server.stop();
await core.closeSharedAgent();
