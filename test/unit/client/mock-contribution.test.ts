// package.json's contribution for mock files: the language, its grammar, activation and the JSON
// schema for other YAML tools, each pointing at a file the .vsix ships.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';

interface Manifest {
  activationEvents: string[];
  contributes: {
    languages: { id: string; filenamePatterns?: string[]; configuration?: string }[];
    grammars: { language: string; scopeName: string; path: string }[];
    yamlValidation: { fileMatch: string[]; url: string }[];
  };
}

const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as Manifest;
const { languages, grammars, yamlValidation } = manifest.contributes;

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
