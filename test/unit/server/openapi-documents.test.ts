// The server's OpenAPI documents: loaded once in the background, reloaded on a change of the
// document or a file beside it, the previous index answering meanwhile; failures as config diagnostics.
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseProjectConfig } from '../../../core/src/index.js';
import { OperationIndex } from '../../../core/src/openapi/paths.js';
import { OpenapiDocuments } from '../../../server/src/features/openapiDocuments.js';
import { bodyKeysAt } from '../../../core/src/openapi/bodyKeys.js';
import { OPENAPI_FILES } from '../../support/openapiDoc.js';
import { project } from './helpers.js';

const ROOT = join('/', 'project');
const FILE = join(ROOT, 'openapi.yaml');

/** A loader whose loads the test settles by hand. */
function manualLoader() {
  const loads: { file: string; resolve: (index: OperationIndex) => void; reject: (error: Error) => void }[] =
    [];
  const load = (file: string) =>
    new Promise<OperationIndex>((resolve, reject) => loads.push({ file, resolve, reject }));
  return { loads, load };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));
const index = (template: string) =>
  new OperationIndex([{ method: 'GET', template, query: [], responses: [] }]);

void describe('OpenapiDocuments', () => {
  it('loads a document in a worker thread, $refs to other files included', async () => {
    const root = project(OPENAPI_FILES);
    let settle!: () => void;
    const settled = new Promise<void>((resolve) => (settle = resolve));
    const documents = new OpenapiDocuments(() => settle());
    documents.indexOf(join(root, 'openapi.yaml'));
    await settled;
    const loaded = documents.indexOf(join(root, 'openapi.yaml'));
    assert.equal(loaded?.match('/users/7')?.operations.get('GET')?.summary, 'Get a user');
    assert.deepEqual(
      bodyKeysAt(loaded?.match('/users')?.operations.get('POST')?.bodySchema, ['address']).map(
        (key) => key.name,
      ),
      ['city', 'zip'],
    );
  });

  it('loads a document once, answers nothing until it has loaded, then its index', async () => {
    const { loads, load } = manualLoader();
    let settled = 0;
    const documents = new OpenapiDocuments(() => settled++, load);
    assert.equal(documents.indexOf(FILE), undefined);
    assert.equal(documents.indexOf(FILE), undefined);
    assert.equal(loads.length, 1);
    loads[0].resolve(index('/a'));
    await settle();
    assert.equal(settled, 1);
    assert.equal(documents.indexOf(FILE)?.match('/a')?.template, '/a');
  });

  it('reloads on a change of the document or a YAML/JSON file beside it, keeping the old index meanwhile', async () => {
    const { loads, load } = manualLoader();
    const documents = new OpenapiDocuments(() => undefined, load);
    documents.indexOf(FILE);
    loads[0].resolve(index('/a'));
    await settle();
    documents.changed([
      join(ROOT, 'api.bluebook.yaml'),
      join(ROOT, 'bluebook.config.yaml'),
      '/elsewhere/x.yaml',
    ]);
    assert.equal(loads.length, 1, 'suites, the config and other folders are not parts of the document');
    documents.changed([join(ROOT, 'schemas', 'user.yaml')]);
    assert.equal(loads.length, 2);
    assert.equal(documents.indexOf(FILE)?.match('/a')?.template, '/a');
    documents.changed([FILE]);
    loads[2].resolve(index('/c'));
    loads[1].resolve(index('/b'));
    await settle();
    assert.equal(documents.indexOf(FILE)?.match('/c')?.template, '/c', 'only the latest load counts');
  });

  it("reports a failed load on the config's openapi value and drops the index", async () => {
    const { loads, load } = manualLoader();
    const documents = new OpenapiDocuments(() => undefined, load);
    const config = parseProjectConfig('openapi: ./openapi.yaml\n', join(ROOT, 'bluebook.config.yaml'));
    assert.deepEqual(documents.configDiagnostics(config), []);
    loads[0].reject(
      new Error(`${FILE}: a $ref points to ${join(ROOT, 'missing.yaml')}, which cannot be read (ENOENT)`),
    );
    await settle();
    const [diagnostic] = documents.configDiagnostics(config);
    assert.equal(diagnostic.code, 'invalid-config');
    assert.equal(diagnostic.severity, 'error');
    assert.deepEqual(diagnostic.span, config.openapi!.span);
    assert.match(diagnostic.message, /^the OpenAPI document does not load: .*missing\.yaml/);
    assert.equal(documents.attach({ config }).openapi, undefined);
  });
});
