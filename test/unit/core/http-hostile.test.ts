// Hostile servers: every attack ends the step with a clear error, in bounded time and memory.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isUtf8 } from 'node:buffer';
import type { Socket } from 'node:net';
import { invalidUtf8Offset } from '../../../core/src/http/utf8.js';
import { listenHttp, listenRaw, type Loopback } from './loopback.js';
import { run, step } from './helpers.js';

const MB = 1024 * 1024;

/** Writes 64 KB chunks as fast as the socket takes them, forever (until it closes). */
function endless(socket: Socket, pauseMs: number): void {
  socket.write('HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ntransfer-encoding: chunked\r\n\r\n');
  const chunk = Buffer.alloc(64 * 1024, 'a');
  const framed = Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]);
  const more = (): void => {
    if (socket.destroyed) return;
    if (pauseMs > 0) return void socket.write(framed, () => setTimeout(more, pauseMs));
    if (socket.write(framed)) setImmediate(more);
    else socket.once('drain', more);
  };
  more();
}

const routes: Record<string, (socket: Socket) => void> = {
  '/endless-fast': (socket) => endless(socket, 0),
  '/endless-slow': (socket) => endless(socket, 20),
  '/many-headers': (socket) => {
    let head = 'HTTP/1.1 200 OK\r\n';
    for (let i = 0; i < 10_000; i++) head += `x-h-${i}: v\r\n`;
    socket.end(`${head}content-length: 2\r\n\r\n{}`);
  },
  '/huge-header': (socket) =>
    socket.end(`HTTP/1.1 200 OK\r\nx-huge: ${'h'.repeat(MB)}\r\ncontent-length: 2\r\n\r\n{}`),
  '/cut-short': (socket) => {
    socket.write(
      'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{"partial": ',
    );
    setTimeout(() => socket.destroy(), 20);
  },
  '/cut-chunked': (socket) => {
    socket.write('HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n5\r\nhello\r\n');
    setTimeout(() => socket.destroy(), 20);
  },
  '/silent': () => undefined,
};

let raw: Loopback;
let http: Loopback;
before(async () => {
  raw = await listenRaw((socket, head) => {
    const path = /^\w+ (\S+)/.exec(head)?.[1] ?? '';
    (routes[path] ?? ((s: Socket) => s.end('HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n')))(socket);
  });
  http = await listenHttp((_req, res) => {
    // `"café"` with a stray 0xFF after the é: not UTF-8.
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(Buffer.concat([Buffer.from('{"name": "caf\u00e9'), Buffer.from([0xff]), Buffer.from('"}')]));
  });
});
after(async () => {
  await raw.close();
  await http.close();
});

/** Runs one GET step; returns the step and how long the run took. */
async function get(path: string, extra = '', options = {}, base = raw.url) {
  const started = performance.now();
  const { result } = await run(`tests:\n  t:\n    steps:\n      - GET: ${path}\n${extra}`, base, options);
  return { step: step(result), ms: performance.now() - started };
}

void describe('hostile servers', () => {
  void test('a never-ending body is stopped by the step timeout', async () => {
    const { step: only, ms } = await get('/endless-slow', '        timeout: 300ms\n');
    assert.equal(only.outcome, 'errored');
    assert.equal(only.error?.message, 'timed out after 300 ms');
    assert.ok(ms < 10_000);
  });

  void test('a never-ending body is stopped by the body limit', async () => {
    const { step: only, ms } = await get('/endless-fast', '        timeout: 60s\n', { maxBodyBytes: 2 * MB });
    assert.equal(only.outcome, 'errored');
    assert.equal(
      only.error?.message,
      'response body is larger than the 2 MB limit (maxBodyBytes); the rest was not read',
    );
    assert.ok(ms < 10_000);
  });

  void test('10,000 response headers are a clear error naming the limit', async () => {
    const { step: only } = await get('/many-headers');
    assert.equal(only.outcome, 'errored');
    assert.equal(
      only.error?.message,
      `response headers from 127.0.0.1:${raw.port} exceed the 16 KB limit (too many or too large headers)`,
    );
  });

  void test('a 1 MB header is the same clear error', async () => {
    const { step: only } = await get('/huge-header');
    assert.equal(only.outcome, 'errored');
    assert.equal(
      only.error?.message,
      `response headers from 127.0.0.1:${raw.port} exceed the 16 KB limit (too many or too large headers)`,
    );
  });

  void test('a connection closed mid-body errors the step (with content-length and chunked)', async () => {
    for (const path of ['/cut-short', '/cut-chunked']) {
      const { step: only } = await get(path);
      assert.equal(only.outcome, 'errored', path);
      assert.equal(
        only.error?.message,
        `connection to 127.0.0.1:${raw.port} closed by the server before a complete response`,
        path,
      );
    }
  });

  void test('a server that never sends headers is stopped by the step timeout', async () => {
    const { step: only, ms } = await get('/silent', '        timeout: 200ms\n');
    assert.equal(only.outcome, 'errored');
    assert.equal(only.error?.message, 'timed out after 200 ms');
    assert.ok(ms < 10_000);
  });

  void test('invalid UTF-8 in a JSON body fails the expectation naming the byte', async () => {
    const { step: only } = await get(
      '/',
      '        expect:\n          json: { $.name: café }\n',
      {},
      http.url,
    );
    assert.equal(only.outcome, 'failed');
    assert.equal(
      only.expectations[0]?.message,
      'expected a JSON body, got application/json that is not valid UTF-8 (byte 0xFF at offset 15); JSON must be UTF-8',
    );
  });
});

void describe('invalidUtf8Offset', () => {
  void test('agrees with Node’s UTF-8 check; the bytes before the offset are valid', () => {
    const samples = [
      [0x63, 0x61, 0x66, 0xc3, 0xa9],
      [0xf0, 0x9f, 0x98, 0x80],
      [0xc0, 0x80],
      [0xed, 0xa0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0x61, 0xe2, 0x82],
      [0x61, 0x80],
    ].map((bytes) => Buffer.from(bytes));
    let seed = 7;
    for (let n = 0; n < 2000; n++) {
      const bytes = Buffer.alloc(1 + (n % 9));
      for (let i = 0; i < bytes.length; i++) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        bytes[i] = seed % 3 === 0 ? seed % 0x80 : 0x80 + (seed % 0x80);
      }
      samples.push(bytes);
    }
    for (const bytes of samples) {
      const offset = invalidUtf8Offset(bytes);
      assert.equal(offset === -1, isUtf8(bytes), bytes.toString('hex'));
      if (offset >= 0) assert.ok(isUtf8(bytes.subarray(0, offset)), bytes.toString('hex'));
    }
  });
});
