// Redirects: credentials never cross to another origin, and a loop stops with a clear error.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingHttpHeaders } from 'node:http';
import { crossOriginHeaders } from '../../../core/src/http/redirect.js';
import { listenHttp, type Loopback } from './loopback.js';
import { run, step } from './helpers.js';

/** Headers each server saw, by path. */
const seen = new Map<string, IncomingHttpHeaders>();
let origin: Loopback;
let other: Loopback;

before(async () => {
  other = await listenHttp((req, res) => {
    seen.set(`other ${req.url}`, req.headers);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"at":"other"}');
  });
  origin = await listenHttp((req, res) => {
    const path = req.url ?? '/';
    seen.set(`origin ${path}`, req.headers);
    if (path === '/away') res.writeHead(302, { location: `${other.url}/landed` }).end();
    else if (path === '/away-with-cookie')
      res.writeHead(302, { location: `${other.url}/landed-cookie`, 'set-cookie': 'sid=jar1; Path=/' }).end();
    else if (path === '/here') res.writeHead(302, { location: '/landed' }).end();
    else if (path === '/bad-location') res.writeHead(302, { location: 'http://[::1' }).end();
    else if (path === '/to-file') res.writeHead(302, { location: 'file:///etc/passwd' }).end();
    else if (path === '/loop/a') res.writeHead(302, { location: '/loop/b' }).end();
    else if (path === '/loop/b') res.writeHead(302, { location: '/loop/a' }).end();
    else if (/^\/hops\/\d+$/.test(path)) {
      const left = Number(path.slice('/hops/'.length));
      if (left === 0) res.writeHead(200, { 'content-type': 'application/json' }).end('{"hops":"done"}');
      else res.writeHead(302, { location: `/hops/${left - 1}` }).end();
    } else res.writeHead(200, { 'content-type': 'application/json' }).end('{"at":"origin"}');
  });
});
after(async () => {
  await origin.close();
  await other.close();
});

const credentialed = (path: string): string => `tests:
  t:
    steps:
      - GET: ${path}
        followRedirects: true
        auth: { bearer: s3cret-token }
        headers:
          cookie: own=c00kie
          proxy-authorization: Basic cHJveHk6cHc=
        expect: { status: 200 }
`;

void describe('redirects across origins', () => {
  void test('authorization, proxy-authorization and an explicit cookie do not follow a redirect to another port', async () => {
    const { result } = await run(credentialed('/away'), origin.url);
    assert.equal(step(result).outcome, 'passed', step(result).error?.message);
    const first = seen.get('origin /away');
    assert.equal(first?.authorization, 'Bearer s3cret-token');
    assert.equal(first?.cookie, 'own=c00kie');
    const landed = seen.get('other /landed');
    assert.ok(landed, 'the other origin was reached');
    assert.equal(landed.authorization, undefined);
    assert.equal(landed['proxy-authorization'], undefined);
    assert.equal(landed.cookie, undefined);
  });

  void test('a same-origin redirect keeps them', async () => {
    const { result } = await run(credentialed('/here'), origin.url);
    assert.equal(step(result).outcome, 'passed', step(result).error?.message);
    const landed = seen.get('origin /landed');
    assert.equal(landed?.authorization, 'Bearer s3cret-token');
    assert.equal(landed?.['proxy-authorization'], 'Basic cHJveHk6cHc=');
    assert.equal(landed?.cookie, 'own=c00kie');
  });

  void test('cookies of the jar still go where the jar scopes them (cookies ignore ports)', async () => {
    const { result } = await run(credentialed('/away-with-cookie'), origin.url);
    assert.equal(step(result).outcome, 'passed', step(result).error?.message);
    assert.equal(seen.get('other /landed-cookie')?.cookie, 'sid=jar1');
  });

  void test('a change of host or scheme is another origin too; names match in any case', () => {
    const headers = { Authorization: 'Bearer t', COOKIE: 'a=1', 'Proxy-Authorization': 'x', accept: '*/*' };
    const stripped = { accept: '*/*' };
    const cases: [string, string, object][] = [
      ['http://127.0.0.1:8080/a', 'http://localhost:8080/b', stripped],
      ['https://api.test/a', 'http://api.test/b', stripped],
      ['http://api.test/a', 'http://api.test:81/b', stripped],
      ['http://api.test/a', 'http://API.test:80/b', headers],
    ];
    for (const [from, to, expected] of cases)
      assert.deepEqual(crossOriginHeaders(headers, new URL(from), new URL(to)), expected, `${from} → ${to}`);
  });
});

void describe('redirect limit', () => {
  void test('10 redirects are followed', async () => {
    const { result } = await run(
      `tests:\n  t:\n    steps:\n      - GET: /hops/10\n        followRedirects: true\n        expect: { status: 200 }\n`,
      origin.url,
    );
    assert.equal(step(result).outcome, 'passed', step(result).error?.message);
  });

  void test('an 11th redirect errors the step, naming the hops', async () => {
    const { result } = await run(
      `tests:\n  t:\n    steps:\n      - GET: /loop/a\n        followRedirects: true\n        expect: { status: 200 }\n`,
      origin.url,
    );
    assert.equal(step(result).outcome, 'errored');
    assert.equal(
      step(result).error?.message,
      'stopped after 10 redirects (the limit): /loop/a → /loop/b → /loop/a → /loop/b → /loop/a → /loop/b → /loop/a → /loop/b → /loop/a → /loop/b → /loop/a → /loop/b',
    );
  });
});

void describe('redirect targets', () => {
  void test('a redirect to a URL that is not http or https errors the step', async () => {
    const { result } = await run(
      `tests:\n  t:\n    steps:\n      - GET: /to-file\n        followRedirects: true\n`,
      origin.url,
    );
    assert.equal(step(result).outcome, 'errored');
    assert.equal(
      step(result).error?.message,
      'cannot follow the redirect to file:///etc/passwd: only http and https URLs can be followed',
    );
  });

  void test('a location that is not a URL errors the step, quoting it', async () => {
    const { result } = await run(
      `tests:\n  t:\n    steps:\n      - GET: /bad-location\n        followRedirects: true\n`,
      origin.url,
    );
    assert.equal(step(result).outcome, 'errored');
    assert.equal(
      step(result).error?.message,
      'cannot follow the redirect: its location `http://[::1` is not a URL',
    );
  });
});
