/**
 * `graphql:` steps from the CLI against a loopback GraphQL endpoint: the query and variables
 * arrive as JSON, a failed expectation shows the response's GraphQL errors, and `bluebook
 * validate` locates an unknown field inside the query against the config's schema.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runCli } from './support/cli.js';

let server: Server;
let url: string;
const bodies: unknown[] = [];

before(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        query: string;
        variables?: { id?: string };
      };
      bodies.push({ contentType: req.headers['content-type'], body });
      res.writeHead(200, { 'content-type': 'application/json' });
      const known = !body.query.includes('nope');
      res.end(
        JSON.stringify(
          known
            ? { data: { user: { id: body.variables?.id, name: 'Ada' } } }
            : {
                data: null,
                errors: [
                  {
                    message: 'Cannot query field "nope" on type "User".',
                    path: ['user', 'nope'],
                    locations: [{ line: 2, column: 9 }],
                  },
                ],
              },
        ),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

function project(query: string): string {
  const root = mkdtempSync(join(tmpdir(), 'bluebook-cli-graphql-'));
  writeFileSync(join(root, 'bluebook.config.yaml'), 'graphql: { schema: ./schema.graphql }\n');
  writeFileSync(
    join(root, 'schema.graphql'),
    'type Query { user(id: ID!): User }\ntype User { id: ID! name: String }\n',
  );
  writeFileSync(
    join(root, 'api.bluebook.yaml'),
    [
      'baseUrl: ${baseUrl}',
      'tests:',
      '  user:',
      '    steps:',
      '      - POST: /graphql',
      '        graphql:',
      '          query: |',
      ...query.split('\n').map((line) => `            ${line}`),
      '          variables: { id: "7" }',
      '        expect:',
      '          json: { $.data.user.name: Ada }',
      '',
    ].join('\n'),
  );
  return root;
}

void test('run: sends the query and variables as JSON and passes', async () => {
  const root = project('query ($id: ID!) {\n  user(id: $id) { name }\n}');
  const result = await runCli(['run', 'api.bluebook.yaml', '--var', `baseUrl=${url}`], { cwd: root });
  assert.equal(result.code, 0, result.stdout + result.stderr);
  assert.deepEqual(bodies.at(-1), {
    contentType: 'application/json',
    body: { query: 'query ($id: ID!) {\n  user(id: $id) { name }\n}\n', variables: { id: '7' } },
  });
});

void test('run: a failed expectation shows the GraphQL errors', async () => {
  const root = project('query ($id: ID!) {\n  user(id: $id) { nope }\n}');
  const result = await runCli(['run', 'api.bluebook.yaml', '--var', `baseUrl=${url}`], { cwd: root });
  assert.equal(result.code, 1, result.stdout + result.stderr);
  assert.match(
    result.stdout,
    /GraphQL errors: Cannot query field "nope" on type "User"\. at user\.nope \(query 2:9\)/,
  );
});

void test('validate: an unknown field is located on its line and column inside the query', async () => {
  const root = project('query ($id: ID!) {\n  user(id: $id) { nope }\n}');
  const result = await runCli(['validate', 'api.bluebook.yaml', '--var', `baseUrl=${url}`], {
    cwd: root,
  });
  assert.equal(result.code, 1, result.stdout + result.stderr);
  assert.match(
    result.stdout,
    /^api\.bluebook\.yaml:9:31 +invalid-graphql +Cannot query field "nope" on type "User"/m,
  );
  assert.match(result.stdout, /^1 error, 0 warnings/m);
});
