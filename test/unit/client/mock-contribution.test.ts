// package.json's contribution for mock files: the language, its grammar, activation and the JSON
// schema for other YAML tools, each pointing at a file the .vsix ships.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parseMock } from '../../../core/src/mock/parse.js';

interface Manifest {
  activationEvents: string[];
  contributes: {
    languages: { id: string; filenamePatterns?: string[]; configuration?: string }[];
    grammars: { language: string; scopeName: string; path: string }[];
    yamlValidation: { fileMatch: string[]; url: string }[];
    snippets: { language: string; path: string }[];
  };
}

const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as Manifest;
const { languages, grammars, yamlValidation, snippets } = manifest.contributes;

test('*.mock.yaml and *.mock.yml are the language bluebook-mock, activating the extension', () => {
  const language = languages.find((entry) => entry.id === 'bluebook-mock');
  assert.deepEqual(language?.filenamePatterns, ['*.mock.yaml', '*.mock.yml']);
  assert.ok(existsSync(language!.configuration!));
  assert.ok(manifest.activationEvents.includes('onLanguage:bluebook-mock'));
  const suite = languages.find((entry) => entry.id === 'bluebook');
  assert.ok(!suite?.filenamePatterns?.some((pattern) => pattern.includes('.mock.')));
});

test('mock files use the suite grammar (same scope, same file)', () => {
  const suite = grammars.find((entry) => entry.language === 'bluebook');
  const mock = grammars.find((entry) => entry.language === 'bluebook-mock');
  assert.deepEqual(
    { scopeName: mock?.scopeName, path: mock?.path },
    { scopeName: suite?.scopeName, path: suite?.path },
  );
});

test('the mock schema is contributed to YAML tools for the same file names', () => {
  const entry = yamlValidation.find((candidate) => candidate.url.endsWith('bluebook-mock.schema.json'));
  assert.deepEqual(entry?.fileMatch, ['*.mock.yaml', '*.mock.yml']);
  assert.equal(JSON.parse(readFileSync(entry!.url, 'utf8')).title, 'Bluebook mock');
});

/** A snippet body as inserted with its defaults: `${1:x}` → x, `${1|a,b|}` → a, `$0` → nothing. */
function expand(body: string[]): string {
  return body
    .join('\n')
    .replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, '$1')
    .replace(/\$\{\d+:((?:\\\}|[^}])*)\}/g, '$1')
    .replace(/\$\d+/g, '')
    .replace(/\\([$}])/g, '$1');
}

const indent = (text: string, by: string) => text.replace(/^(?=.)/gm, by);

test('every mock snippet, inserted where it belongs, is a valid mock file', () => {
  const contribution = snippets.find((entry) => entry.language === 'bluebook-mock');
  // The file is JSON with trailing commas (as VS Code reads snippet files).
  const text = readFileSync(contribution!.path, 'utf8').replace(/,(\s*[}\]])/g, '$1');
  const file = JSON.parse(text) as Record<string, { prefix: string | string[]; body: string[] }>;
  const where: Record<string, (body: string) => string> = {
    Mock: (body) => body,
    Route: (body) => `routes:\n${indent(body, '  ')}`,
    'Route with a matcher': (body) => `routes:\n${indent(body, '  ')}`,
    'Responses in turn': (body) => `routes:\n  - GET: /a\n${indent(body, '    ')}`,
    Fault: (body) => `routes:\n  - GET: /a\n${indent(body, '    ')}`,
    Resource: (body) => `resources:\n${indent(body, '  ')}`,
  };
  assert.deepEqual(Object.keys(file).sort(), Object.keys(where).sort());
  for (const [name, snippet] of Object.entries(file)) {
    const mock = where[name](expand(snippet.body));
    assert.deepEqual(parseMock(mock, '/p/s.mock.yaml').diagnostics, [], `${name}:\n${mock}`);
  }
});
