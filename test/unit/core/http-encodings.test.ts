// Compressed responses: decoded as they stream in; the body limit counts decoded bytes.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { brotliCompressSync, createGzip, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { decodersFor } from '../../../core/src/http/decode.js';
import { listenHttp, type Loopback } from './loopback.js';
import { run, step } from './helpers.js';

const PAYLOAD = JSON.stringify({ message: 'hello, compressed world', items: [1, 2, 3] });
const payload = Buffer.from(PAYLOAD);
const BOMB_BYTES = 200 * 1024 * 1024;

/** gzip of `size` zero bytes, made in 1 MB pieces (the test process never holds the whole). */
async function gzipOfZeros(size: number): Promise<Buffer> {
  const gzip = createGzip({ level: 9 });
  const parts: Buffer[] = [];
  gzip.on('data', (part: Buffer) => parts.push(part));
  const done = new Promise((resolve) => gzip.on('end', resolve));
  const zeros = Buffer.alloc(1024 * 1024);
  for (let written = 0; written < size; written += zeros.length)
    if (!gzip.write(zeros)) await new Promise((resolve) => gzip.once('drain', resolve));
  gzip.end();
  await done;
  return Buffer.concat(parts);
}

const routes = new Map<string, { encoding?: string; body: Buffer; status?: number }>([
  ['/gzip', { encoding: 'gzip', body: gzipSync(payload) }],
  ['/x-gzip', { encoding: 'x-gzip', body: gzipSync(payload) }],
  ['/deflate', { encoding: 'deflate', body: deflateSync(payload) }],
  ['/deflate-raw', { encoding: 'deflate', body: deflateRawSync(payload) }],
  ['/br', { encoding: 'br', body: brotliCompressSync(payload) }],
  ['/stacked', { encoding: 'gzip, br', body: brotliCompressSync(gzipSync(payload)) }],
  ['/upper', { encoding: 'GZIP', body: gzipSync(payload) }],
  ['/identity', { encoding: 'identity', body: payload }],
  ['/unknown', { encoding: 'x-custom', body: payload }],
  ['/unknown-stacked', { encoding: 'gzip, x-custom', body: gzipSync(payload) }],
  ['/corrupt', { encoding: 'gzip', body: Buffer.from('this is not gzip at all') }],
  ['/truncated', { encoding: 'gzip', body: gzipSync(payload).subarray(0, 20) }],
  ['/repetitive', { encoding: 'gzip', body: gzipSync(JSON.stringify({ pad: 'a'.repeat(10_000) })) }],
  ['/empty', { encoding: 'gzip', body: Buffer.alloc(0), status: 204 }],
]);

let server: Loopback;
const acceptEncodings: (string | undefined)[] = [];
before(async () => {
  routes.set('/bomb', { encoding: 'gzip', body: await gzipOfZeros(BOMB_BYTES) });
  server = await listenHttp((req, res) => {
    acceptEncodings.push(req.headers['accept-encoding']);
    const route = routes.get(req.url ?? '');
    if (!route) return void res.writeHead(404).end();
    res.writeHead(route.status ?? 200, {
      'content-type': 'application/json',
      ...(route.encoding ? { 'content-encoding': route.encoding } : {}),
    });
    res.end(req.method === 'HEAD' ? undefined : route.body);
  });
});
after(() => server.close());

const jsonStep = (path: string, method = 'GET'): string =>
  `tests:\n  t:\n    steps:\n      - ${method}: ${path}\n        expect:\n          status: 200\n          json:\n            $.message: 'hello, compressed world'\n            $.items[2]: 3\n`;

void describe('content encodings', () => {
  for (const path of [
    '/gzip',
    '/x-gzip',
    '/deflate',
    '/deflate-raw',
    '/br',
    '/stacked',
    '/upper',
    '/identity',
  ]) {
    void test(`${path} decodes to JSON the expectations read`, async () => {
      const { result } = await run(jsonStep(path), server.url);
      const only = step(result);
      assert.equal(only.outcome, 'passed', only.error?.message ?? JSON.stringify(only.expectations));
    });
  }

  void test('an unknown encoding leaves the bytes as they came', async () => {
    for (const path of ['/unknown', '/unknown-stacked']) {
      const { result } = await run(jsonStep(path), server.url);
      assert.equal(step(result).error, undefined, path);
      const expected = routes.get(path)?.body;
      assert.equal(step(result).response?.size, expected?.length, path);
    }
    assert.equal(step((await run(jsonStep('/unknown'), server.url)).result).outcome, 'passed');
  });

  void test('the record shows the decoded text and keeps the content-encoding header', async () => {
    const { result } = await run(jsonStep('/gzip'), server.url);
    const response = step(result).response;
    assert.equal(response?.headers['content-encoding'], 'gzip');
    assert.equal(response?.body, PAYLOAD);
    assert.equal(response?.size, payload.length);
  });

  void test('an empty body with a content-encoding is an empty body', async () => {
    const { result } = await run(
      `tests:\n  t:\n    steps:\n      - GET: /empty\n        expect: { status: 204 }\n      - HEAD: /gzip\n        expect: { status: 200 }\n`,
      server.url,
    );
    assert.deepEqual(
      result.tests[0].steps.map((s) => [s.outcome, s.response?.body]),
      [
        ['passed', ''],
        ['passed', ''],
      ],
    );
  });

  void test('a corrupt or truncated body is a clear error', async () => {
    const corrupt = step((await run(jsonStep('/corrupt'), server.url)).result);
    assert.equal(corrupt.outcome, 'errored');
    assert.match(
      corrupt.error?.message ?? '',
      /^could not decode the response body \(content-encoding: gzip\): /,
    );
    const truncated = step((await run(jsonStep('/truncated'), server.url)).result);
    assert.equal(truncated.outcome, 'errored');
    assert.match(
      truncated.error?.message ?? '',
      /^could not decode the response body \(content-encoding: gzip\): /,
    );
  });

  void test('accept-encoding is sent only when the suite sets it', async () => {
    acceptEncodings.length = 0;
    await run(
      `tests:\n  t:\n    steps:\n      - GET: /gzip\n      - GET: /br\n        headers: { accept-encoding: br }\n`,
      server.url,
    );
    assert.deepEqual(acceptEncodings, [undefined, 'br']);
  });
});

void describe('decompression bomb', () => {
  void test('200 MB of zeros in a small gzip stop at the body limit, decoded in bounded memory', async () => {
    const bomb = routes.get('/bomb')?.body;
    assert.ok(bomb && bomb.length < 1024 * 1024, `the bomb is small on the wire (${bomb?.length} bytes)`);
    const before = process.memoryUsage();
    let peak = 0;
    const sampler = setInterval(() => {
      const now = process.memoryUsage();
      peak = Math.max(peak, now.rss - before.rss, now.arrayBuffers - before.arrayBuffers);
    }, 5);
    const started = performance.now();
    const { result } = await run(jsonStep('/bomb'), server.url, { keepRecords: 'failures' });
    clearInterval(sampler);
    const now = process.memoryUsage();
    peak = Math.max(peak, now.rss - before.rss, now.arrayBuffers - before.arrayBuffers);
    assert.equal(step(result).outcome, 'errored');
    assert.equal(
      step(result).error?.message,
      'response body is larger than the 50 MB limit (maxBodyBytes) once decompressed (content-encoding: gzip); the rest was not read',
    );
    assert.ok(peak < 150 * 1024 * 1024, `memory grew by ${Math.round(peak / 1024 / 1024)} MB`);
    assert.ok(performance.now() - started < 10_000, 'stops without inflating everything');
  });

  void test('the limit counts decoded bytes also under a smaller maxBodyBytes', async () => {
    const { result } = await run(jsonStep('/repetitive'), server.url, { maxBodyBytes: 1000 });
    assert.equal(
      step(result).error?.message,
      'response body is larger than the 1000 bytes limit (maxBodyBytes) once decompressed (content-encoding: gzip); the rest was not read',
    );
  });
});

void describe('decodersFor', () => {
  /** Feeds `bytes` one byte at a time through the decoders of `encoding`. */
  async function decode(encoding: string, bytes: Buffer): Promise<string> {
    const decoders = decodersFor(encoding);
    assert.ok(decoders, encoding);
    for (let i = 1; i < decoders.length; i++) decoders[i - 1].pipe(decoders[i]);
    const parts: Buffer[] = [];
    const last = decoders[decoders.length - 1];
    last.on('data', (part: Buffer) => parts.push(part));
    const done = new Promise((resolve, reject) => {
      last.on('end', resolve);
      last.on('error', reject);
    });
    for (const byte of bytes) decoders[0].write(Buffer.from([byte]));
    decoders[0].end();
    await done;
    return Buffer.concat(parts).toString();
  }

  void test('deflate is told apart (zlib-wrapped or raw) also when bytes arrive one by one', async () => {
    assert.equal(await decode('deflate', deflateSync(payload)), PAYLOAD);
    assert.equal(await decode('deflate', deflateRawSync(payload)), PAYLOAD);
    assert.equal(await decode('deflate, gzip', gzipSync(deflateRawSync(payload))), PAYLOAD);
  });

  void test('nothing to decode for identity, empty or unknown codings', () => {
    for (const encoding of ['identity', '', ' , ', 'zstd', 'gzip, compress'])
      assert.equal(decodersFor(encoding), undefined, encoding);
  });
});
