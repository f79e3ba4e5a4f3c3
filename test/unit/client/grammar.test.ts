// The TextMate grammar (syntaxes/bluebook.tmLanguage.json) tokenized the way VS Code does it:
// vscode-textmate + the Oniguruma WASM, with a real YAML grammar (tm-grammars' source.yaml) as the
// embedded language. Asserts scopes per token, so a regex that stops matching fails here.
import { before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const require = createRequire(__filename);
const root = join(__dirname, '..', '..', '..');

interface Contribution {
  language: string;
  scopeName: string;
  path: string;
}

let grammar: textmate.IGrammar;
let contribution: Contribution;

before(async () => {
  const manifest = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as {
    contributes: { grammars: Contribution[] };
  };
  const found = manifest.contributes.grammars.find((g) => g.language === 'bluebook');
  assert.ok(found, 'package.json contributes a grammar for the bluebook language');
  contribution = found;
  const wasm = await readFile(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const files: Record<string, string> = {
    [contribution.scopeName]: join(root, contribution.path),
    'source.yaml': require.resolve('tm-grammars/grammars/yaml.json'),
  };
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName) => {
      const file = files[scopeName];
      if (!file) return null;
      return textmate.parseRawGrammar(await readFile(file, 'utf8'), file);
    },
  });
  const loaded = await registry.loadGrammar(contribution.scopeName);
  assert.ok(loaded, `the grammar ${contribution.scopeName} loads`);
  grammar = loaded;
});

interface Token {
  line: number;
  text: string;
  scopes: string[];
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let state = textmate.INITIAL;
  source.split('\n').forEach((text, line) => {
    const result = grammar.tokenizeLine(text, state);
    for (const token of result.tokens) {
      const piece = text.slice(token.startIndex, token.endIndex);
      // The YAML grammar splits some scalars after their first character: join equal neighbours.
      const last = tokens.at(-1);
      if (last?.line === line && last.scopes.join(' ') === token.scopes.join(' ')) last.text += piece;
      else tokens.push({ line, text: piece, scopes: token.scopes });
    }
    state = result.ruleStack;
  });
  return tokens;
}

/** The scopes of the token with exactly this text (the `nth` such token, on `line` if given). */
function scopesOf(tokens: Token[], text: string, where: { line?: number; nth?: number } = {}): string[] {
  const matches = tokens.filter(
    (t) => t.text === text && (where.line === undefined || t.line === where.line),
  );
  const token = matches[where.nth ?? 0];
  assert.ok(
    token,
    `a token ${JSON.stringify(text)}${where.line !== undefined ? ` on line ${where.line}` : ''} in:\n${tokens
      .map((t) => `${t.line}: ${JSON.stringify(t.text)} ${t.scopes.slice(1).join(' ')}`)
      .join('\n')}`,
  );
  return token.scopes;
}

function hasScope(scopes: string[], prefix: string): boolean {
  return scopes.some((scope) => scope === prefix || scope.startsWith(`${prefix}.`));
}

/** Scopes of ours below the grammar's root scope. */
function ours(scopes: string[]): string[] {
  return scopes.slice(1).filter((scope) => scope.endsWith('.bluebook'));
}

const SUITE = `name: Users API
baseUrl: \${baseUrl}
tests:
  create-user:
    steps:
      - POST: /users
        headers:
          authorization: "Bearer \${env.TOKEN}"
        json: { name: Ada, id: "\${uuid()}" }
        expect:
          status: 201
          json:
            $.name: Ada
            $.items[0].id: 7
            $['weird key']: x
        capture:
          id: $.id
      - GET: /users/\${id}
        note: price is $$\{literal}
      # GET: /commented \${notInterpolated}
      - DELETE: /users/\${id}
`;

void test('the manifest points at the grammar file and its scope name', async () => {
  const raw = JSON.parse(await readFile(join(root, contribution.path), 'utf8')) as { scopeName: string };
  assert.equal(raw.scopeName, contribution.scopeName);
  assert.equal(contribution.scopeName, 'source.bluebook');
});

void test('method keys of steps are keywords; the same word elsewhere is not', () => {
  const tokens = tokenize(SUITE);
  for (const [method, line] of [
    ['POST', 5],
    ['GET', 17],
    ['DELETE', 20],
  ] as const) {
    const scopes = scopesOf(tokens, method, { line });
    assert.ok(hasScope(scopes, 'keyword.control.http-method.bluebook'), `${method}: ${scopes.join(' ')}`);
  }
  const value = tokenize('name: GET the users\n');
  assert.ok(
    !value.some((t) => t.scopes.includes('keyword.control.http-method.bluebook')),
    'GET as a plain value is not a method key',
  );
});

void test('${...} interpolations: delimiters, variables, env and built-in functions, in plain and quoted scalars', () => {
  const tokens = tokenize(SUITE);
  const begin = scopesOf(tokens, '${', { line: 1 });
  assert.ok(hasScope(begin, 'punctuation.definition.template-expression.begin.bluebook'), begin.join(' '));
  const variable = scopesOf(tokens, 'baseUrl', { line: 1, nth: 1 }); // the key is the first
  assert.ok(hasScope(variable, 'variable.other.bluebook'), variable.join(' '));
  assert.ok(hasScope(variable, 'meta.interpolation.bluebook'));
  const end = scopesOf(tokens, '}', { line: 1 });
  assert.ok(hasScope(end, 'punctuation.definition.template-expression.end.bluebook'), end.join(' '));

  // Inside a double-quoted YAML string: still an interpolation, and still inside the string.
  const env = scopesOf(tokens, 'env', { line: 7 });
  assert.ok(hasScope(env, 'support.variable.env.bluebook'), env.join(' '));
  assert.ok(hasScope(env, 'string.quoted.double.yaml'), `inside the YAML string: ${env.join(' ')}`);
  assert.ok(hasScope(scopesOf(tokens, 'TOKEN', { line: 7 }), 'variable.other.bluebook'));
  assert.ok(hasScope(scopesOf(tokens, 'uuid', { line: 8 }), 'support.function.builtin.bluebook'));

  // In the method's URL value.
  assert.ok(hasScope(scopesOf(tokens, 'id', { line: 17 }), 'variable.other.bluebook'));
});

void test('$${ is an escape, not an interpolation; comments hold no tokens of ours', () => {
  const tokens = tokenize(SUITE);
  const escape = scopesOf(tokens, '$${', { line: 18 });
  assert.ok(hasScope(escape, 'constant.character.escape.bluebook'), escape.join(' '));
  assert.ok(!tokens.some((t) => t.line === 18 && hasScope(t.scopes, 'meta.interpolation.bluebook')));

  const comment = tokens.filter((t) => t.line === 19 && t.text.trim() !== '');
  assert.ok(comment.length > 0);
  for (const token of comment) {
    assert.ok(hasScope(token.scopes, 'comment'), `${JSON.stringify(token.text)}: ${token.scopes.join(' ')}`);
    assert.deepEqual(ours(token.scopes), [], `${JSON.stringify(token.text)} in a comment`);
  }
});

void test('JSONPath keys under json and capture are JSONPath; their values stay YAML', () => {
  const tokens = tokenize(SUITE);
  for (const [path, line] of [
    ['$.name', 12],
    ['$.items[0].id', 13],
    ["$['weird key']", 14],
  ] as const) {
    const scopes = scopesOf(tokens, path, { line });
    assert.ok(hasScope(scopes, 'string.other.jsonpath.bluebook'), `${path}: ${scopes.join(' ')}`);
  }
  // `id: $.id` — a `$` value (no colon after it) is not a key: plain YAML.
  const value = scopesOf(tokens, '$.id', { line: 16 });
  assert.ok(hasScope(value, 'string.unquoted.plain.out.yaml'), value.join(' '));
  assert.deepEqual(ours(value), []);
});

void test('YAML is embedded: plain keys, numbers, flow mappings and strings keep their YAML scopes', () => {
  const tokens = tokenize(SUITE);
  for (const [key, line] of [
    ['name', 0],
    ['tests', 2],
    ['expect', 9],
    ['status', 10],
    ['capture', 15],
  ] as const) {
    const scopes = scopesOf(tokens, key, { line });
    assert.ok(hasScope(scopes, 'entity.name.tag.yaml'), `${key}: ${scopes.join(' ')}`);
    assert.deepEqual(ours(scopes), [], `${key} is plain YAML`);
  }
  assert.ok(hasScope(scopesOf(tokens, '201', { line: 10 }), 'constant.numeric'));
  const flowKey = scopesOf(tokens, 'name', { line: 8 });
  assert.ok(hasScope(flowKey, 'entity.name.tag.yaml'), `flow mapping key: ${flowKey.join(' ')}`);
  assert.ok(tokens.every((t) => t.scopes[0] === 'source.bluebook'));
});
