// Mock providers (SPEC §9): loading a large OpenAPI document, answering through `openapi:` and
// `resources:` in process (no HTTP, so the numbers are the providers' own cost), and the
// recording proxy's rewrite of its file as routes accumulate.
// Usage: node bench/mock-providers.bench.mjs
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { bundleForBench } from './support/bundle.mjs';

const source = `
export { openApiRoutes } from './core/src/mock/openapi.ts';
export { resourceRoutes } from './core/src/mock/resources.ts';
export { Recorder } from './core/src/mock/record.ts';`;
const { work, path } = await bundleForBench(
  { stdin: { contents: source, resolveDir: process.cwd(), loader: 'ts' } },
  'mock-providers',
);
const { openApiRoutes, resourceRoutes, Recorder } = createRequire(import.meta.url)(path);

const OPERATIONS = 400;
const thing = {
  type: 'object',
  required: ['id', 'name'],
  properties: {
    id: { type: 'integer', minimum: 1 },
    name: { type: 'string', maxLength: 50 },
    tags: { type: 'array', items: { type: 'string' } },
    owner: { type: 'object', properties: { email: { type: 'string', format: 'email' } } },
  },
};
const paths = {};
for (let i = 0; i < OPERATIONS / 2; i++) {
  const id = { name: 'id', in: 'path', required: true, schema: { type: 'integer' } };
  const json = { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } };
  paths[`/things${i}/{id}`] = {
    get: {
      parameters: [id, { name: 'q', in: 'query', schema: { type: 'string' } }],
      responses: { 200: { description: 'a thing', content: json } },
    },
    put: {
      parameters: [id],
      requestBody: { required: true, content: json },
      responses: { 200: { description: 'a thing', content: json } },
    },
  };
}
const docPath = join(work, 'openapi.json');
writeFileSync(
  docPath,
  JSON.stringify({
    openapi: '3.0.3',
    info: { title: 'bench', version: '1' },
    paths,
    components: { schemas: { Thing: thing } },
  }),
);

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const p99 = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.99)];
const request = (method, url, json) => ({
  method,
  path: url,
  query: {},
  headers: json === undefined ? {} : { 'content-type': 'application/json' },
  body: Buffer.from(json === undefined ? '' : JSON.stringify(json)),
  json,
});

async function throughput(label, routes, make, count = 20_000) {
  for (let i = 0; i < 500; i++) await routes.handle(make(i), []);
  const times = [];
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    const reply = await routes.handle(make(i), []);
    times.push(performance.now() - t);
    if (!reply || reply.status >= 400) throw new Error(`${label}: ${JSON.stringify(reply)}`);
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `${label.padEnd(52)} ${Math.round(count / seconds)
      .toLocaleString('en-US')
      .padStart(8)} req/s   p99 ${(p99(times) * 1000).toFixed(0)} µs`,
  );
}

const loads = [];
let routes;
for (let i = 0; i < 3; i++) {
  const started = performance.now();
  routes = await openApiRoutes(docPath);
  loads.push(performance.now() - started);
}
console.log(
  `openapi: load + validate + compile, ${OPERATIONS} operations: first ${loads[0].toFixed(0)} ms, median ${median(loads).toFixed(0)} ms (of 3)`,
);
await throughput('openapi GET (last path, generated body, query checked)', routes, (i) => ({
  ...request('GET', `/things${OPERATIONS / 2 - 1}/${i + 1}`),
  query: { q: 'x' },
}));
await throughput('openapi PUT (first path, body validated)', routes, (i) =>
  request('PUT', `/things0/${i + 1}`, { id: i + 1, name: 'n', tags: ['a'] }),
);

const users = resourceRoutes({ name: 'users', path: '/users', idField: 'id' });
await throughput('resources POST /users', users, (i) => request('POST', '/users', { name: `u${i}` }));
await throughput('resources GET /users/:id', users, (i) => request('GET', `/users/${(i % 1000) + 1}`));

const body = Buffer.from(
  JSON.stringify({ items: Array.from({ length: 20 }, (_, i) => ({ id: i, name: `item ${i}` })) }),
);
for (const [label, url] of [
  ['1,000 requests, 1,000 routes', (i) => `/items/${i}`],
  ['1,000 requests, one route (a 1,000-response sequence)', () => '/poll'],
]) {
  const recorder = new Recorder({ name: 'bench', target: 'http://127.0.0.1:1', filesDir: 'bench.files' });
  let last = 0;
  const started = performance.now();
  for (let i = 0; i < 1000; i++) {
    recorder.add({
      method: 'GET',
      url: url(i),
      requestHeaders: { authorization: 'Bearer abcdef123' },
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: Buffer.from(body.toString().replace('item 0', `item ${i}`)),
    });
    const t = performance.now();
    recorder.recording();
    last = performance.now() - t;
  }
  console.log(
    `record: ${label.padEnd(54)} ${(performance.now() - started).toFixed(0)} ms in all, last rewrite ${last.toFixed(1)} ms`,
  );
}
