// Every request says who sent it, unless the suite says otherwise.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listenHttp, type Loopback } from './loopback.js';
import { run } from './helpers.js';

const { version } = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as {
  version: string;
};

let server: Loopback;
const agents: (string | undefined)[] = [];
before(async () => {
  server = await listenHttp((req, res) => {
    agents.push(req.headers['user-agent']);
    res.writeHead(200).end();
  });
});
after(() => server.close());

void describe('user-agent', () => {
  void test('is bluebook/<version> by default; a suite-set one wins, in any case', async () => {
    agents.length = 0;
    await run(
      `defaults:\n  headers: { USER-AGENT: from-defaults }\ntests:\n  t:\n    steps:\n      - GET: /\n`,
      server.url,
    );
    await run(
      `tests:\n  t:\n    steps:\n      - GET: /\n      - GET: /\n        headers: { User-Agent: my-client/2 }\n`,
      server.url,
    );
    assert.deepEqual(agents, ['from-defaults', `bluebook/${version}`, 'my-client/2']);
  });
});
