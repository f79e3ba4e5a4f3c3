// Which services a run starts (core/src/services/select.ts): those the selected environment,
// the config's defaults/setup/teardown or the suites refer to, plus what they wait for, in order.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig } from '../../../core/src/config.js';
import { servicesFor } from '../../../core/src/services/index.js';

const config = parseConfig(
  `services:
  api:
    command: node api.js
    env: { PAYMENTS_URL: "\${services.payments.url}" }
    dependsOn: db
  db: { command: node db.js }
  payments: { mock: ./payments.mock.yaml }
  search: { command: node search.js }
  worker: { command: node worker.js, dependsOn: [search] }
  unused: { command: node unused.js }
environments:
  local: { baseUrl: "\${services.api.url}" }
  scripted: { baseUrl: "\${{ services.worker.url }}" }
  remote: { baseUrl: https://example.test }
defaultEnvironment: local
`,
  '/p/bluebook.config.yaml',
);

void describe('servicesFor', () => {
  void test('the environment’s services with their dependsOn and env references, each after what it waits for', () => {
    assert.deepEqual(config.errors, []);
    assert.deepEqual(servicesFor(config, 'local'), ['db', 'payments', 'api']);
  });

  void test('`${{ }}` references count', () => {
    assert.deepEqual(servicesFor(config, 'scripted'), ['search', 'worker']);
  });

  void test('an environment that refers to none starts none', () => {
    assert.deepEqual(servicesFor(config, 'remote'), []);
    assert.deepEqual(servicesFor(config, undefined), []);
    assert.deepEqual(servicesFor(config, 'nope'), []);
  });

  void test('suite texts add the services they use', () => {
    assert.deepEqual(servicesFor(config, 'remote', ['url: ${services.search.url}/q']), ['search']);
  });

  void test('defaults, setup and teardown count', () => {
    const withHooks = parseConfig(
      `services:
  a: { command: x }
  b: { command: y }
  c: { command: z }
defaults: { headers: { x-a: "\${services.a.port}" } }
setup:
  - name: seed
    POST: "\${services.b.url}/seed"
teardown:
  - name: clean
    POST: "\${services.c.url}/clean"
`,
      '/p/bluebook.config.yaml',
    );
    assert.deepEqual(withHooks.errors, []);
    assert.deepEqual(servicesFor(withHooks, undefined), ['a', 'b', 'c']);
  });

  void test('unknown names are ignored (validation reports them)', () => {
    assert.deepEqual(servicesFor(config, 'remote', ['${services.nope.url}']), []);
  });
});
