// One exchange on undici's dispatch API (core/src/http/exchange.ts): what a response stream
// reader used to get from undici's `request()` must still hold with the chunks kept by hand.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Socket } from 'node:net';
import { listenHttp, listenRaw, type Loopback } from './loopback.js';
import { run, step } from './helpers.js';

const KB = 1024;

let raw: Loopback;
let http: Loopback;
/** Requests the raw server has answered, by path. */
const answered: string[] = [];

const routes: Record<string, (socket: Socket) => void> = {
  // Two informational heads (undici hands each to the handler) before the answer.
  '/hints': (socket) =>
    socket.end(
      'HTTP/1.1 103 Early Hints\r\nlink: </style.css>; rel=preload\r\n\r\n' +
        'HTTP/1.1 102 Processing\r\n\r\n' +
        'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nx-final: yes\r\ncontent-length: 11\r\n\r\n{"ok":true}',
    ),
  // A redirect with a body larger than what is worth reading to reuse the connection.
  '/big-redirect': (socket) => {
    const body = 'r'.repeat(300 * KB);
    socket.end(`HTTP/1.1 302 Found\r\nlocation: /target\r\ncontent-length: ${body.length}\r\n\r\n${body}`);
  },
  '/small-redirect': (socket) =>
    socket.end('HTTP/1.1 301 Moved\r\nlocation: /target\r\ncontent-length: 5\r\n\r\nmoved'),
  '/target': (socket) =>
    socket.end('HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 6\r\n\r\narrive'),
};

before(async () => {
  raw = await listenRaw((socket, head) => {
    const path = /^\w+ (\S+)/.exec(head)?.[1] ?? '';
    answered.push(path);
    (routes[path] ?? ((s: Socket) => s.end('HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n')))(socket);
  });
  http = await listenHttp((req, res) => {
    if (req.url === '/early') {
      res.writeEarlyHints({ link: '</a.css>; rel=preload' }, () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"early":false}');
      });
      return;
    }
    res.writeHead(404).end();
  });
});
after(async () => {
  await raw.close();
  await http.close();
});

void describe('an exchange', () => {
  void test('informational (1xx) heads are passed over: status, headers and body are the final answer', async () => {
    const { result } = await run(
      'tests:\n  t:\n    steps:\n      - GET: /hints\n        expect:\n          status: 200\n          headers: { x-final: "yes" }\n          json: { $.ok: true }\n',
      raw.url,
    );
    const only = step(result);
    assert.equal(only.outcome, 'passed', JSON.stringify(only.expectations));
    assert.equal(only.response?.status, 200);
    assert.equal(only.response?.headers.link, undefined, 'no header of a 103 head');
    assert.equal(only.response?.body, '{"ok":true}');
  });

  void test('103 Early Hints from a Node server then the answer', async () => {
    const { result } = await run(
      'tests:\n  t:\n    steps:\n      - GET: /early\n        expect: { status: 200, json: { $.early: false } }\n',
      http.url,
    );
    assert.equal(step(result).outcome, 'passed', JSON.stringify(step(result).expectations));
  });

  void test('a followed redirect drops its body, small or over 128 KB, and the target answers', async () => {
    for (const path of ['/small-redirect', '/big-redirect']) {
      answered.length = 0;
      const { result } = await run(
        `tests:\n  t:\n    steps:\n      - GET: ${path}\n        followRedirects: true\n        expect: { status: 200 }\n`,
        raw.url,
      );
      const only = step(result);
      assert.equal(
        only.outcome,
        'passed',
        `${path}: ${JSON.stringify(only.expectations)} ${only.error?.message}`,
      );
      assert.equal(only.response?.body, 'arrive');
      assert.deepEqual(answered, [path, '/target']);
    }
  });

  void test('a redirect that is not followed keeps its body', async () => {
    const { result } = await run(
      'tests:\n  t:\n    steps:\n      - GET: /small-redirect\n        expect: { status: 301 }\n',
      raw.url,
    );
    assert.equal(step(result).outcome, 'passed', JSON.stringify(step(result).expectations));
    assert.equal(step(result).response?.body, 'moved');
  });

  void test('a body over maxBodyBytes fails the step with the limit, a body at the limit is kept', async () => {
    const over = await run('tests:\n  t:\n    steps:\n      - GET: /small-redirect\n', raw.url, {
      maxBodyBytes: 4,
    });
    assert.match(step(over.result).error?.message ?? '', /larger than the 4 bytes limit/);
    const at = await run('tests:\n  t:\n    steps:\n      - GET: /small-redirect\n', raw.url, {
      maxBodyBytes: 5,
    });
    assert.equal(step(at.result).outcome, 'passed', step(at.result).error?.message);
    assert.equal(step(at.result).response?.body, 'moved');
  });
});
