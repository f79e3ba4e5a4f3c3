// `${{ }}` and scripts where the suite being run does not hold them itself: a used file, the
// config's setup, a test's `finally` steps. The run must load the sandbox for each.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../../../core/src/config.js';
import { runConfigHook } from '../../../../core/src/run/setup.js';
import { startTargetServer, type TargetServer } from '../../../support/target-server.js';
import { onlyTest, run, step } from '../helpers.js';

let server: TargetServer;
before(async () => (server = await startTargetServer()));
after(() => server.close());

const sentBody = (body: string | undefined): unknown => JSON.parse(JSON.parse(body ?? '{}').body as string);

void describe('the sandbox is loaded for scripts outside the suite text', () => {
  void test('a used test whose step holds ${{ }}, from a suite that holds none', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bluebook-reach-'));
    writeFileSync(
      join(dir, 'shared.bluebook.yaml'),
      'tests:\n  compute:\n    steps:\n      - POST: /echo\n        json: { n: "${{ 40 + 2 }}" }\n        capture: { n: $.body }\n',
    );
    const { result } = await run(
      'tests:\n  t:\n    steps:\n      - use: ./shared.bluebook.yaml#compute\n',
      server.url,
      { baseDir: dir },
    );
    const used = step(result);
    assert.equal(used.outcome, 'passed', JSON.stringify(used.error));
    assert.deepEqual(sentBody(used.response?.body), { n: 42 });
  });

  void test('a setup step of the config with ${{ }}', async () => {
    const project = parseConfig(
      'environments:\n  local: {}\nsetup:\n  - POST: ${baseUrl}/echo\n    json: { n: "${{ 6 * 7 }}" }\n    capture: { n: $.body }\n',
      '/p/bluebook.config.yaml',
    );
    assert.deepEqual(project.errors, []);
    const hook = await runConfigHook('setup', project, { environment: { baseUrl: server.url } });
    assert.equal(hook.failure, undefined);
    assert.deepEqual(JSON.parse(hook.captures.n as string), { n: 42 });
  });

  void test("a script in a test's finally step only", async () => {
    const { result } = await run(
      'tests:\n  t:\n    steps:\n      - GET: /echo\n    finally:\n      - GET: /echo\n        script:\n          after: console.log("cleaned up " + response.status)\n',
      server.url,
    );
    const test = onlyTest(result);
    assert.equal(test.outcome, 'passed', JSON.stringify(test.steps.map((item) => item.error)));
    const cleanup = test.steps.find((item) => item.phase === 'finally');
    assert.deepEqual(cleanup?.logs, ['cleaned up 200']);
  });
});
