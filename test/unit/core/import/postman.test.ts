import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { importPostman } from '../../../../core/src/import/postman.js';
import { ImportError } from '../../../../core/src/import/types.js';
import { assertSuites, FIXTURES } from './helpers.js';

const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');

type Suite = {
  name: string;
  variables: Record<string, string>;
  tests: Record<string, { name: string; steps: Record<string, unknown>[] }>;
};

test('a v2.1 collection becomes one suite: folders in test ids and names, variables, inherited auth', () => {
  const result = importPostman(fixture('postman-v21.json'));
  assertSuites(result.files);
  assert.equal(result.files[0].name, 'shop-api.bluebook.yaml');
  const suite = parse(result.files[0].text) as Suite;
  assert.equal(suite.name, 'Shop API');
  assert.deepEqual(suite.variables, { baseUrl: 'https://shop.example.com', token: 'dev-token' });
  assert.deepEqual(Object.keys(suite.tests), [
    'users-list-users',
    'users-create-user',
    'admin-login-form',
    'admin-signed-call',
    'health',
  ]);
  assert.equal(suite.tests['users-list-users'].name, 'Users › List users');
  assert.deepEqual(suite.tests['users-list-users'].steps[0], {
    GET: '${baseUrl}/users?page=${page}',
    headers: { accept: 'application/json' },
    auth: { bearer: '${token}' },
  });
  assert.deepEqual(suite.tests['users-create-user'].steps[0].json, {
    name: '${name}',
    id: '${uuid()}',
    note: '$${kept}',
  });
  assert.deepEqual(suite.tests['admin-login-form'].steps[0].auth, {
    basic: { username: 'admin', password: '${adminPassword}' },
  });
  assert.deepEqual(suite.tests['admin-login-form'].steps[0].form, { user: 'admin', remember: 'yes' });
  assert.equal(suite.tests.health.steps[0].auth, undefined);
});

test('scripts are listed per request (and per collection/folder), unsupported auth is named', () => {
  const { problems } = importPostman(fixture('postman-v21.json'));
  assert.deepEqual(
    problems.map((problem) => problem.replace(/ not converted.*/, '')),
    [
      'collection: pre-request script (1 line)',
      'request "Users / List users": pre-request script (2 lines)',
      'request "Users / List users": test script (1 line)',
      'request "Admin / Signed call": awsv4 auth is not supported (bearer and basic are): dropped',
    ],
  );
});

test('a v1 collection, a corrupt file and other JSON are clear ImportErrors', () => {
  assert.throws(
    () => importPostman(fixture('postman-v1.json')),
    (error: unknown) => {
      assert.ok(error instanceof ImportError);
      assert.match(error.message, /v1.*not supported.*Collection v2\.1/);
      return true;
    },
  );
  assert.throws(() => importPostman(fixture('postman-corrupt.json')), /not valid JSON/);
  assert.throws(() => importPostman('[1, 2]'), /expected a JSON object/);
  assert.throws(() => importPostman('{"info": {"name": "x"}, "item": []}'), /info\.schema/);
});

test('odd variable names and unknown dynamic variables stay as text and are reported', () => {
  const collection = {
    info: { name: 'Odd', schema: 'https://schema.getpostman.com/json/collection/v2.0.0/collection.json' },
    item: [{ name: 'r', request: { method: 'GET', url: 'https://h/{{a b}}/{{$randomColor}}' } }],
  };
  const result = importPostman(JSON.stringify(collection));
  assertSuites(result.files);
  assert.match(result.files[0].text, /GET: https:\/\/h\/\{\{a b\}\}\/\{\{\$randomColor\}\}/);
  assert.equal(result.problems.length, 2);
});

test('odd shapes inside a v2.1 collection are skipped or reported, never a crash', () => {
  const collection = {
    info: {
      name: 'Odd shapes',
      schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
    },
    event: 'x',
    item: [
      null,
      { name: 'no url', request: { method: 'GET' } },
      { name: 'weird', request: { url: 'https://h/a', header: 'x', body: { mode: 'raw', raw: 7 } } },
    ],
  };
  const result = importPostman(JSON.stringify(collection));
  assertSuites(result.files);
  assert.deepEqual(Object.keys((parse(result.files[0].text) as Suite).tests), ['weird']);
  assert.deepEqual(result.problems, ['request "no url": no URL: skipped']);
});
