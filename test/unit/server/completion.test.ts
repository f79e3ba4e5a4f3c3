import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { completion } from '../../../server/src/features/completion.js';
import { analyzeIn, analyzeText, cursor, project } from './helpers.js';

function labels(marked: string): string[] {
  const { text, position } = cursor(marked);
  return completion(analyzeText(text), position).items.map((item) => item.label);
}

void describe('completion', () => {
  void it('offers suite keys at the top level, without those already present', () => {
    const found = labels('name: x\nba|\n');
    assert.ok(found.includes('baseUrl'));
    assert.ok(found.includes('tests'));
    assert.ok(!found.includes('name'));
  });

  void it('offers method keys with a URL snippet on a new step', () => {
    const { text, position } = cursor('tests:\n  t:\n    steps:\n      - G|\n');
    const items = completion(analyzeText(text), position).items;
    const get = items.find((item) => item.label === 'GET');
    assert.ok(get, 'GET offered');
    assert.equal(get.insertText, 'GET: ${1:/path}');
    assert.ok(items.some((item) => item.label === 'expect'));
  });

  void it('does not offer a second method key in a step that has one', () => {
    const found = labels('tests:\n  t:\n    steps:\n      - GET: /a\n        |\n');
    assert.ok(!found.includes('POST'));
    assert.ok(found.includes('headers'));
    assert.ok(found.includes('expect'));
  });

  void it('offers expectation kinds under expect', () => {
    const found = labels('tests:\n  t:\n    steps:\n      - GET: /a\n        expect:\n          st|\n');
    assert.deepEqual(found.sort(), [
      'assert',
      'body',
      'bytes',
      'css',
      'duration',
      'headers',
      'json',
      'schema',
      'snapshot',
      'status',
      'text',
      'xpath',
    ]);
  });

  void it('offers status codes with reason phrases', () => {
    const { text, position } = cursor(
      'tests:\n  t:\n    steps:\n      - GET: /a\n        expect:\n          status: |\n',
    );
    const items = completion(analyzeText(text), position).items;
    const created = items.find((item) => item.label === '201');
    assert.equal(created?.detail, 'Created');
    assert.ok(items.some((item) => item.label === '2xx'));
  });

  void it('offers header names and common values', () => {
    assert.ok(
      labels('tests:\n  t:\n    steps:\n      - GET: /a\n        headers:\n          c|\n').includes(
        'content-type',
      ),
    );
    assert.ok(
      labels(
        'tests:\n  t:\n    steps:\n      - GET: /a\n        headers:\n          content-type: |\n',
      ).includes('application/json'),
    );
  });

  void it('offers matcher operators in a flow map under a JSONPath', () => {
    const found = labels(
      'tests:\n  t:\n    steps:\n      - GET: /a\n        expect:\n          json:\n            $.id: { ty|\n',
    );
    assert.ok(found.includes('type'));
    assert.ok(found.includes('gt'));
    const types = labels(
      'tests:\n  t:\n    steps:\n      - GET: /a\n        expect:\n          json:\n            $.id: { type: |\n',
    );
    assert.ok(types.includes('integer'));
  });

  void it('offers variables visible at the cursor inside ${, with where they are defined', () => {
    const { text, position } = cursor(
      'variables:\n  userName: Ada\nbefore:\n  - POST: /login\n    capture:\n      token: $.token\ntests:\n  t:\n    steps:\n      - POST: /users\n        capture:\n          userId: $.id\n      - GET: /users/${u|\n  other:\n    steps:\n      - GET: /x\n        capture:\n          later: $.x\n',
    );
    const items = completion(analyzeText(text), position).items;
    const names = items.map((item) => item.label);
    assert.ok(names.includes('userName'));
    assert.ok(names.includes('token'));
    assert.ok(names.includes('userId'));
    assert.ok(!names.includes('later'), 'captures of other tests are not visible');
    assert.ok(names.includes('uuid()'));
    assert.match(String(items.find((item) => item.label === 'userId')?.detail), /capture of step 1/);
  });

  void it('offers environment keys and .env names from the project', () => {
    const root = project({
      'bluebook.config.yaml': 'environments:\n  local: { baseUrl: "http://127.0.0.1:1" }\n',
      '.env': 'API_TOKEN=abc\n',
    });
    const { text, position } = cursor('tests:\n  t:\n    steps:\n      - GET: ${b|\n');
    assert.ok(
      completion(analyzeIn(root, 'a.bluebook.yaml', text), position).items.some(
        (item) => item.label === 'baseUrl',
      ),
    );
    const env = cursor('tests:\n  t:\n    steps:\n      - GET: ${env.|\n');
    assert.deepEqual(
      completion(analyzeIn(root, 'a.bluebook.yaml', env.text), env.position).items.map((item) => item.label),
      ['env.API_TOKEN'],
    );
  });

  void it('offers files for schema: relative to the suite', () => {
    const root = project({ 'schemas/user.schema.json': '{}', 'data.csv': 'a\n1\n' });
    const { text, position } = cursor(
      'tests:\n  t:\n    steps:\n      - GET: /a\n        expect:\n          schema: ./schemas/|\n',
    );
    const items = completion(analyzeIn(root, 'a.bluebook.yaml', text), position).items;
    assert.deepEqual(
      items.map((item) => item.label),
      ['user.schema.json'],
    );
    const each = cursor('tests:\n  t:\n    each: |\n');
    assert.ok(
      completion(analyzeIn(root, 'a.bluebook.yaml', each.text), each.position).items.some(
        (item) => item.label === 'data.csv',
      ),
    );
  });
});
