import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  CompletionRequest,
  DefinitionRequest,
  DidChangeWatchedFilesNotification,
  DidChangeWorkspaceFoldersNotification,
  HoverRequest,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  type CompletionList,
  type Location,
  type MarkupContent,
  type Position,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { ensureBuilt, TestClient } from './client.js';

const AUTH = [
  'tests:',
  '  login:',
  '    name: Log in',
  '    steps:',
  '      - POST: /login',
  '  logout:',
  '    steps:',
  '      - POST: /logout',
  '',
].join('\n');

const USERS = [
  'tests:',
  '  profile:',
  '    steps:',
  '      - use: ../auth.bluebook.yaml#login',
  '      - GET: /me',
  '',
].join('\n');

const ORDERS = [
  'variables:',
  '  orderId: 7',
  'tests:',
  '  local:',
  '    steps:',
  '      - GET: /local',
  '  lists:',
  '    steps:',
  '      - use: ./auth.bluebook.yaml#login',
  '        with: { user: admin }',
  '      - use: "#local"',
  '      - use: ',
  '      - GET: /orders/${{ orderId }}',
  '        expect:',
  '          assert: ["${{ response.status < 300 }}"]',
  '        script:',
  '          before: |',
  '            request.headers.x = sha256("a")',
  '          after: |',
  '            vars.set("n", response.json.total)',
  '',
].join('\n');

/** The position of `needle` (the `at`-th character of it) in `text`. */
function positionOf(text: string, needle: string, at = 0): Position {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, `${needle} not in text`);
  const before = text.slice(0, offset + at).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

void describe('language server: use: references and scripts', () => {
  let client: TestClient;
  let root: string;
  let ordersUri: string;
  let authUri: string;
  let usersUri: string;
  let ordersText = ORDERS;

  before(async () => {
    ensureBuilt();
    root = mkdtempSync(join(tmpdir(), 'bluebook-protocol-reuse-'));
    mkdirSync(join(root, 'api'));
    writeFileSync(
      join(root, 'bluebook.config.yaml'),
      'environments:\n  local: { baseUrl: "http://127.0.0.1:1" }\nsetup:\n  - use: ./auth.bluebook.yaml#login\n',
    );
    writeFileSync(join(root, 'auth.bluebook.yaml'), AUTH);
    writeFileSync(join(root, 'api', 'users.bluebook.yaml'), USERS);
    writeFileSync(join(root, 'orders.bluebook.yaml'), ORDERS);
    ordersUri = pathToFileURL(join(root, 'orders.bluebook.yaml')).href;
    authUri = pathToFileURL(join(root, 'auth.bluebook.yaml')).href;
    usersUri = pathToFileURL(join(root, 'api', 'users.bluebook.yaml')).href;
    client = new TestClient();
    await client.initialize();
    await client.open(ordersUri, ORDERS);
  });

  after(async () => {
    await client.close();
  });

  async function complete(uri: string, position: Position): Promise<CompletionList> {
    return (await client.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position,
    })) as CompletionList;
  }

  /** Replaces the value of the empty `use:` (line 11) and returns the position after it. */
  async function setUseValue(text: string, version: number): Promise<Position> {
    const lines = ordersText.split('\n');
    await client.change(ordersUri, version, [
      { range: { start: { line: 11, character: 13 }, end: { line: 11, character: lines[11].length } }, text },
    ]);
    lines[11] = `      - use: ${text}`;
    ordersText = lines.join('\n');
    return { line: 11, character: 13 + text.length };
  }

  void it('registers definition, references and rename with prepare', async () => {
    const other = new TestClient();
    try {
      const result = (await other.initialize()) as { capabilities: Record<string, unknown> };
      assert.equal(result.capabilities.definitionProvider, true);
      assert.equal(result.capabilities.referencesProvider, true);
      assert.deepEqual(result.capabilities.renameProvider, { prepareProvider: true });
    } finally {
      await other.close();
    }
  });

  void it('completes suite paths after use:, this file as #', async () => {
    const list = await complete(ordersUri, positionOf(ORDERS, '      - use: \n', 13));
    const labels = list.items.map((item) => item.label);
    assert.deepEqual(labels.sort(), ['#', './api/users.bluebook.yaml', './auth.bluebook.yaml']);
    const auth = list.items.find((item) => item.label === './auth.bluebook.yaml');
    assert.equal((auth?.textEdit as { newText: string }).newText, './auth.bluebook.yaml#');
  });

  void it('completes the test ids of the file before #, from disk or from the open editor', async () => {
    let position = await setUseValue('./auth.bluebook.yaml#', 2);
    let list = await complete(ordersUri, position);
    assert.deepEqual(
      list.items.map((item) => [item.label, item.detail]),
      [
        ['login', 'Log in'],
        ['logout', 'logout'],
      ],
    );
    await client.open(
      authUri,
      AUTH.replace('  logout:', '  signup:\n    name: Sign up\n    steps: []\n  logout:'),
    );
    list = await complete(ordersUri, position);
    assert.deepEqual(
      list.items.map((item) => item.label),
      ['login', 'signup', 'logout'],
    );
    position = await setUseValue('#', 3);
    list = await complete(ordersUri, position);
    assert.deepEqual(
      list.items.map((item) => item.label),
      ['local'],
      'the test being written is not offered',
    );
    await setUseValue('', 4);
  });

  void it('lists a suite created on disk once the client reports it', async () => {
    const position = { line: 11, character: 13 };
    const labels = async () => (await complete(ordersUri, position)).items.map((item) => item.label);
    assert.ok(!(await labels()).includes('./billing.bluebook.yaml'));
    const billing = join(root, 'billing.bluebook.yaml');
    writeFileSync(billing, 'tests:\n  pay:\n    steps:\n      - POST: /pay\n');
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: pathToFileURL(billing).href, type: 1 }],
    });
    assert.ok((await labels()).includes('./billing.bluebook.yaml'));
  });

  void it('goes to the used test in the other file, and to the file from its path', async () => {
    const onId = (await client.connection.sendRequest(DefinitionRequest.type, {
      textDocument: { uri: ordersUri },
      position: positionOf(ordersText, '#login', 3),
    })) as Location[];
    assert.deepEqual(onId, [
      { uri: authUri, range: { start: { line: 1, character: 2 }, end: { line: 1, character: 7 } } },
    ]);
    const onFile = (await client.connection.sendRequest(DefinitionRequest.type, {
      textDocument: { uri: ordersUri },
      position: positionOf(ordersText, './auth', 4),
    })) as Location[];
    assert.deepEqual(
      onFile.map((location) => [location.uri, location.range.start.line]),
      [[authUri, 0]],
    );
    const sameFile = (await client.connection.sendRequest(DefinitionRequest.type, {
      textDocument: { uri: ordersUri },
      position: positionOf(ordersText, '#local', 2),
    })) as Location[];
    assert.deepEqual(
      sameFile.map((location) => [location.uri, location.range.start.line, location.range.start.character]),
      [[ordersUri, 3, 2]],
    );
  });

  void it('finds references of a test id across the workspace and the config setup, from a use: or from the key', async () => {
    const fromUse = (await client.connection.sendRequest(ReferencesRequest.type, {
      textDocument: { uri: ordersUri },
      position: positionOf(ordersText, '#login', 2),
      context: { includeDeclaration: true },
    }))!;
    const summary = (locations: Location[]) =>
      locations
        .map(
          (location) =>
            `${location.uri.slice(location.uri.lastIndexOf('/') + 1)}:${location.range.start.line}:${location.range.start.character}`,
        )
        .sort();
    assert.deepEqual(summary(fromUse), [
      'auth.bluebook.yaml:1:2',
      'bluebook.config.yaml:3:30',
      'orders.bluebook.yaml:8:34',
      'users.bluebook.yaml:3:35',
    ]);
    const fromKey = (await client.connection.sendRequest(ReferencesRequest.type, {
      textDocument: { uri: authUri },
      position: { line: 1, character: 4 },
      context: { includeDeclaration: false },
    }))!;
    assert.deepEqual(summary(fromKey), [
      'bluebook.config.yaml:3:30',
      'orders.bluebook.yaml:8:34',
      'users.bluebook.yaml:3:35',
    ]);
    const local = (await client.connection.sendRequest(ReferencesRequest.type, {
      textDocument: { uri: ordersUri },
      position: { line: 3, character: 3 },
      context: { includeDeclaration: true },
    }))!;
    assert.deepEqual(summary(local), ['orders.bluebook.yaml:10:15', 'orders.bluebook.yaml:3:2']);
  });

  void it('renames a test id in its key and every use:, as one workspace edit', async () => {
    const position = positionOf(ordersText, '#login', 2);
    const prepared = await client.connection.sendRequest(PrepareRenameRequest.type, {
      textDocument: { uri: ordersUri },
      position,
    });
    assert.deepEqual(prepared, {
      range: { start: { line: 8, character: 34 }, end: { line: 8, character: 39 } },
      placeholder: 'login',
    });
    const edit = (await client.connection.sendRequest(RenameRequest.type, {
      textDocument: { uri: ordersUri },
      position,
      newName: 'sign-in',
    })) as WorkspaceEdit;
    const flat = Object.entries(edit.changes ?? {})
      .flatMap(([uri, edits]) =>
        edits.map(
          (e) =>
            `${uri.slice(uri.lastIndexOf('/') + 1)}:${e.range.start.line}:${e.range.start.character}-${e.range.end.character}=${e.newText}`,
        ),
      )
      .sort();
    assert.deepEqual(flat, [
      'auth.bluebook.yaml:1:2-7=sign-in',
      'bluebook.config.yaml:3:30-35=sign-in',
      'orders.bluebook.yaml:8:34-39=sign-in',
      'users.bluebook.yaml:3:35-40=sign-in',
    ]);
    assert.ok(edit.changes?.[usersUri]);
  });

  void it('follows use: in bluebook.config.yaml setup: completion, definition and references', async () => {
    const configUri = pathToFileURL(join(root, 'bluebook.config.yaml')).href;
    const config =
      'environments:\n  local: { baseUrl: "http://127.0.0.1:1" }\nsetup:\n  - use: ./auth.bluebook.yaml#login\n  - use: \n';
    await client.open(configUri, config, 1, 'yaml');
    const paths = (await client.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri: configUri },
      position: { line: 4, character: 9 },
    })) as CompletionList;
    assert.deepEqual(
      paths.items.map((item) => item.label),
      [
        './api/users.bluebook.yaml',
        './auth.bluebook.yaml',
        './billing.bluebook.yaml',
        './orders.bluebook.yaml',
      ],
    );
    const definition = (await client.connection.sendRequest(DefinitionRequest.type, {
      textDocument: { uri: configUri },
      position: { line: 3, character: 31 },
    })) as Location[];
    assert.deepEqual(
      definition.map((location) => [location.uri, location.range.start.line]),
      [[authUri, 1]],
    );
    const refs = (await client.connection.sendRequest(ReferencesRequest.type, {
      textDocument: { uri: configUri },
      position: { line: 3, character: 31 },
      context: { includeDeclaration: false },
    }))!;
    assert.equal(refs.length, 3, JSON.stringify(refs));
  });

  void it('refuses a rename to an invalid id or one the suite already has, saying why', async () => {
    const position = positionOf(ordersText, '#login', 2);
    await assert.rejects(
      client.connection.sendRequest(RenameRequest.type, {
        textDocument: { uri: ordersUri },
        position,
        newName: 'log in',
      }),
      /`log in` is not a valid test id/,
    );
    await assert.rejects(
      client.connection.sendRequest(RenameRequest.type, {
        textDocument: { uri: ordersUri },
        position,
        newName: 'signup',
      }),
      /`signup` already names a test in this suite/,
    );
  });

  void it('completes variables, vars and response members inside ${{ }}', async () => {
    const inUrl = await complete(ordersUri, positionOf(ordersText, '${{ orderId', 4));
    const urlLabels = inUrl.items.map((item) => item.label);
    assert.ok(urlLabels.includes('orderId') && urlLabels.includes('vars'), urlLabels.join());
    assert.ok(!urlLabels.includes('response'), 'no response outside expect/capture');
    const inExpect = await complete(ordersUri, positionOf(ordersText, '${{ response.status', 4));
    assert.ok(inExpect.items.some((item) => item.label === 'response'));
    const members = await complete(ordersUri, positionOf(ordersText, '${{ response.status', 13));
    assert.deepEqual(
      members.items.map((item) => item.label),
      ['status', 'headers', 'json', 'text', 'duration'],
    );
  });

  void it('completes the script API in script.before and script.after', async () => {
    const beforeRoots = await complete(ordersUri, positionOf(ordersText, 'request.headers.x', 0));
    const labels = beforeRoots.items.map((item) => item.label);
    for (const name of [
      'vars',
      'request',
      'check',
      'console',
      'base64',
      'sha256',
      'hmacSha256',
      'uuid',
      'randomInt',
    ])
      assert.ok(labels.includes(name), `${name} in ${labels.join()}`);
    assert.ok(!labels.includes('response'), 'no response in before');
    const varsMembers = await complete(ordersUri, positionOf(ordersText, 'vars.set("n"', 5));
    assert.deepEqual(
      varsMembers.items.map((item) => item.label),
      ['get', 'set', 'has'],
    );
    const responseMembers = await complete(ordersUri, positionOf(ordersText, 'response.json.total', 9));
    assert.ok(responseMembers.items.some((item) => item.label === 'json' && item.detail === 'response.json'));
  });

  void it('shows the signature and doc of an API name on hover', async () => {
    const hover = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: ordersUri },
      position: positionOf(ordersText, 'sha256("a")', 2),
    });
    assert.match((hover?.contents as MarkupContent).value, /sha256\(text\)\*\* — The SHA-256/);
    const status = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: ordersUri },
      position: positionOf(ordersText, 'response.status <', 11),
    });
    assert.match((status?.contents as MarkupContent).value, /response\.status\*\* — The status code/);
  });
});

void describe('language server: the workspace folders of use: completion', () => {
  void it('searches the workspace folder holding the suite, following folders added and removed', async () => {
    ensureBuilt();
    const parent = mkdtempSync(join(tmpdir(), 'bluebook-protocol-folders-'));
    mkdirSync(join(parent, 'a'));
    mkdirSync(join(parent, 'b'));
    writeFileSync(join(parent, 'a', 'x.bluebook.yaml'), 'tests:\n  x:\n    steps:\n      - use: \n');
    writeFileSync(join(parent, 'b', 'y.bluebook.yaml'), 'tests:\n  y:\n    steps:\n      - GET: /y\n');
    const folder = (path: string) => ({ uri: pathToFileURL(path).href, name: path });
    const client = new TestClient();
    try {
      const result = (await client.initialize({ workspace: { workspaceFolders: true } }, [
        folder(join(parent, 'a')),
      ])) as { capabilities: { workspace?: unknown } };
      assert.deepEqual(result.capabilities.workspace, {
        workspaceFolders: { supported: true, changeNotifications: true },
      });
      const uri = pathToFileURL(join(parent, 'a', 'x.bluebook.yaml')).href;
      await client.open(uri, 'tests:\n  x:\n    steps:\n      - use: \n');
      const labels = async () =>
        (
          (await client.connection.sendRequest(CompletionRequest.type, {
            textDocument: { uri },
            position: { line: 3, character: 13 },
          })) as CompletionList
        ).items.map((item) => item.label);
      assert.deepEqual(await labels(), ['#']);
      await client.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, {
        event: { added: [folder(parent)], removed: [folder(join(parent, 'a'))] },
      });
      assert.deepEqual(await labels(), ['#', '../b/y.bluebook.yaml']);
    } finally {
      await client.close();
    }
  });
});
