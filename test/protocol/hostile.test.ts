/**
 * Hostile documents do not take the server down: an alias bomb (suite or config) and a suite over
 * the size limit are answered with one diagnostic, and the server keeps answering requests on
 * them and on other documents.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  CodeLensRequest,
  CompletionRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  type CompletionList,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol';
import { MAX_YAML_CHARS } from '../../core/src/parse/yaml.js';
import { ensureBuilt, TestClient } from './client.js';

/** A billion-laughs block: `levels` anchors, each aliasing the previous one ten times. */
function aliasBomb(indent: string, levels = 9): string {
  const lines = [`${indent}l0: &l0 [lol]`];
  for (let i = 1; i <= levels; i++)
    lines.push(
      `${indent}l${i}: &l${i} [${Array(10)
        .fill(`*l${i - 1}`)
        .join(', ')}]`,
    );
  return lines.join('\n') + '\n';
}

function located(published: PublishDiagnosticsParams): [unknown, number][] {
  return published.diagnostics.map((d) => [d.code, d.range.start.line]);
}

const OTHER = 'tests:\n  t:\n    steps:\n      - GET: /a\n        \n';

void describe('language server: hostile documents', { timeout: 120_000 }, () => {
  let client: TestClient;
  let root: string;
  const uriOf = (name: string): string => pathToFileURL(join(root, name)).href;

  before(async () => {
    ensureBuilt();
    root = mkdtempSync(join(tmpdir(), 'bluebook-protocol-hostile-'));
    client = new TestClient();
    await client.initialize();
  });

  after(async () => {
    await client.close();
  });

  async function completeOther(): Promise<string[]> {
    const uri = uriOf('other.bluebook.yaml');
    if (!client.lastDiagnostics.has(uri)) await client.open(uri, OTHER);
    const list = (await client.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position: { line: 4, character: 8 },
    })) as CompletionList;
    return list.items.map((item) => item.label as string);
  }

  void it('an alias bomb in a suite: one yaml-limit diagnostic at its line, and requests still answer', async () => {
    const uri = uriOf('bomb.bluebook.yaml');
    const text = `variables:\n${aliasBomb('  ')}tests:\n  t:\n    steps:\n      - GET: /\${l9}\n`;
    const started = Date.now();
    const published = await client.open(uri, text);
    assert.ok(Date.now() - started < 30_000, 'answers without expanding the bomb');
    assert.deepEqual(
      located(published).filter(([code]) => code === 'yaml-limit'),
      [['yaml-limit', 6]],
    );
    const position = { line: 13, character: 8 };
    const symbols = await client.connection.sendRequest(DocumentSymbolRequest.type, {
      textDocument: { uri },
    });
    assert.ok(Array.isArray(symbols));
    await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
    await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } });
    await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } });
    const edited = await client.change(uri, 2, [{ text: text + '      - GET: /b\n' }]);
    assert.deepEqual(
      located(edited).filter(([code]) => code === 'yaml-limit'),
      [['yaml-limit', 6]],
    );
    assert.ok((await completeOther()).includes('expect'));
  });

  void it('an alias bomb in bluebook.config.yaml: one invalid-config diagnostic at its line', async () => {
    const uri = uriOf('bluebook.config.yaml');
    const published = await client.open(uri, `environments:\n  local:\n${aliasBomb('    ')}`, 1, 'yaml');
    assert.deepEqual(located(published), [['invalid-config', 7]]);
    assert.match(String(published.diagnostics[0].message), /expands aliases to more than 100,000 nodes/);
    assert.ok((await completeOther()).includes('expect'));
  });

  void it('a suite over the size limit: one yaml-limit diagnostic; the server answers other documents', async () => {
    const uri = uriOf('huge.bluebook.yaml');
    const entry = '  t: { steps: [{ GET: /items, expect: { status: 200 } }] }\n';
    const text = 'tests:\n' + entry.repeat(Math.ceil(MAX_YAML_CHARS / entry.length) + 10);
    const published = await client.open(uri, text);
    assert.deepEqual(located(published), [['yaml-limit', 0]]);
    assert.match(String(published.diagnostics[0].message), /Bluebook reads files of at most 10 MB/);
    const symbols = await client.connection.sendRequest(DocumentSymbolRequest.type, {
      textDocument: { uri },
    });
    assert.deepEqual(symbols, []);
    await client.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position: { line: 1, character: 3 },
    });
    const edited = await client.change(uri, 2, [
      { range: { start: { line: 1, character: 2 }, end: { line: 1, character: 3 } }, text: 'u' },
    ]);
    assert.deepEqual(located(edited), [['yaml-limit', 0]]);
    assert.ok((await completeOther()).includes('expect'));
    assert.deepEqual(client.stderr.join(''), '');
  });
});
