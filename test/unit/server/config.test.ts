import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { CONFIG_KEYS, KEYS, parseConfig } from '../../../core/src/index.js';
import { configCompletion } from '../../../server/src/features/configCompletion.js';
import { configDiagnostics } from '../../../server/src/features/configDiagnostics.js';
import { configHover } from '../../../server/src/features/configHover.js';
import { cursor, textOf } from './helpers.js';

const ENVIRONMENTS = [
  'environments:',
  '  local:',
  '    baseUrl: http://127.0.0.1:3000',
  '    token: dev-token',
  '  staging:',
  '    baseUrl: https://staging.example.com',
  '    apiKey: k',
];

function completionAt(marked: string) {
  const { text, position } = cursor(marked);
  return configCompletion(parseConfig(text, '/p/bluebook.config.yaml'), position).items;
}

function labels(marked: string): string[] {
  return completionAt(marked).map((item) => item.label);
}

function hoverAt(marked: string): string | undefined {
  const { text, position } = cursor(marked);
  const hover = configHover(parseConfig(text, '/p/bluebook.config.yaml'), position);
  return hover ? (hover.contents as { value: string }).value : undefined;
}

void describe('bluebook.config.yaml features', () => {
  void it('diagnostics are the config parser’s, with exact ranges', () => {
    const text = [...ENVIRONMENTS, 'defaultEnvironment: prod', 'secret: [token]', ''].join('\n');
    const found = configDiagnostics(parseConfig(text, '/p/bluebook.config.yaml'));
    assert.deepEqual(
      found.map((d) => [d.code, textOf(text, d.range), d.range.start.line]),
      [
        ['invalid-config', 'secret', 8],
        ['invalid-config', 'prod', 7],
      ],
    );
    assert.match(String(found[0].message), /did you mean `secrets`/);
    assert.match(String(found[1].message), /local, staging/);
  });

  void it('a ${…} form the run cannot evaluate is reported on its exact range', () => {
    const text = [
      'environments:',
      '  local: { n: "${n * 2}" }',
      'defaults:',
      '  headers: { x: "${uuid() + 1}" }',
      '',
    ].join('\n');
    const found = configDiagnostics(parseConfig(text, '/p/bluebook.config.yaml'));
    assert.deepEqual(
      found.map((d) => [d.code, textOf(text, d.range)]),
      [
        ['invalid-interpolation', '${n * 2}'],
        ['invalid-interpolation', '${uuid() + 1}'],
      ],
    );
  });

  void it('completes the top-level keys with docs, without those present', () => {
    const items = completionAt([...ENVIRONMENTS, 'de|'].join('\n'));
    assert.deepEqual(
      items.map((item) => item.label),
      CONFIG_KEYS.map((entry) => entry.key).filter((key) => key !== 'environments'),
    );
    const documentation = items.find((item) => item.label === 'secrets')?.documentation;
    assert.match((documentation as { value: string }).value, /redacted/);
  });

  void it('completes environment names as the value of defaultEnvironment', () => {
    const items = completionAt([...ENVIRONMENTS, 'defaultEnvironment: |'].join('\n'));
    assert.deepEqual(
      items.map((item) => item.label),
      ['local', 'staging'],
    );
    assert.equal(items[0].detail, 'environment, 2 variables');
    assert.deepEqual(labels([...ENVIRONMENTS, 'defaultEnvironment: st|', 'secrets: []'].join('\n')), [
      'local',
      'staging',
    ]);
  });

  void it('completes variable names across environments inside secrets, flow or block list', () => {
    assert.deepEqual(labels([...ENVIRONMENTS, 'secrets: [token, |'].join('\n')), ['baseUrl', 'apiKey']);
    assert.deepEqual(labels([...ENVIRONMENTS, 'secrets: [token, t|'].join('\n')), ['baseUrl', 'apiKey']);
    assert.deepEqual(labels([...ENVIRONMENTS, 'secrets: [token|]'].join('\n')), [
      'baseUrl',
      'token',
      'apiKey',
    ]);
    assert.deepEqual(labels([...ENVIRONMENTS, 'secrets: [|]'].join('\n')), ['baseUrl', 'token', 'apiKey']);
    assert.deepEqual(labels([...ENVIRONMENTS, 'secrets:', '  - token', '  - |'].join('\n')), [
      'baseUrl',
      'apiKey',
    ]);
    const apiKey = completionAt([...ENVIRONMENTS, 'secrets: [|]'].join('\n')).find(
      (item) => item.label === 'apiKey',
    );
    assert.equal(apiKey?.detail, 'defined in staging');
  });

  void it('completes request-option keys under defaults, auth keys and header names below', () => {
    assert.deepEqual(
      labels('defaults:\n  timeout: 5s\n  |\n'),
      KEYS.defaults.map((entry) => entry.key).filter((key) => key !== 'timeout'),
    );
    assert.deepEqual(labels('defaults:\n  auth:\n    |\n'), ['basic', 'bearer']);
    assert.ok(labels('defaults:\n  headers:\n    acc|\n').includes('accept'));
    assert.ok(labels('defaults:\n  headers:\n    accept: |\n').includes('application/json'));
    assert.deepEqual(labels('defaults:\n  followRedirects: |\n'), ['true', 'false']);
  });

  void it('completes, inside one environment, the variables other environments define', () => {
    const text = [...ENVIRONMENTS.slice(0, 4), '  staging:', '    |', '  ci:', '    apiKey: x'].join('\n');
    const items = completionAt(text);
    assert.deepEqual(
      items.map((item) => item.label),
      ['baseUrl', 'token', 'apiKey'],
    );
    assert.deepEqual(labels([...ENVIRONMENTS, '    |'].join('\n')), ['token']);
  });

  void it('hovers top-level and defaults keys with their docs', () => {
    assert.match(
      hoverAt([...ENVIRONMENTS, 'defaultEnvi|ronment: local'].join('\n')) ?? '',
      /^\*\*defaultEnvironment\*\* — The environment used when none is selected/,
    );
    assert.match(hoverAt('env|ironments:\n  local: {}\n') ?? '', /Named environments/);
    assert.match(hoverAt('defaults:\n  time|out: 5s\n') ?? '', /^\*\*timeout\*\* — Request timeout/);
    assert.match(hoverAt('defaults:\n  auth:\n    bea|rer: x\n') ?? '', /Bearer token/);
    assert.equal(hoverAt('defaults:\n  timeout: 5|s\n'), undefined, 'not on a value');
    assert.equal(hoverAt('bogus|: 1\n'), undefined);
  });

  void it('hovers an environment and a variable, secrets masked', () => {
    const text = [...ENVIRONMENTS, 'defaultEnvironment: local', 'secrets: [token]'];
    assert.equal(
      hoverAt(['environments:', '  loc|al:', ...ENVIRONMENTS.slice(2)].join('\n')),
      '**local** — environment: `baseUrl`, `token`',
    );
    const token = hoverAt([...text.slice(0, 3), '    tok|en: dev-token', ...text.slice(4)].join('\n')) ?? '';
    assert.match(token, /`local`: `•••`/);
    assert.ok(!token.includes('dev-token'), 'secret value never shown');
    assert.match(token, /not defined in `staging`/);
    const baseUrl = hoverAt(
      [...text.slice(0, 2), '    base|Url: http://127.0.0.1:3000', ...text.slice(3)].join('\n'),
    );
    assert.match(baseUrl ?? '', /`staging`: `"https:\/\/staging.example.com"`/);
  });
});
