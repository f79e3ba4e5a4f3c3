// `unknown-operation` (SPEC §11): a step's path or method the config's OpenAPI document lacks.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadValidationContext, parseSuite, validateSuite } from '../../../../core/src/index.js';
import { loadOperationIndex } from '../../../../core/src/openapi/operations.js';
import { OPENAPI_FILES } from '../../../support/openapiDoc.js';
import { project } from '../../server/helpers.js';

const SUITE = `tests:
  t:
    steps:
      - GET: \${baseUrl}/usres/1
      - DELETE: /users/\${id}
      - GET: /users/\${id}/avatar.png
      - POST: https://api.example.com/v1/users
      - GET: https://elsewhere.test/nothing
      - GET: /v1/users?q=x
`;

async function diagnosticsOf(config: string, text = SUITE) {
  const root = project({ ...OPENAPI_FILES, 'bluebook.config.yaml': config });
  const path = join(root, 'a.bluebook.yaml');
  const context = loadValidationContext(path);
  context.openapi = await loadOperationIndex(join(root, 'openapi.yaml'));
  const doc = parseSuite(text, path);
  return validateSuite(doc, context)
    .diagnostics.filter((d) => d.code === 'unknown-operation')
    .map((d) => [d.severity, text.slice(d.span.start, d.span.end), d.message]);
}

void describe('unknown-operation', () => {
  test('warns on an unknown path (with the closest) and on a method the path lacks', async () => {
    assert.deepEqual(await diagnosticsOf('openapi: ./openapi.yaml\n'), [
      [
        'warning',
        '${baseUrl}/usres/1',
        '`/usres/1` is not a path of the OpenAPI document (openapi.yaml): did you mean `/users/{id}`?',
      ],
      [
        'warning',
        'DELETE',
        '`/users/{id}` has no DELETE operation in the OpenAPI document (openapi.yaml); it declares GET, PUT.',
      ],
    ]);
  });

  test("offers the closest path, with the step's values in its parameters, as a fix", async () => {
    const root = project({ ...OPENAPI_FILES, 'bluebook.config.yaml': 'openapi: ./openapi.yaml\n' });
    const path = join(root, 'a.bluebook.yaml');
    const context = loadValidationContext(path);
    context.openapi = await loadOperationIndex(join(root, 'openapi.yaml'));
    const text =
      'tests:\n  t:\n    steps:\n      - GET: ${baseUrl}/usres/${id}?full=1\n      - GET: "/usres"\n';
    const fixes = validateSuite(parseSuite(text, path), context)
      .diagnostics.filter((d) => d.code === 'unknown-operation')
      .map((d) => d.fixes?.map((fix) => [fix.title, text.slice(fix.span.start, fix.span.end), fix.newText]));
    assert.deepEqual(fixes, [
      [
        [
          'Change to `${baseUrl}/users/${id}?full=1`',
          '${baseUrl}/usres/${id}?full=1',
          '${baseUrl}/users/${id}?full=1',
        ],
      ],
      undefined,
    ]);
  });

  test('says how to fix a path with no close match', async () => {
    const text = 'tests:\n  t:\n    steps:\n      - GET: /orders/1/lines/2\n';
    assert.deepEqual(await diagnosticsOf('openapi: ./openapi.yaml\n', text), [
      [
        'warning',
        '/orders/1/lines/2',
        '`/orders/1/lines/2` is not a path of the OpenAPI document (openapi.yaml): fix the path or add it to the document.',
      ],
    ]);
  });

  test('checks absolute URLs of an environment baseUrl', async () => {
    const text = 'tests:\n  t:\n    steps:\n      - GET: http://127.0.0.1:4010/nope\n';
    const config = 'openapi: ./openapi.yaml\nenvironments:\n  local: { baseUrl: http://127.0.0.1:4010 }\n';
    assert.equal((await diagnosticsOf(config, text)).length, 1);
  });

  test('nothing without `openapi:` in the config', async () => {
    assert.deepEqual(await diagnosticsOf('environments: { local: { baseUrl: http://x } }\n'), []);
  });
});
