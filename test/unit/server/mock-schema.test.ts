import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { OPERATOR_NAMES } from '../../../core/src/index.js';
import { MOCK_KEYS, MOCK_METHODS, type MockKeyContext } from '../../../core/src/mock/keys.js';

const schema = JSON.parse(readFileSync('schemas/bluebook-mock.schema.json', 'utf8'));
const definitions = schema.definitions;

/** Where each mock key context lives in the schema. */
const LOCATIONS: Record<MockKeyContext, Record<string, { description?: string }>> = {
  mock: schema.properties,
  route: definitions.route.properties,
  respond: definitions.response.properties,
  resource: definitions.resource.properties,
};

const SPEC_EXAMPLE = `
name: payments
port: 4020
routes:
  - GET: /payments/:id
    headers: { authorization: { startsWith: "Bearer " } }
    respond:
      status: 200
      json: { id: "\${params.id}", amount: 42, status: paid }
      delay: 150ms
  - GET: /flaky
    respond: [ { status: 503 }, { status: 200, json: { ok: true } } ]
  - GET: /broken
    respond: { fault: reset }
resources:
  users: { path: /users, seed: ./data/users.json }
openapi: ./openapi.yaml
`;

void describe('schemas/bluebook-mock.schema.json', () => {
  void it('declares exactly the keys of core/src/mock/keys.ts, with the same documentation', () => {
    for (const [context, properties] of Object.entries(LOCATIONS) as [
      MockKeyContext,
      Record<string, { description?: string }>,
    ][]) {
      assert.deepEqual(
        Object.keys(properties).sort(),
        MOCK_KEYS[context].map((entry) => entry.key).sort(),
        context,
      );
      for (const entry of MOCK_KEYS[context])
        assert.equal(properties[entry.key].description, entry.doc, `${context}.${entry.key}`);
    }
  });

  void it('declares every matcher operator and requires exactly one method per route', () => {
    assert.deepEqual(Object.keys(definitions.matcher.properties).sort(), [...OPERATOR_NAMES].sort());
    assert.deepEqual(
      definitions.route.oneOf.map((branch: { required: string[] }) => branch.required[0]),
      [...MOCK_METHODS],
    );
  });

  void it('accepts the SPEC example and rejects what the mock parser rejects', () => {
    const validate = new Ajv({ strict: false }).compile(schema);
    assert.ok(validate(parse(SPEC_EXAMPLE)), JSON.stringify(validate.errors));
    assert.equal(validate({ routes: [{ GET: '/a', POST: '/a' }] }), false);
    assert.equal(validate({ routes: [{ GET: '/a', respnd: { status: 200 } }] }), false);
    assert.equal(validate({ routes: [{ GET: '/a', respond: { fault: 'explode' } }] }), false);
    assert.equal(validate({ resources: { users: { seed: './users.json' } } }), false);
    assert.equal(validate({ routes: [{ GET: '/a', respond: { status: 700 } }] }), false);
    assert.equal(validate({ routes: [{ GET: '/a', respond: { delay: 'soon' } }] }), false);
    assert.equal(validate({ port: 70000 }), false);
    assert.equal(validate({ routes: [{ GET: '/a', respond: { status: '${code}' } }] }), false);
    assert.equal(validate({ routes: [{ GET: '/a', respond: { body: 42 } }] }), true);
  });
});
