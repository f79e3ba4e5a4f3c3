// Editor runs check the contract too: the config's `openapi:` reaches the run options, the runner
// process (client/src/worker/serve.ts) checks responses against it, and a broken document errors
// the run with what is wrong with it.
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runContextFor } from '../../../client/src/config.js';
import type { RunnerMessage } from '../../../client/src/worker/protocol.js';
import { serve } from '../../../client/src/worker/serve.js';

let server: Server;
let url = '';
const root = mkdtempSync(join(tmpdir(), 'bluebook-client-openapi-'));

const DOC = `openapi: 3.1.0
info: { title: t, version: "1" }
paths:
  /items:
    get:
      responses:
        "200":
          description: ok
          content: { application/json: { schema: { type: array, items: { type: integer } } } }
`;

before(async () => {
  writeFileSync(join(root, 'bluebook.config.yaml'), 'openapi: ./openapi.yaml\n');
  writeFileSync(join(root, 'openapi.yaml'), DOC);
  writeFileSync(join(root, 'broken.yaml'), DOC.replace('type: integer', '$ref: "#/nowhere"'));
  server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('[1, "two"]');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => server.close());

async function runInWorker(openapi: string): Promise<RunnerMessage> {
  const messages: RunnerMessage[] = [];
  let wake = () => {};
  const runner = serve({
    send: (message) => {
      messages.push(JSON.parse(JSON.stringify(message)) as RunnerMessage);
      wake();
    },
  });
  const text = `tests:\n  items:\n    steps:\n      - GET: ${url}/items\n`;
  runner.receive({
    type: 'run',
    id: 1,
    suite: { path: join(root, 'a.bluebook.yaml'), text },
    options: { openapi },
  });
  while (!messages.some((message) => message.type === 'done'))
    await new Promise<void>((resolve) => (wake = resolve));
  return messages.find((message) => message.type === 'done')!;
}

void test("the config's openapi document is in the editor's run options", () => {
  const context = runContextFor(join(root, 'a.bluebook.yaml'), undefined);
  assert.equal(context.options.openapi, join(root, 'openapi.yaml'));
});

void test('a run in the runner process fails a response that breaks the contract, on the method line', async () => {
  const done = await runInWorker(join(root, 'openapi.yaml'));
  assert.ok('result' in done, JSON.stringify(done));
  const step = done.result.tests[0].steps[0];
  const check = step.expectations.find((item) => item.kind === 'openapi');
  assert.equal(check?.passed, false);
  assert.match(check?.message ?? '', /\$\[1\]: must be integer/);
  assert.equal(step.outcome, 'failed');
});

void test('a broken document errors the run with what is wrong with it', async () => {
  const done = await runInWorker(join(root, 'broken.yaml'));
  assert.ok('result' in done, JSON.stringify(done));
  assert.equal(done.result.outcome, 'errored');
  assert.match(done.result.error?.message ?? '', /OpenAPI document .*cannot be used: .*broken\.yaml/s);
});
