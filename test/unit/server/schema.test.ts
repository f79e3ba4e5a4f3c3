import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { HTTP_METHODS, KEYS, OPERATOR_NAMES, type KeyContext } from '../../../core/src/index.js';

const schema = JSON.parse(readFileSync('schemas/bluebook.schema.json', 'utf8'));
const definitions = schema.definitions;

/** Where each key context lives in the schema. */
const LOCATIONS: Record<KeyContext, Record<string, { description?: string }>> = {
  suite: schema.properties,
  defaults: schema.properties.defaults.properties,
  test: definitions.test.properties,
  step: definitions.step.properties,
  expect: definitions.expect.properties,
  retry: definitions.retry.properties,
  auth: definitions.auth.properties,
  script: definitions.script.properties,
};

void describe('schemas/bluebook.schema.json', () => {
  void it('declares exactly the keys of core/src/keys.ts, with the same documentation', () => {
    for (const [context, properties] of Object.entries(LOCATIONS) as [
      KeyContext,
      Record<string, { description?: string }>,
    ][]) {
      assert.deepEqual(
        Object.keys(properties).sort(),
        KEYS[context].map((entry) => entry.key).sort(),
        context,
      );
      for (const entry of KEYS[context])
        assert.equal(properties[entry.key].description, entry.doc, `${context}.${entry.key}`);
    }
  });

  void it('declares every matcher operator and requires one method (or `use`) per step', () => {
    assert.deepEqual(Object.keys(definitions.matcher.properties).sort(), [...OPERATOR_NAMES].sort());
    assert.deepEqual(
      definitions.step.oneOf.map((branch: { required: string[] }) => branch.required[0]),
      [...HTTP_METHODS, 'use'],
    );
  });

  void it('accepts the example suites and rejects a step with two methods', () => {
    const ajv = new Ajv({ strict: false });
    (addFormats as unknown as (a: Ajv) => void)(ajv);
    const validate = ajv.compile(schema);
    for (const name of ['users', 'jobs', 'health']) {
      assert.ok(
        validate(parse(readFileSync(`examples/${name}.bluebook.yaml`, 'utf8'))),
        `${name}: ${JSON.stringify(validate.errors)}`,
      );
    }
    assert.equal(validate({ tests: { t: { steps: [{ GET: '/a', POST: '/b' }] } } }), false);
    assert.equal(
      validate({ tests: { t: { steps: [{ use: './auth.bluebook.yaml#login', with: { user: 'a' } }] } } }),
      true,
    );
    assert.equal(validate({ tests: { t: { steps: [{ use: '#login', GET: '/a' }] } } }), false);
    assert.equal(validate({ tests: { t: { stepz: [] } } }), false);
  });
});
