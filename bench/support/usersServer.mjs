// The runner benchmarks' target: a tiny users API (POST /users → 201 with an id, GET /users/:id)
// in its own process, so it does not share the measuring process's event loop.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

const source = `
const http = require('node:http'); let next = 1; const users = new Map();
http.createServer((req, res) => { const chunks = []; req.on('data', (c) => chunks.push(c)); req.on('end', () => {
  if (req.method === 'POST') { const user = { ...JSON.parse(Buffer.concat(chunks).toString() || '{}'), id: next++ }; users.set(user.id, user);
    res.writeHead(201, { 'content-type': 'application/json' }); return res.end(JSON.stringify(user)); }
  const user = users.get(Number(req.url.split('/').pop()));
  res.writeHead(user ? 200 : 404, { 'content-type': 'application/json' }); res.end(JSON.stringify(user ?? { title: 'Not Found' }));
}); }).listen(0, '127.0.0.1', function () { process.stdout.write(String(this.address().port) + '\\n'); });`;

/** Starts the server; resolves to its base URL and a `stop()`. */
export async function startUsersServer() {
  const server = spawn(process.execPath, ['-e', source], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise((resolve) =>
    server.stdout.once('data', (data) => resolve(Number(String(data).trim()))),
  );
  return { baseUrl: `http://127.0.0.1:${port}`, stop: () => server.kill() };
}

/** `pairs` × (POST a user, capture its id, GET it, 2 expectations) as one test of a suite. */
export function pairsSuite(baseUrl, pairs) {
  let text = `baseUrl: ${baseUrl}\ntests:\n  crud:\n    steps:\n`;
  for (let i = 0; i < pairs; i++) {
    text += `      - POST: /users\n        json: { name: user${i} }\n        expect: { status: 201 }\n        capture: { id: $.id }\n`;
    text += `      - GET: /users/\${id}\n        expect:\n          status: 200\n          json:\n            $.id: \${id}\n`;
  }
  return text;
}

/**
 * The same work without Bluebook, with undici's `request`: send, parse the JSON body, read the
 * captured id, check the status of both responses and one field.
 */
export async function barePairs(request, baseUrl, pairs) {
  for (let i = 0; i < pairs; i++) {
    const created = await request(`${baseUrl}/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: `user${i}` }),
    });
    const { id } = await created.body.json();
    if (created.statusCode !== 201) throw new Error('bare POST failed');
    const read = await request(`${baseUrl}/users/${id}`);
    const user = await read.body.json();
    if (read.statusCode !== 200 || user.id !== id) throw new Error('bare GET failed');
  }
}

/** Median and spread (lowest, highest) of a list of numbers. */
export function summary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], low: sorted[0], high: sorted[sorted.length - 1] };
}

/** Wall and CPU time (user + system, this process) of one call. */
export async function timed(fn) {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await fn();
  const used = process.cpuUsage(cpu);
  return { wall: performance.now() - started, cpu: (used.user + used.system) / 1000 };
}
