// Response templates (core/src/mock/template.ts): ${params.*}, ${query.*}, ${headers.*},
// ${request.json…}, ${request.body}, types kept for a whole value, and clear errors.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { renderResponse, TemplateError } from '../../../../core/src/mock/template.js';
import { parseMock } from '../../../../core/src/mock/parse.js';
import type { MockRequest } from '../../../../core/src/mock/types.js';

function responseOf(
  respond: string,
): ReturnType<typeof parseMock>['model']['routes'][number]['responses'][number] {
  const doc = parseMock(`routes:\n  - ANY: /x/:id\n    respond: ${respond}\n`, '/m/t.mock.yaml');
  assert.deepEqual(doc.diagnostics, []);
  return doc.model.routes[0].responses[0];
}

const req: MockRequest = {
  method: 'POST',
  path: '/x/42',
  query: { q: 'shoes', tag: ['a', 'b'] },
  headers: { 'x-request-id': 'r-1', 'content-type': 'application/json' },
  body: Buffer.from('{"amount":12.5,"user":{"name":"ada"}}'),
  json: { amount: 12.5, user: { name: 'ada' } },
};

void describe('response templates', () => {
  void test('strings stay strings; a whole ${...} keeps the value type', async () => {
    const reply = await renderResponse(
      responseOf(
        '{ status: 201, headers: { x-id: "${params.id}", x-req: "${headers.x-request-id}" }, json: { id: "${params.id}", amount: "${request.json.amount}", who: "${request.json.user.name}!", q: "${query.q}", tags: "${query.tag}", user: "${request.json.user}" } }',
      ),
      req,
      { id: '42' },
      '/m',
    );
    assert.equal(reply.status, 201);
    assert.deepEqual(reply.headers, { 'x-id': '42', 'x-req': 'r-1' });
    assert.deepEqual(reply.json, {
      id: '42',
      amount: 12.5,
      who: 'ada!',
      q: 'shoes',
      tags: ['a', 'b'],
      user: { name: 'ada' },
    });
  });

  void test('body text and request.body', async () => {
    const reply = await renderResponse(
      responseOf('{ body: "got ${request.body} for ${params.id}" }'),
      req,
      { id: '42' },
      '/m',
    );
    assert.equal(reply.body, 'got {"amount":12.5,"user":{"name":"ada"}} for 42');
  });

  void test('a template naming something missing throws a TemplateError saying what', async () => {
    await assert.rejects(
      renderResponse(responseOf('{ json: { n: "${request.json.missing}" } }'), req, { id: '42' }, '/m'),
      (error: unknown) =>
        error instanceof TemplateError && /`request\.json\.missing` is not defined/.test(error.message),
    );
    await assert.rejects(
      renderResponse(responseOf('{ json: { n: "${user}" } }'), req, {}, '/m'),
      (error: unknown) =>
        error instanceof TemplateError && /params, query, headers, request/.test(error.message),
    );
  });

  void test('static responses are passed through untouched; delay and fault carried', async () => {
    const reply = await renderResponse(responseOf('{ json: { a: [1, 2] }, delay: 2s }'), req, {}, '/m');
    assert.deepEqual(reply.json, { a: [1, 2] });
    assert.equal(reply.delayMs, 2000);
    assert.equal((await renderResponse(responseOf('{ fault: hang }'), req, {}, '/m')).fault, 'hang');
  });

  void test('file bodies are read relative to the mock folder; a missing one is a TemplateError', async () => {
    await assert.rejects(
      renderResponse(responseOf('{ file: ./nope.json }'), req, {}, '/m'),
      (error: unknown) => error instanceof TemplateError && /nope\.json/.test(error.message),
    );
  });
});
