import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { TextEdit } from 'vscode-languageserver';
import { SERVICE_KEYS, parseConfig } from '../../../core/src/index.js';
import { completion } from '../../../server/src/features/completion.js';
import { hover } from '../../../server/src/features/hover.js';
import { configCompletion } from '../../../server/src/features/configCompletion.js';
import { configDiagnostics } from '../../../server/src/features/configDiagnostics.js';
import { configHover } from '../../../server/src/features/configHover.js';
import { analyzeIn, cursor, project, textOf } from './helpers.js';

const SERVICES = [
  'services:',
  '  api:',
  '    command: npm start',
  '    env: { PORT: "${port}" }',
  '  payments: { mock: ./mocks/payments.mock.yaml }',
];

function completionAt(marked: string) {
  const { text, position } = cursor(marked);
  return configCompletion(parseConfig(text, '/p/bluebook.config.yaml'), position).items;
}

function labels(marked: string): string[] {
  return completionAt(marked).map((item) => item.label);
}

void describe('bluebook.config.yaml: services', () => {
  void it('completes a service’s keys from SERVICE_KEYS, with docs, without those present', () => {
    const items = completionAt([...SERVICES, '  web:', '    command: vite', '    |'].join('\n'));
    assert.deepEqual(
      items.map((item) => item.label),
      SERVICE_KEYS.map((entry) => entry.key).filter((key) => key !== 'command'),
    );
    const ready = items.find((item) => item.label === 'ready');
    assert.match((ready?.documentation as { value: string }).value, /output/);
    assert.ok(labels('servi|').includes('services'));
  });

  void it('completes the other services in dependsOn and true/false for reuseExisting', () => {
    assert.deepEqual(labels([...SERVICES, '  web:', '    dependsOn: [|]'].join('\n')), ['api', 'payments']);
    assert.deepEqual(
      labels([...SERVICES.slice(0, 3), '    dependsOn:', '      - |', SERVICES[4]].join('\n')),
      ['payments'],
    );
    assert.deepEqual(labels([...SERVICES, '  web:', '    reuseExisting: |'].join('\n')), ['true', 'false']);
  });

  void it('completes *.mock.yaml files after mock: and folders after cwd:, relative to the config', () => {
    const root = project({ 'mocks/payments.mock.yaml': '', 'mocks/notes.yaml': '', 'server/index.js': '' });
    const at = (marked: string) => {
      const { text, position } = cursor(marked);
      return configCompletion(parseConfig(text, join(root, 'bluebook.config.yaml')), position).items.map(
        (item) => (item.textEdit as TextEdit).newText,
      );
    };
    assert.deepEqual(at(['services:', '  pay: { mock: ./mocks/| }'].join('\n')), [
      './mocks/payments.mock.yaml',
    ]);
    assert.deepEqual(at(['services:', '  api:', '    cwd: ./|'].join('\n')).sort(), [
      './mocks/',
      './server/',
    ]);
  });

  void it('completes ${services. with the declared names, then url, port and host', () => {
    const environment = (value: string) =>
      [...SERVICES, 'environments:', `  local: { baseUrl: "${value}" }`].join('\n');
    assert.deepEqual(labels(environment('${services.|')), ['services.api', 'services.payments']);
    const fields = completionAt(environment('${services.api.|'));
    assert.deepEqual(
      fields.map((item) => item.label),
      ['services.api.url', 'services.api.port', 'services.api.host'],
    );
    const { text } = cursor(environment('${services.api.|'));
    assert.equal(textOf(text, (fields[0].textEdit as TextEdit).range), 'services.api.');
    assert.deepEqual(labels(environment('${services.nope.|')), []);
    assert.ok(labels(environment('${|')).includes('services.'));
  });

  void it('completes a service’s own ${port} and other services inside services', () => {
    const found = labels([...SERVICES.slice(0, 3), '    env: { PORT: "${|" }', SERVICES[4]].join('\n'));
    assert.deepEqual(found, ['port', 'services.']);
    assert.deepEqual(labels([...SERVICES, '  web:', '    env: { API: "${services.|" }'].join('\n')), [
      'services.api',
      'services.payments',
    ]);
  });

  void it('hovers a service key with its doc', () => {
    const { text, position } = cursor([...SERVICES.slice(0, 2), '    comm|and: npm start'].join('\n'));
    const hover = configHover(parseConfig(text, '/p/bluebook.config.yaml'), position);
    assert.match((hover?.contents as { value: string }).value, /^\*\*command\*\* — The shell command/);
    assert.equal(textOf(text, hover!.range!), 'command');
    const name = cursor(
      [...SERVICES.slice(0, 4), '  paym|ents: { mock: ./mocks/payments.mock.yaml }'].join('\n'),
    );
    assert.match(
      (
        configHover(parseConfig(name.text, '/p/bluebook.config.yaml'), name.position)?.contents as {
          value: string;
        }
      ).value,
      /^\*\*services\.payments\*\* — mock service `payments\.mock\.yaml`: Fields: `url`, `port`, `host`\.$/,
    );
  });

  void it('hovers ${services.NAME.field} in the config and in a suite', () => {
    const marked = [...SERVICES, 'environments:', '  local: { baseUrl: "${services.api.u|rl}" }'].join('\n');
    const { text, position } = cursor(marked);
    const found = configHover(parseConfig(text, '/p/bluebook.config.yaml'), position);
    assert.equal(
      (found?.contents as { value: string }).value,
      '**services.api.url** — service `npm start`: Base URL of the running service: `http://127.0.0.1:PORT`.',
    );
    assert.equal(textOf(text, found!.range!), '${services.api.url}');
    const other = cursor(
      [...SERVICES, 'environments:', '  local: { baseUrl: "${services.web.u|rl}" }'].join('\n'),
    );
    assert.match(
      (
        configHover(parseConfig(other.text, '/p/bluebook.config.yaml'), other.position)?.contents as {
          value: string;
        }
      ).value,
      /no service `web`/,
    );

    const root = project({ 'bluebook.config.yaml': SERVICES.join('\n') + '\n' });
    const suite = cursor(['baseUrl: "${services.paym|ents.port}"', 'tests: {}', ''].join('\n'));
    const onSuite = hover(analyzeIn(root, 'a.bluebook.yaml', suite.text), suite.position);
    assert.match(
      (onSuite?.contents as { value: string }).value,
      /^\*\*services\.payments\.port\*\* — mock service `payments\.mock\.yaml`: Port/,
    );
  });

  void it('reports the services parser’s problems as config diagnostics, located', () => {
    const text = [...SERVICES, '  web:', '    comand: vite', ''].join('\n');
    const found = configDiagnostics(parseConfig(text, '/p/bluebook.config.yaml'));
    assert.ok(
      found.some((d) => d.code === 'invalid-config' && textOf(text, d.range) === 'comand'),
      JSON.stringify(found),
    );
  });

  void it('completes ${services. in a suite from its config', () => {
    const root = project({ 'bluebook.config.yaml': SERVICES.join('\n') + '\n' });
    const marked = ['baseUrl: "${services.|"', 'tests: {}', ''].join('\n');
    const { text, position } = cursor(marked);
    const analyzed = analyzeIn(root, 'api.bluebook.yaml', text);
    const items = completion(analyzed, position).items;
    assert.deepEqual(
      items.map((item) => item.label),
      ['services.api', 'services.payments'],
    );
    const root2 = cursor(['baseUrl: "${|"', 'tests: {}', ''].join('\n'));
    const top = completion(analyzeIn(root, 'b.bluebook.yaml', root2.text), root2.position).items;
    assert.ok(top.some((item) => item.label === 'services.'));
  });
});
