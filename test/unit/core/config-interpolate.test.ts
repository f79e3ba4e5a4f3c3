// Config loading and interpolation rules (pure functions).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadConfigFor, parseDotEnv, resolveRunContext } from '../../../core/src/config.js';
import { Scope, interpolateValue } from '../../../core/src/interpolate.js';
import { Redactor } from '../../../core/src/redact.js';
import { tempFolder } from './helpers.js';

void describe('config', () => {
  void test('nearest config upward, .env never overrides process variables, environment selection', () => {
    const folder = tempFolder({
      'bluebook.config.yaml':
        'environments:\n  local: { baseUrl: "http://a" }\n  ci: { baseUrl: "http://b" }\ndefaultEnvironment: local\nsecrets: [token]\ndefaults: { timeout: 2s }\n',
      '.env': '# comment\nexport A=from-dotenv\nB = "quoted # not a comment"\nC=plain # comment\n',
      'deep/er/x.bluebook.yaml': 'tests: {}',
    });
    const context = resolveRunContext({
      suitePath: join(folder, 'deep/er/x.bluebook.yaml'),
      processEnv: { A: 'from-process' },
    });
    assert.equal(context.config.path, join(folder, 'bluebook.config.yaml'));
    assert.deepEqual(context.environment, { baseUrl: 'http://a' });
    assert.equal(context.env.A, 'from-process');
    assert.equal(context.env.B, 'quoted # not a comment');
    assert.equal(context.env.C, 'plain');
    assert.deepEqual(context.secretNames, ['token']);
    assert.equal(context.configDefaults?.timeoutMs, 2000);
    assert.deepEqual(
      resolveRunContext({ suitePath: join(folder, 'x.bluebook.yaml'), environmentName: 'ci' }).environment,
      { baseUrl: 'http://b' },
    );
    const unknown = resolveRunContext({
      suitePath: join(folder, 'x.bluebook.yaml'),
      environmentName: 'locl',
    });
    assert.match(
      unknown.errors[0].message,
      /unknown environment `locl` — did you mean `local`\?; defined: local, ci/,
    );
  });

  void test('an invalid config is a clear error with file and line', () => {
    const folder = tempFolder({
      'bluebook.config.yaml': 'environments:\n  local: {}\nsecrtes: [a]\ndefaults:\n  timeout: soon\n',
    });
    const config = loadConfigFor(join(folder, 'a.bluebook.yaml'));
    assert.deepEqual(
      config.errors.map((error) => `${error.line}:${error.column} ${error.message}`),
      [
        '3:1 unknown key `secrtes` in bluebook.config.yaml — did you mean `secrets`?',
        '5:12 invalid duration in `defaults.timeout`; write milliseconds (`500`) or a duration (`5s`)',
      ],
    );
    const broken = loadConfigFor(
      join(tempFolder({ 'bluebook.config.yaml': 'environments: [\n' }), 'a.bluebook.yaml'),
    );
    assert.equal(broken.errors.length > 0, true);
    assert.equal(broken.errors[0].file.endsWith('bluebook.config.yaml'), true);
  });

  void test('no config: an empty context', () => {
    assert.deepEqual(parseDotEnv('').values, {});
  });
});

void describe('interpolation', () => {
  const scope = new Scope(
    {
      overrides: { o: 'override' },
      captures: { o: 'capture', c: 'capture', user: { id: 7, tags: ['x', 'y'] } },
      row: { r: 'row', c: 'row' },
      test: { t: 'test', r: 'test' },
      suite: { s: 'suite', t: 'suite', greeting: 'hi ${s}' },
      environment: { e: 'env', s: 'environment' },
    },
    { HOME_X: '/home/x' },
  );

  void test('precedence: overrides > captures > row > test > suite > environment', () => {
    assert.deepEqual(interpolateValue(['${o}', '${c}', '${r}', '${t}', '${s}', '${e}'], scope), [
      'override',
      'capture',
      'row',
      'test',
      'suite',
      'env',
    ]);
  });

  void test('paths, env, types, escapes, templates', () => {
    assert.equal(interpolateValue('${user.id}', scope), 7);
    assert.equal(interpolateValue('${user.tags[1]}', scope), 'y');
    assert.equal(interpolateValue('id=${user.id} ${user.tags}', scope), 'id=7 ["x","y"]');
    assert.equal(interpolateValue('${env.HOME_X}', scope), '/home/x');
    assert.equal(interpolateValue('$${literal} and ${s}', scope), '${literal} and suite');
    assert.equal(interpolateValue('${greeting}', scope), 'hi suite');
    assert.throws(
      () => interpolateValue('${user.nope}', scope),
      /`user.nope` is not defined: `user` is an object without field `nope`/,
    );
  });

  void test('built-ins', () => {
    assert.match(
      String(interpolateValue('${uuid()}', scope)),
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    assert.ok(!Number.isNaN(Date.parse(String(interpolateValue('${now()}', scope)))));
    assert.equal(typeof interpolateValue('${timestamp()}', scope), 'number');
    for (let i = 0; i < 50; i++) {
      const value = interpolateValue('${randomInt(3, 5)}', scope) as number;
      assert.ok(value >= 3 && value <= 5 && Number.isInteger(value));
    }
    assert.throws(
      () => interpolateValue('${nope()}', scope),
      /unknown function `nope\(\)`; available: uuid\(\)/,
    );
  });

  void test('redactor masks secret substrings and credential headers', () => {
    const redactor = new Redactor(['s3cr3t', 42]);
    assert.equal(redactor.text('a s3cr3t b'), 'a ••• b');
    assert.deepEqual(redactor.value({ n: 42, list: ['xs3cr3tx'] }), { n: '•••', list: ['x•••x'] });
    assert.deepEqual(redactor.headers({ Authorization: 'Bearer x', 'set-cookie': 'a=b', other: 'ok' }), {
      Authorization: '•••',
      'set-cookie': '•••',
      other: 'ok',
    });
  });
});
