import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { importHttpFile } from '../../../../core/src/import/http.js';
import { ImportError } from '../../../../core/src/import/types.js';
import { assertSuites, FIXTURES } from './helpers.js';

type Suite = {
  name: string;
  variables: Record<string, string>;
  tests: Record<string, { name: string; steps: Record<string, unknown>[] }>;
};

test('a .http file becomes one suite: ### blocks, @variables, {{var}}, query continuation lines, bodies', () => {
  const result = importHttpFile(readFileSync(join(FIXTURES, 'requests.http'), 'utf8'), 'requests.http');
  assertSuites(result.files);
  assert.equal(result.files[0].name, 'requests.bluebook.yaml');
  const suite = parse(result.files[0].text) as Suite;
  assert.deepEqual(suite.variables, { baseUrl: 'https://api.example.com', token: '${env.API_TOKEN}' });
  assert.deepEqual(Object.keys(suite.tests), [
    'list-users',
    'create-user',
    'upload',
    'get-health',
    'form-login',
  ]);
  assert.deepEqual(suite.tests['list-users'].steps[0], {
    GET: '${baseUrl}/users?page=2&sort=name',
    headers: { accept: 'application/json', authorization: 'Bearer ${token}' },
  });
  assert.deepEqual(suite.tests['create-user'].steps[0], {
    POST: '${baseUrl}/users',
    json: { name: 'Ada', id: '${uuid()}' },
  });
  assert.deepEqual(suite.tests['get-health'].steps[0], { GET: 'https://api.example.com/health' });
  assert.deepEqual(suite.tests['form-login'].steps[0].form, { user: 'admin', password: '${password}' });
});

test('response handlers, bodies from files and unsupported methods are reported with their line', () => {
  const { problems } = importHttpFile(readFileSync(join(FIXTURES, 'requests.http'), 'utf8'), 'requests.http');
  assert.deepEqual(
    problems.map((problem) => problem.slice(0, problem.indexOf(':', problem.indexOf('line')) + 1)),
    ['request at line 13:', 'request at line 26:', 'request at line 42:'],
  );
  assert.match(problems[0], /response handler script/);
  assert.match(problems[1], /< \.\/note\.txt/);
  assert.match(problems[2], /CONNECT/);
});

test('a file without a request, or a binary file, is an ImportError', () => {
  assert.throws(() => importHttpFile('# only a comment\n@a = 1\n', 'empty.http'), ImportError);
  assert.throws(() => importHttpFile('GET \u0000\u0001', 'blob.http'), /not a text file/);
});
