/**
 * A step without `name:` is shown by its request as sent: the URL rendered with the run's
 * variables and redacted (a secret reads •••), in every reporter. A named step keeps its name,
 * and a step whose URL could not be rendered keeps the URL as written.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { runCli } from './support/cli.js';
import { startTargetServer, type TargetServer } from './support/target-server.js';

const SECRET = 'n4mes-s3cret';
let server: TargetServer;
before(async () => {
  server = await startTargetServer();
});
after(() => server.close());

void test('unnamed steps show the rendered, redacted URL; named and unrenderable ones as written', async () => {
  const args = ['run', 'names', '--var', `baseUrl=${server.url}`];
  const options = { env: { BLUEBOOK_NAMES_TOKEN: SECRET } };
  const json = await runCli([...args, '-r', 'json'], options);
  assert.equal(json.code, 1, json.stderr);
  const steps = JSON.parse(json.stdout).suites[0].tests[0].steps as { name: string; outcome: string }[];
  assert.deepEqual(
    steps.map((step) => step.name),
    [`GET ${server.url}/users/1?key=•••`, 'read the user', 'GET ${baseUrl}/users/${missing}'],
  );
  assert.equal(steps[2].outcome, 'errored');
  const pretty = await runCli(args, options);
  assert.match(pretty.stdout, new RegExp(`✓ GET ${server.url}/users/1\\?key=•••  200 OK`));
  assert.ok(!pretty.stdout.includes(SECRET) && !json.stdout.includes(SECRET), 'the secret is redacted');
});
