import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { curlStep, importCurl } from '../../../../core/src/import/curl.js';
import { ImportError } from '../../../../core/src/import/types.js';
import { assertSuites, FIXTURES } from './helpers.js';

const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');

function onlyStep(command: string): Record<string, unknown> {
  const result = importCurl(command);
  assertSuites(result.files);
  const suite = parse(result.files[0].text) as {
    tests: Record<string, { steps: Record<string, unknown>[] }>;
  };
  return Object.values(suite.tests)[0].steps[0];
}

test('a multi-line curl command becomes one test with method, headers, auth, json, cookies', () => {
  const result = importCurl(fixture('curl-full.sh'));
  assertSuites(result.files);
  assert.deepEqual(result.problems, []);
  assert.equal(result.files[0].name, 'put-users-42.bluebook.yaml');
  assert.deepEqual(parse(result.files[0].text), {
    name: 'Imported from curl: PUT /users/42',
    tests: {
      'put-users-42': {
        name: 'PUT /users/42',
        steps: [
          {
            PUT: 'https://api.example.com/users/42?dry=1',
            headers: {
              'x-template': '$${kept}',
              cookie: 'session=abc',
              'user-agent': 'bluebook-test',
              referer: 'https://ref.example.com',
            },
            auth: { bearer: '${env.API_TOKEN}' },
            json: { name: 'Ada', roles: ['admin'] },
            followRedirects: true,
            timeout: '2500ms',
          },
        ],
      },
    },
  });
});

test('options Bluebook cannot express are named in the report', () => {
  const result = importCurl(fixture('curl-unsupported.sh'));
  assertSuites(result.files);
  for (const option of ['-k', '--cert', '--proxy', '-o', '--frobnicate', '-d @body.json']) {
    assert.ok(
      result.problems.some((problem) => problem.includes(option)),
      `${option} missing from ${JSON.stringify(result.problems)}`,
    );
  }
});

test('-d without a content type is a form; a JSON -d without one is json; --data-binary is kept', () => {
  assert.deepEqual(onlyStep("curl http://h/login -d 'user=ada&scope=a&scope=b'").form, {
    user: 'ada',
    scope: ['a', 'b'],
  });
  assert.deepEqual(onlyStep(`curl http://h/x --data '{"a":1}'`).json, { a: 1 });
  assert.deepEqual(onlyStep(`curl http://h/x --data-binary 'raw' -H 'content-type: text/plain'`).body, 'raw');
  assert.equal(onlyStep('curl http://h/x -d a=1').POST, 'http://h/x');
});

test('-G moves the data to the query; -u is basic auth; -F is multipart with files; --url sets the URL', () => {
  const get = onlyStep('curl -G --url https://h/search -d q=ada -u admin:pw');
  assert.equal(get.GET, 'https://h/search');
  assert.deepEqual(get.query, { q: 'ada' });
  assert.deepEqual(get.auth, { basic: { username: 'admin', password: 'pw' } });
  const upload = onlyStep("curl -F 'note=hi' -F 'image=@./a.png;type=image/png' https://h/up");
  assert.deepEqual(upload.multipart, { note: 'hi', image: { file: './a.png', contentType: 'image/png' } });
  assert.equal(onlyStep('curl -XDELETE example.com/a').DELETE, 'http://example.com/a');
});

test('a pipe is reported; a method Bluebook does not send is reported', () => {
  const piped = importCurl('curl https://h/x | jq .');
  assert.match(piped.problems.join('\n'), /shell operator `\|`/);
  assert.match(importCurl('curl -X PROPFIND https://h/x').problems.join('\n'), /PROPFIND/);
});

test('something that is not a curl command, or has no URL, is an ImportError', () => {
  assert.throws(() => importCurl('wget https://h/x'), ImportError);
  assert.throws(() => importCurl('curl -H "a: b"'), /no URL/);
  assert.throws(() => importCurl('curl https://h -H'), /needs a value/);
});

test('a body option whose value was dropped still makes the request a POST, as in curl', () => {
  const result = importCurl('curl -d @body.json https://h/upload');
  assert.match(result.files[0].text, /- POST: https:\/\/h\/upload/);
  assert.equal(result.files[0].name, 'post-upload.bluebook.yaml');
});

test('curlStep: one step as a YAML list item, with what could not be converted', () => {
  const result = curlStep(
    `curl -k -X POST https://api.example.com/users -H 'Content-Type: application/json' -d '{"name":"Ada"}'`,
  );
  assert.deepEqual(result.problems, ['curl option -k is not supported by Bluebook: dropped']);
  assert.equal(result.text, '- POST: https://api.example.com/users\n  json:\n    name: Ada\n');
  assert.deepEqual(parse(result.text), [
    onlyStep(
      `curl -X POST https://api.example.com/users -H 'Content-Type: application/json' -d '{"name":"Ada"}'`,
    ),
  ]);
});

test('curlStep: a command that is not curl is an ImportError', () => {
  assert.throws(() => curlStep('wget https://example.com'), ImportError);
});
