// The one parser of bluebook.config.yaml and .env (core/src/config.ts, core/src/dotenv.ts): run
// values and key positions from the same parse, for runs, validation and the editor alike.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadConfigFor, parseConfig, parseDotEnv, resolveRunContext } from '../../../core/src/config.js';
import { loadValidationContext } from '../../../core/src/validate/context.js';
import * as core from '../../../core/src/index.js';
import { tempFolder } from './helpers.js';

const text = `environments:
  local:
    baseUrl: http://localhost:3000
    token: "\${env.TOKEN}"
  ci: { baseUrl: "https://ci.example" }
defaultEnvironment: local
secrets: [token]
defaults:
  headers: { x-team: core }
  timeout: 2s
`;

const slice = (source: string, span: { start: number; end: number }): string =>
  source.slice(span.start, span.end);

void describe('config parser', () => {
  void test('one parse gives run values and the position of every key', () => {
    const config = parseConfig(text, '/p/bluebook.config.yaml');
    assert.deepEqual(config.errors, []);
    assert.deepEqual(config.diagnostics, []);
    assert.deepEqual(config.environmentValues, {
      local: { baseUrl: 'http://localhost:3000', token: '${env.TOKEN}' },
      ci: { baseUrl: 'https://ci.example' },
    });
    assert.deepEqual(
      config.environments.map((env) => [env.name, slice(text, env.span)]),
      [
        ['local', 'local'],
        ['ci', 'ci'],
      ],
    );
    assert.deepEqual(
      config.keys.map((key) => [key.environment, key.name, key.value, slice(text, key.span)]),
      [
        ['local', 'baseUrl', 'http://localhost:3000', 'baseUrl'],
        ['local', 'token', '${env.TOKEN}', 'token'],
        ['ci', 'baseUrl', 'https://ci.example', 'baseUrl'],
      ],
    );
    assert.equal(config.lineIndex.positionAt(config.keys[1].span.start).line, 3);
    assert.equal(config.defaultEnvironment, 'local');
    assert.deepEqual(config.secrets, ['token']);
    assert.equal(config.defaults?.timeoutMs, 2000);
    assert.deepEqual(
      config.defaults?.headers.map((entry) => [entry.key, entry.value]),
      [['x-team', 'core']],
    );
  });

  void test('problems are errors (file:line:col) and diagnostics with the same message and place', () => {
    const bad = `environments:\n  local: { a: 1 }\n  broken: [1]\n  local: { b: 2 }\nsecrtes: [x]\ndefaults: { timeout: soon }\n`;
    const config = parseConfig(bad, '/p/bluebook.config.yaml');
    assert.deepEqual(
      config.errors.map((error) => `${error.line}:${error.column} ${error.message}`),
      [
        '4:3 duplicate key `local` in `environments`',
        '3:11 environment `broken` must be a mapping of variables',
        '5:1 unknown key `secrtes` in bluebook.config.yaml — did you mean `secrets`?',
        '6:22 invalid duration in `defaults.timeout`; write milliseconds (`500`) or a duration (`5s`)',
      ],
    );
    assert.deepEqual(
      config.diagnostics.map((item) => [item.code, item.severity, item.message, slice(bad, item.span)]),
      config.errors.map((error) => ['invalid-config', 'error', error.message, slice(bad, error.span)]),
    );
    assert.equal(slice(bad, config.errors[0].span), 'local');
    // What is valid is still kept, for the editor: names (even of the invalid one) and values.
    assert.deepEqual(
      config.environments.map((env) => env.name),
      ['local', 'broken'],
    );
    assert.deepEqual(config.environmentValues, { local: { a: 1 } });
  });

  void test('a YAML syntax error is located, and the rest of the file still parses', () => {
    const config = parseConfig('environments:\n  local: { a: 1 }\nsecrets: [x\n', '/p/c.yaml');
    assert.equal(config.errors.length > 0, true);
    assert.equal(config.errors[0].line >= 3, true);
    assert.equal(config.diagnostics[0].code, 'invalid-config');
    assert.deepEqual(config.environmentValues, { local: { a: 1 } });
  });

  void test('.env: values and the position of every name from one parse', () => {
    const source =
      '# comment\r\nexport port=8080\r\nB = "quoted # not a comment"\nC=plain # comment\nD=\'it\'\'s\'\nE="line\\nnext"\nnot a line\nB=again\n';
    const env = parseDotEnv(source, '/p/.env');
    assert.deepEqual(env.values, {
      port: '8080',
      B: 'again',
      C: 'plain',
      D: 'it',
      E: 'line\nnext',
    });
    assert.deepEqual(
      env.entries.map((entry) => [entry.name, slice(source, entry.span)]),
      [
        ['port', 'port'],
        ['B', 'B'],
        ['C', 'C'],
        ['D', 'D'],
        ['E', 'E'],
        ['B', 'B'],
      ],
    );
    assert.deepEqual(
      env.errors.map((error) => [error.file, error.line, error.message]),
      [['/p/.env', 7, 'expected `NAME=value`']],
    );
  });

  void test('runs and validation read the same parse of the same files', () => {
    const folder = tempFolder({
      'bluebook.config.yaml': text,
      '.env': 'TOKEN=abc\n',
      's/x.bluebook.yaml': 'tests: {}',
    });
    const suitePath = join(folder, 's/x.bluebook.yaml');
    const loaded = loadConfigFor(suitePath);
    const validation = loadValidationContext(suitePath);
    assert.deepEqual(loaded.project?.keys, validation.config?.keys);
    assert.deepEqual(loaded.dotEnvFile?.entries, validation.dotenv?.entries);
    assert.deepEqual(loaded.environments, validation.config?.environmentValues);
    const context = resolveRunContext({ suitePath, config: loaded, processEnv: {} });
    assert.deepEqual(context.environment, {
      baseUrl: 'http://localhost:3000',
      token: '${env.TOKEN}',
    });
    assert.equal(context.env.TOKEN, 'abc');
    // The public names the server and the extension import are this parser.
    assert.equal(core.parseConfig, parseConfig);
    assert.equal(core.parseDotEnv, parseDotEnv);
    assert.equal(core.CONFIG_FILE_NAME, 'bluebook.config.yaml');
  });
});

void describe('config `openapi`', () => {
  void test('resolves the document beside the config and keeps the value span', () => {
    const source = 'openapi: ./api/openapi.yaml\n';
    const config = parseConfig(source, '/p/bluebook.config.yaml');
    assert.deepEqual(config.errors, []);
    assert.equal(config.openapi?.file, join('/p', 'api', 'openapi.yaml'));
    assert.equal(slice(source, config.openapi.span), './api/openapi.yaml');
  });

  void test('a value that is not a path is located, with the expected form', () => {
    const source = 'openapi: { file: x }\n';
    const config = parseConfig(source, '/p/bluebook.config.yaml');
    assert.equal(config.openapi, undefined);
    assert.equal(config.errors.length, 1);
    assert.match(config.errors[0].message, /`openapi` must be the path of an OpenAPI 3\.0 or 3\.1 document/);
  });
});
