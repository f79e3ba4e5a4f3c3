/**
 * A matcher is a condition, not a value: every human report says what it wanted in words
 * ("a value containing \"Secure\"") and none prints the matcher's raw JSON.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { runCli } from './support/cli.js';
import { startTargetServer, type TargetServer } from './support/target-server.js';

let server: TargetServer;
before(async () => {
  server = await startTargetServer();
});
after(() => server.close());

const run = (reporter: string): ReturnType<typeof runCli> =>
  runCli(['run', 'matchers', '--var', `baseUrl=${server.url}`, '-r', reporter]);

void test('pretty, dot and junit describe matchers in words', async () => {
  for (const reporter of ['pretty', 'dot', 'junit']) {
    const result = await run(reporter);
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stdout, /expected: a value that is one of \[ 201, 204 \]\n/, reporter);
    assert.match(result.stdout, /expected: a value containing &?(quot;|")Secure&?(quot;|")\n/, reporter);
    assert.match(result.stdout, /expected: a value of type number and greater than 3\n/, reporter);
    assert.doesNotMatch(result.stdout, /\{"(contains|oneOf|gt|type)"/, reporter);
  }
});

void test('tap describes the matcher in words; json keeps the matcher as data and its message in words', async () => {
  const tap = await run('tap');
  assert.match(tap.stdout, /^ {2}expected: "a value that is one of \[ 201, 204 \]"$/m);
  assert.doesNotMatch(tap.stdout, /\\"oneOf\\"/);
  const json = JSON.parse((await run('json')).stdout);
  const [status, header] = json.suites[0].tests[0].steps[0].expectations;
  assert.deepEqual(status.expected, { oneOf: [201, 204] });
  assert.equal(
    header.message,
    'expected header `content-type` to be a string containing "Secure", got "application/json"',
  );
});
