// Completion and hover from the config's OpenAPI document (SPEC §11), on analysed suites.
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import type { CompletionItem, TextEdit } from 'vscode-languageserver';
import { loadOperationIndex } from '../../../core/src/openapi/operations.js';
import { OperationIndex } from '../../../core/src/openapi/paths.js';
import { completion } from '../../../server/src/features/completion.js';
import { openapiHover } from '../../../server/src/features/openapiHover.js';
import { OPENAPI_FILES } from '../../support/openapiDoc.js';
import { analyzeIn, cursor, project, textOf } from './helpers.js';

let root: string;
let index: OperationIndex;

before(async () => {
  root = project({ ...OPENAPI_FILES, 'bluebook.config.yaml': 'openapi: ./openapi.yaml\n' });
  index = await loadOperationIndex(join(root, 'openapi.yaml'));
});

function complete(marked: string, withIndex = true): CompletionItem[] {
  const { text, position } = cursor(marked);
  const analyzed = analyzeIn(root, 'a.bluebook.yaml', text, withIndex ? { openapi: index } : {});
  return completion(analyzed, position).items;
}

const STEP = 'tests:\n  t:\n    steps:\n';

void describe('openapi completion', () => {
  it('completes the paths declaring the method as snippets', () => {
    const items = complete(`${STEP}      - PUT: |\n`);
    assert.deepEqual(
      items.map((item) => [item.label, item.textEdit?.newText, item.detail]),
      [['/users/{id}', '/users/${1:id}', 'Replace a user']],
    );
  });

  it('keeps `${baseUrl}` and replaces the typed path; a variable named like a parameter is used', () => {
    const marked = `variables: { id: 7 }\n${STEP}      - GET: \${baseUrl}/us|\n`;
    const { text } = cursor(marked);
    const items = complete(marked);
    const one = items.find((item) => item.label === '/users/{id}');
    assert.equal(one?.textEdit?.newText, '/users/\\${id}');
    assert.equal(textOf(text, (one!.textEdit as TextEdit).range), '/us');
    assert.deepEqual(
      items.map((item) => item.label),
      ['/users', '/users/{id}', '/users/{id}/avatar.png'],
    );
  });

  it('offers METHOD: path pairs on a new step, with the summary', () => {
    const items = complete(`${STEP}      - |\n`);
    const pair = items.find((item) => item.label === 'POST /users');
    assert.equal(pair?.insertText, 'POST: /users');
    assert.equal(pair?.detail, 'Create a user');
    assert.ok(
      items.some((item) => item.label === 'GET'),
      'the plain method keys stay',
    );
    assert.ok(
      !complete(`${STEP}      - GET: /users\n        |\n`).some((item) => item.label === 'POST /users'),
    );
  });

  it('completes query parameters, required first, without those written', () => {
    const items = complete(`${STEP}      - GET: /users\n        query:\n          |\n`);
    assert.deepEqual(
      items.map((item) => [item.label, item.detail, (item.documentation as { value: string }).value]),
      [
        ['q', 'required string', 'Search text'],
        ['page', 'optional integer', 'Page number'],
      ],
    );
    const rest = complete(`${STEP}      - GET: /users\n        query:\n          q: x\n          |\n`);
    assert.deepEqual(
      rest.map((item) => item.label),
      ['page'],
    );
  });

  it('completes JSON body keys, nested objects and array items too', () => {
    const body = `${STEP}      - POST: /users\n        json:\n`;
    assert.deepEqual(
      complete(`${body}          |\n`).map((item) => [item.label, item.detail]),
      [
        ['name', 'required string'],
        ['email', 'optional string'],
        ['address', 'optional object'],
        ['tags', 'optional array'],
      ],
    );
    assert.deepEqual(
      complete(`${body}          address:\n            |\n`).map((item) => item.label),
      ['city', 'zip'],
    );
    assert.deepEqual(
      complete(`${body}          tags:\n            - |\n`).map((item) => item.label),
      ['label'],
    );
    assert.deepEqual(
      complete(`${STEP}      - POST: /users\n        json: { name: x, | }\n`).map((item) => item.label),
      ['email', 'address', 'tags'],
    );
  });

  it('puts the declared statuses first, with their descriptions', () => {
    const items = complete(`${STEP}      - GET: /users/1\n        expect:\n          status: |\n`);
    assert.deepEqual(
      items.slice(0, 2).map((item) => [item.label, item.detail]),
      [
        ['200', 'The user'],
        ['404', 'No such user'],
      ],
    );
    assert.equal(items.filter((item) => item.label === '200').length, 1);
    assert.ok(
      items.some((item) => item.label === '500'),
      'the other codes stay',
    );
  });

  it('lists at most 200 paths, narrowed by what is typed, and says the list is incomplete', () => {
    const many = new OperationIndex(
      Array.from({ length: 500 }, (_, n) => ({
        method: 'GET',
        template: `/r${n}`,
        query: [],
        responses: [],
      })),
    );
    const { text, position } = cursor(`${STEP}      - GET: |\n`);
    const all = completion(analyzeIn(root, 'a.bluebook.yaml', text, { openapi: many }), position);
    assert.equal(all.items.length, 200);
    assert.equal(all.isIncomplete, true);
    const typed = cursor(`${STEP}      - GET: /r49|\n`);
    const some = completion(
      analyzeIn(root, 'a.bluebook.yaml', typed.text, { openapi: many }),
      typed.position,
    );
    assert.deepEqual(
      some.items.map((item) => item.label),
      ['/r49', ...Array.from({ length: 10 }, (_, n) => `/r49${n}`)],
    );
    assert.equal(some.isIncomplete, false);
  });

  it('offers nothing from the document before it has loaded', () => {
    assert.deepEqual(complete(`${STEP}      - PUT: |\n`, false), []);
    assert.ok(!complete(`${STEP}      - |\n`, false).some((item) => /^[A-Z]+ \//.test(item.label)));
  });
});

void describe('openapi hover', () => {
  it('shows the operation of the URL under the cursor', () => {
    const { text, position } = cursor(`${STEP}      - GET: \${baseUrl}/users/4|2\n`);
    const analyzed = analyzeIn(root, 'a.bluebook.yaml', text, { openapi: index });
    const hover = openapiHover(analyzed, position);
    assert.equal(
      (hover?.contents as { value: string }).value,
      '**GET /users/{id}** — Get a user\n\nOne user by id.',
    );
    assert.equal(textOf(text, hover!.range!), '${baseUrl}/users/42');
  });
});
