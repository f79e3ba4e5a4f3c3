// `${services.NAME.url|port|host}` in suites and in bluebook.config.yaml: defined when the config
// declares services (the run provides the variable), and a name it does not declare is reported
// with the declared ones.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkConfigInterpolations,
  parseConfig,
  parseSuite,
  validateSuite,
} from '../../../core/src/index.js';

const CONFIG = `services:
  api: { command: node api.js }
  payments: { command: node payments.js }
environments:
  local: { baseUrl: "\${services.api.url}", other: "\${services.paymnts.url}" }
defaults:
  headers: { x-port: "\${services.api.port}" }
`;
const config = parseConfig(CONFIG, '/p/bluebook.config.yaml');

function suiteErrors(expression: string, withConfig = config): string[] {
  const text = `tests:\n  t:\n    steps:\n      - GET: "\${${expression}}/x"\n`;
  const doc = parseSuite(text, '/p/a.bluebook.yaml');
  return validateSuite(doc, { config: withConfig, checkFiles: false })
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => `${d.code}: ${d.message} @${text.slice(d.span.start, d.span.end)}`);
}

void describe('services in validation', () => {
  void test('a declared service is defined in suites', () => {
    assert.deepEqual(config.errors, []);
    assert.deepEqual(suiteErrors('services.api.url'), []);
    assert.deepEqual(suiteErrors('services.payments.port'), []);
  });

  void test('an undeclared service is reported with the declared ones', () => {
    assert.deepEqual(suiteErrors('services.paymnts.url'), [
      'undefined-variable: unknown service `paymnts` in `${services.paymnts.url}` — did you mean `payments`? bluebook.config.yaml declares: api, payments. @paymnts',
    ]);
  });

  void test('a service has url, port and host only', () => {
    assert.deepEqual(suiteErrors('services.api.uri'), [
      'invalid-interpolation: `${services.api.uri}`: a service has `url`, `port` and `host` — did you mean `url`? @${services.api.uri}',
    ]);
  });

  void test('without declared services, `services` is an undefined variable', () => {
    const none = parseConfig('environments: { local: {} }\n', '/p/bluebook.config.yaml');
    const [message] = suiteErrors('services.api.url', none);
    assert.match(message, /^undefined-variable: undefined variable `services`/);
  });

  void test('in the config: environment values and defaults refer to declared services', () => {
    const problems = checkConfigInterpolations(config, new Set(['baseUrl', 'other'])).map(
      (d) => `${d.code}: ${d.message} @${CONFIG.slice(d.span.start, d.span.end)}`,
    );
    assert.deepEqual(problems, [
      'undefined-variable: unknown service `paymnts` in `${services.paymnts.url}` — did you mean `payments`? bluebook.config.yaml declares: api, payments. @paymnts',
    ]);
  });
});
