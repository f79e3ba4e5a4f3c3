// GraphQL queries checked where they are written (SPEC §11): syntax always, the schema when the
// config names one; every problem on its characters inside the YAML string.
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { buildSchema, graphqlSync, getIntrospectionQuery } from 'graphql';
import {
  checkGraphqlConfig,
  loadValidationContext,
  parseConfig,
  parseSuite,
  validateSuite,
} from '../../../core/src/index.js';
import { completion } from '../../../server/src/features/completion.js';
import { graphqlCompletion, graphqlHover } from '../../../server/src/features/graphql.js';
import { analyzeIn, project, textOf } from './helpers.js';

const SDL = `type Query {
  "A user by id."
  user(id: ID!): User
  hello(name: String): String
}
type User { id: ID! name: String }
`;

function problems(text: string, files: Record<string, string> = {}): [string, string][] {
  const folder = project(files);
  const path = join(folder, 'suite.bluebook.yaml');
  return validateSuite(parseSuite(text, path), loadValidationContext(path))
    .diagnostics.filter((item) => item.code === 'invalid-graphql')
    .map((item) => [text.slice(item.span.start, item.span.end), item.message]);
}

const WITH_SCHEMA = {
  'bluebook.config.yaml': 'graphql: { schema: ./schema.graphql }\n',
  'schema.graphql': SDL,
};

const suite = (graphql: string): string =>
  `tests:\n  t:\n    steps:\n      - POST: /graphql\n        graphql:${graphql}\n`;

void describe('graphql query diagnostics', () => {
  it('marks unknown fields, arguments and variables inside a block scalar', () => {
    const text = suite(`
          query: |
            query ($id: ID!) {
              user(id: $id, nme: "x") {
                name
                email
              }
              hello(name: $who)
            }`);
    const found = problems(text, WITH_SCHEMA);
    assert.deepEqual(
      found.map(([covered]) => covered),
      ['$id: ID!', 'nme', 'email', 'who'],
    );
    assert.match(found[0][1], /the query requires `\$id: ID!`/);
    assert.match(found[2][1], /Cannot query field "email" on type "User"/);
    assert.match(found[3][1], /Variable "\$who" is not defined/);
    const email = text.indexOf('email');
    const folder = project(WITH_SCHEMA);
    const path = join(folder, 'suite.bluebook.yaml');
    const diagnostic = validateSuite(parseSuite(text, path), loadValidationContext(path)).diagnostics.find(
      (item) => item.message.includes('email'),
    );
    assert.deepEqual(diagnostic?.span, { start: email, end: email + 5 });
  });

  it('marks a syntax error without a schema, in plain and quoted one-line strings', () => {
    const found = problems(suite(' "{ user(id: 1) { name ] }"'));
    assert.deepEqual(found, [[']', 'Syntax Error: Expected Name, found "]".']]);
    assert.deepEqual(problems(suite(" '{ user(id: 1) { name ] }'")), found);
    assert.deepEqual(problems(suite(' query { hello ] }')), [
      [']', 'Syntax Error: Expected Name, found "]".'],
    ]);
  });

  it('without a schema, unknown fields are not reported', () => {
    assert.deepEqual(problems(suite(' "{ anything { goes } }"')), []);
  });

  it('reads an introspection JSON schema', () => {
    const introspection = graphqlSync({ schema: buildSchema(SDL), source: getIntrospectionQuery() });
    const text = suite(' "{ hello(nam: 1) }"');
    const found = problems(text, {
      'bluebook.config.yaml': 'graphql: { schema: ./schema.json }\n',
      'schema.json': JSON.stringify(introspection),
    });
    assert.deepEqual(
      found.map(([covered]) => covered),
      ['nam'],
    );
  });

  it('a query with ${} is not checked (its text is known only at run time)', () => {
    assert.deepEqual(problems(suite(' "{ user(id: ${id}) { name } }"'), WITH_SCHEMA), []);
  });

  it('a schema that does not parse is a config diagnostic on its value, and suites check syntax only', () => {
    const files = {
      'bluebook.config.yaml': 'graphql:\n  schema: ./schema.graphql\n',
      'schema.graphql': 'type Query {',
    };
    const folder = project(files);
    const config = parseConfig(files['bluebook.config.yaml'], join(folder, 'bluebook.config.yaml'));
    const [diagnostic] = checkGraphqlConfig(config);
    assert.equal(diagnostic.code, 'invalid-config');
    assert.match(diagnostic.message, /the GraphQL schema does not load: Syntax Error/);
    assert.equal(
      files['bluebook.config.yaml'].slice(diagnostic.span.start, diagnostic.span.end),
      './schema.graphql',
    );
    assert.deepEqual(problems(suite(' "{ nope }"'), files), []);
    assert.equal(problems(suite(' "{ nope"'), files).length, 1);
  });

  it('a missing schema file and a config of the wrong shape are reported, not thrown', () => {
    const folder = project({});
    const missing = parseConfig(
      'graphql: { schema: ./none.graphql }\n',
      join(folder, 'bluebook.config.yaml'),
    );
    assert.match(checkGraphqlConfig(missing)[0].message, /cannot read the GraphQL schema/);
    const wrong = parseConfig('graphql: ./schema.graphql\n', join(folder, 'bluebook.config.yaml'));
    assert.match(wrong.errors[0].message, /`graphql` must be a mapping/);
  });
});

void describe('graphql variables against the operation', () => {
  const warnings = (text: string): Array<[string, string, string | undefined]> => {
    const path = join(project({}), 'suite.bluebook.yaml');
    return validateSuite(parseSuite(text, path), loadValidationContext(path))
      .diagnostics.filter((item) => item.code === 'invalid-graphql')
      .map((item) => [text.slice(item.span.start, item.span.end), item.severity, item.fixes?.[0]?.newText]);
  };

  it('warns on a name the query does not declare (with the closest), and on a required one missing', () => {
    const text = suite(`
          query: |
            query User($id: ID!, $limit: Int = 10, $tag: String, $org: ID!) {
              user(id: $id) { name }
            }
          variables: { idd: 1, tag: x, extra: 2, org: 3 }`);
    assert.deepEqual(warnings(text), [
      ['$id: ID!', 'warning', undefined],
      ['idd', 'warning', 'id'],
      ['extra', 'warning', undefined],
    ]);
    const path = join(project({}), 'suite.bluebook.yaml');
    const messages = validateSuite(parseSuite(text, path), loadValidationContext(path)).diagnostics.map(
      (item) => item.message,
    );
    assert.ok(
      messages.includes(
        'the query declares no variable `$extra` (it declares $id: ID!, $limit: Int, $tag: String, $org: ID!)',
      ),
      messages.join('\n'),
    );
  });

  it('a required variable with a default, or given, is fine; without `variables` the definition is marked', () => {
    assert.deepEqual(warnings(suite(' "query ($n: Int! = 1) { hello }"')), []);
    assert.deepEqual(
      warnings(
        suite(
          `\n          query: 'query ($id: ID!) { user(id: $id) { name } }'\n          variables: { id: 1 }`,
        ),
      ),
      [],
    );
    assert.deepEqual(warnings(suite(' "query ($id: ID!) { user(id: $id) { name } }"')), [
      ['$id: ID!', 'warning', undefined],
    ]);
  });

  it('also when the schema reports other problems in the query (an unused variable)', () => {
    const text = suite(`
          query: 'query ($id: ID!, $unused: Int) { user(id: $id) { name } }'
          variables: { idd: 1 }`);
    const path = join(project(WITH_SCHEMA), 'suite.bluebook.yaml');
    const found = validateSuite(parseSuite(text, path), loadValidationContext(path)).diagnostics.filter(
      (item) => item.code === 'invalid-graphql',
    );
    assert.ok(found.some((item) => item.severity === 'error' && /never used/.test(item.message)));
    assert.deepEqual(
      found
        .filter((item) => item.severity === 'warning')
        .map((item) => text.slice(item.span.start, item.span.end)),
      ['$id: ID!', 'idd'],
    );
  });

  it('checks the operation `operationName` names; with several and none named, nothing', () => {
    const two = "'query A($a: ID!) { a } query B($b: ID!) { b }'";
    assert.deepEqual(
      warnings(suite(`\n          query: ${two}\n          operationName: B\n          variables: { b: 1 }`)),
      [],
    );
    assert.deepEqual(
      warnings(
        suite(`\n          query: ${two}\n          operationName: A\n          variables: { b: 1 }`),
      ).map(([covered]) => covered),
      ['$a: ID!', 'b'],
    );
    assert.deepEqual(warnings(suite(`\n          query: ${two}\n          variables: { c: 1 }`)), []);
  });
});

/** The text without its `‸` cursor marker, and the marker's position. */
function marked(text: string): { text: string; position: { line: number; character: number } } {
  const offset = text.indexOf('‸');
  const before = text.slice(0, offset).split('\n');
  return {
    text: text.replace('‸', ''),
    position: { line: before.length - 1, character: before[before.length - 1].length },
  };
}

function analyzed(text: string): ReturnType<typeof analyzeIn> {
  return analyzeIn(project(WITH_SCHEMA), 'suite.bluebook.yaml', text);
}

void describe('graphql completion and hover', () => {
  const blockQuery = (body: string): string =>
    suite(`\n          query: |\n            query ($id: ID!) {\n              ${body}\n            }`);

  it('completes the fields of the type at the cursor, replacing the word typed so far', () => {
    const { text, position } = marked(blockQuery('user(id: $id) { na‸ }'));
    const list = graphqlCompletion(analyzed(text), position);
    assert.deepEqual(
      list?.items.map((item) => [item.label, item.detail]),
      [
        ['id', 'ID!'],
        ['name', 'String'],
      ],
    );
    const edit = list?.items[1].textEdit as { range: Parameters<typeof textOf>[1]; newText: string };
    assert.equal(textOf(text, edit.range), 'na');
  });

  it('completes root fields with their descriptions, and arguments inside parentheses', () => {
    const root = marked(blockQuery('‸'));
    const fields = graphqlCompletion(analyzed(root.text), root.position);
    assert.deepEqual(
      fields?.items.map((item) => [item.label, item.documentation]),
      [
        ['user', 'A user by id.'],
        ['hello', undefined],
      ],
    );
    const args = marked(blockQuery('hello(‸)'));
    const list = graphqlCompletion(analyzed(args.text), args.position);
    assert.deepEqual(
      list?.items.map((item) => [item.label, item.detail, (item.textEdit as { newText: string }).newText]),
      [['name', 'String', 'name: ']],
    );
  });

  it('hovers a field with its type and description', () => {
    const { text, position } = marked(blockQuery('us‸er(id: $id) { name }'));
    const hover = graphqlHover(analyzed(text), position);
    assert.equal((hover?.contents as { value: string }).value, '**user**: `User`\n\nA user by id.');
    assert.equal(textOf(text, hover!.range!), 'user');
  });

  it('leaves positions outside a query, and projects without a schema, to the suite features', () => {
    const outside = marked(suite(' "{ hello }"').replace('POST', 'PO‸ST'));
    assert.equal(graphqlCompletion(analyzed(outside.text), outside.position), undefined);
    const noSchema = marked(suite(' "{ he‸llo }"'));
    assert.equal(
      graphqlHover(analyzeIn(project({}), 'suite.bluebook.yaml', noSchema.text), noSchema.position),
      undefined,
    );
  });
});

void describe('graphql completion of variables and enum values', () => {
  const ENUM_SDL = `type Query {
  users(role: Role, limit: Int): [User]
  user(id: ID!): User
}
"Who may do what."
enum Role {
  "Can change everything."
  ADMIN
  MEMBER
  GUEST @deprecated(reason: "use MEMBER")
}
type User { id: ID! role: Role }
`;
  const files = {
    'bluebook.config.yaml': 'graphql: { schema: ./schema.graphql }\n',
    'schema.graphql': ENUM_SDL,
  };
  const complete = (query: string): ReturnType<typeof graphqlCompletion> & { text: string } => {
    const { text, position } = marked(suite(`\n          query: |\n            ${query}`));
    const list = graphqlCompletion(analyzeIn(project(files), 'suite.bluebook.yaml', text), position);
    return Object.assign(list ?? { isIncomplete: false, items: [] }, { text });
  };
  const labels = (list: ReturnType<typeof complete>): unknown[] =>
    list.items.map((item) => [item.label, item.detail, (item.textEdit as { newText: string }).newText]);

  it('after `$`, offers the variables the operation declares, with their types', () => {
    const list = complete('query Q($who: Role, $max: Int!, $id: ID!) { users(role: $w‸) { id } }');
    assert.deepEqual(labels(list), [
      ['$who', 'Role', 'who'],
      ['$max', 'Int!', 'max'],
      ['$id', 'ID!', 'id'],
    ]);
    const edit = list.items[0].textEdit as { range: Parameters<typeof textOf>[1] };
    assert.equal(textOf(list.text, edit.range), 'w');
  });

  it("offers an enum argument's values with their descriptions, and the variables of its type", () => {
    const list = complete('query Q($who: Role, $max: Int) { users(role: ‸) { id } }');
    assert.deepEqual(labels(list), [
      ['ADMIN', 'Role', 'ADMIN'],
      ['MEMBER', 'Role', 'MEMBER'],
      ['GUEST', 'Role', 'GUEST'],
      ['$who', 'Role', '$who'],
    ]);
    assert.equal(list.items[0].documentation, 'Can change everything.');
    assert.deepEqual(list.items[2].tags, [1]);
  });

  it('after a first argument, the next argument name and then its value are completed', () => {
    assert.deepEqual(
      labels(complete('{ users(role: ADMIN, l‸) { id } }')).map((item) => (item as string[])[0]),
      ['role', 'limit'],
    );
    assert.deepEqual(labels(complete('query ($n: Int) { users(role: ADMIN limit: ‸) { id } }')), [
      ['$n', 'Int', '$n'],
    ]);
  });

  it('hovers an enum value with its enum, description and deprecation', () => {
    const { text, position } = marked(
      suite(`\n          query: |\n            { users(role: GU‸EST) { id } }`),
    );
    const hover = graphqlHover(analyzeIn(project(files), 'suite.bluebook.yaml', text), position);
    assert.equal((hover?.contents as { value: string }).value, '**GUEST**: `Role`\n\nDeprecated: use MEMBER');
    assert.equal(textOf(text, hover!.range!), 'GUEST');
  });
});

void describe('graphql completion of `variables:` keys', () => {
  const keys = (text: string): Array<[string, string | undefined, string | undefined]> => {
    const { text: clean, position } = marked(text);
    return completion(analyzeIn(project({}), 'suite.bluebook.yaml', clean), position).items.map((item) => [
      item.label,
      item.detail,
      item.insertText,
    ]);
  };
  const step = (variables: string): string =>
    [
      'tests:',
      '  t:',
      '    steps:',
      '      - POST: /graphql',
      '        graphql:',
      '          query: |',
      '            query User($org: ID, $id: ID!, $limit: Int = 5) {',
      '              user(id: $id) { name }',
      '            }',
      `          variables:${variables}`,
      '',
    ].join('\n');

  it('offers the variables the operation declares that are not given yet, required first', () => {
    assert.deepEqual(keys(step('\n            org: 1\n            ‸')), [
      ['id', 'ID! (required)', 'id: '],
      ['limit', 'Int', 'limit: '],
    ]);
    assert.deepEqual(keys(step(' { id: 1, ‸ }')), [
      ['org', 'ID', 'org: '],
      ['limit', 'Int', 'limit: '],
    ]);
  });
});

void describe('graphql completion inside input object values', () => {
  const INPUT_SDL = `type Query { user(id: ID!): User }
type Mutation {
  createUser(input: NewUser!, tags: [TagInput]): User
}
"A user to create."
input NewUser {
  "Shown to others."
  name: String!
  role: Role
  address: AddressInput
}
input AddressInput { city: String zip: String }
input TagInput { label: String! }
enum Role { ADMIN MEMBER }
type User { id: ID! name: String }
`;
  const files = {
    'bluebook.config.yaml': 'graphql: { schema: ./schema.graphql }\n',
    'schema.graphql': INPUT_SDL,
  };
  const at = (query: string): { text: string; position: { line: number; character: number } } =>
    marked(suite(`\n          query: |\n            ${query}`));
  const labels = (query: string): string[] => {
    const { text, position } = at(query);
    const list = graphqlCompletion(analyzeIn(project(files), 'suite.bluebook.yaml', text), position);
    return list?.items.map((item) => String(item.label)) ?? [];
  };

  it('offers the input fields of an argument’s input object, nested objects and objects in lists', () => {
    assert.deepEqual(labels('mutation { createUser(input: { ‸ }) { id } }'), ['name', 'role', 'address']);
    assert.deepEqual(labels('mutation { createUser(input: { name: "a", address: { ‸'), ['city', 'zip']);
    assert.deepEqual(labels('mutation { createUser(input: { name: "a" }, tags: [{ label: "x" }, { ‸'), [
      'label',
    ]);
  });

  it('offers an input field’s enum values, and after the object closes, the arguments again', () => {
    assert.deepEqual(labels('mutation { createUser(input: { role: ‸'), ['ADMIN', 'MEMBER']);
    assert.deepEqual(labels('mutation { createUser(input: { name: "a" }, ‸'), ['input', 'tags']);
  });

  it('after the arguments, the selection is the field’s type again (an input object is not a selection)', () => {
    assert.deepEqual(labels('mutation { createUser(input: { name: "a" }) { ‸'), ['id', 'name']);
  });

  it('hovers an input field with its type and description', () => {
    const { text, position } = at('mutation { createUser(input: { na‸me: "a" }) { id } }');
    const hover = graphqlHover(analyzeIn(project(files), 'suite.bluebook.yaml', text), position);
    assert.equal((hover?.contents as { value: string }).value, '**name**: `String!`\n\nShown to others.');
  });
});
