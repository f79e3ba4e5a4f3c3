// Timeouts and cancellation of in-flight requests share one timer and one listener per signal
// (core/src/http/flight.ts): each request must still end for its own reason, at its own deadline.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTargetServer, type TargetServer } from '../../support/target-server.js';
import { run, step } from './helpers.js';

let target: TargetServer;
/** Never answers; tells the test when a request has arrived. */
let hanging: Server;
let hangingUrl: string;
const arrivals: (() => void)[] = [];
let arrived = 0;

/** Resolves once `count` requests in all have reached the hanging server. */
function arrivedAt(count: number): Promise<void> {
  return new Promise((resolve) => {
    const check = (): void => {
      if (arrived >= count) resolve();
      else arrivals.push(check);
    };
    check();
  });
}

before(async () => {
  target = await startTargetServer();
  hanging = createServer(() => {
    arrived++;
    arrivals.splice(0).forEach((check) => check());
  });
  await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
  hangingUrl = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}`;
});
after(async () => {
  hanging.closeAllConnections();
  await new Promise((resolve) => hanging.close(resolve));
  await target.close();
});

const waitFor = (timeout: string): string =>
  `tests:\n  t:\n    steps:\n      - GET: ${hangingUrl}/wait\n        timeout: ${timeout}\n`;

void describe('in-flight requests', () => {
  void test('a shorter timeout started after a longer one fires at its own deadline', async () => {
    const controller = new AbortController();
    const order: string[] = [];
    const before = arrived;
    const long = run(waitFor('60s'), target.url, { signal: controller.signal }).then((result) => {
      order.push('long');
      return result;
    });
    await arrivedAt(before + 1);
    const short = await run(waitFor('100ms'), target.url);
    order.push('short');
    assert.equal(step(short.result).error?.message, 'timed out after 100 ms');
    // The long request was still in flight when the short one timed out: cancel it now.
    controller.abort();
    const longResult = await long;
    assert.deepEqual(order, ['short', 'long']);
    assert.equal(step(longResult.result).error?.message, 'cancelled');
  });

  void test('a finished request’s deadline does not abort the next request', async () => {
    // Step 1's 150 ms deadline is what the shared timer wakes for; step 2 outlives it.
    const { result } = await run(
      `tests:\n  t:\n    steps:\n      - GET: /echo\n        timeout: 150ms\n      - GET: /slow?ms=400\n        timeout: 10s\n        expect: { status: 200 }\n`,
      target.url,
    );
    assert.equal(step(result, 0).outcome, 'passed');
    assert.equal(step(result, 1).outcome, 'passed', step(result, 1).error?.message);
  });

  void test('one cancellation aborts every in-flight request of that signal, not as a timeout', async () => {
    const controller = new AbortController();
    const before = arrived;
    const runs = [1, 2].map(() => run(waitFor('60s'), target.url, { signal: controller.signal }));
    await arrivedAt(before + 2);
    controller.abort();
    for (const { result } of await Promise.all(runs)) {
      assert.equal(step(result).outcome, 'errored');
      assert.equal(step(result).error?.message, 'cancelled');
    }
  });

  void test('a signal aborted before the request starts sends nothing', async () => {
    const controller = new AbortController();
    controller.abort();
    const before = target.requests.length;
    const { result } = await run(`tests:\n  t:\n    steps:\n      - GET: /echo\n`, target.url, {
      signal: controller.signal,
    });
    assert.equal(step(result).outcome, 'skipped');
    assert.equal(target.requests.length, before);
  });
});
