/**
 * "Accept new snapshot" in the editor: one test › step entry of a snapshot file is set to the value
 * a failed run would have stored. The file is edited as a YAML document, so the other entries and
 * any comments stay as they were; a new test or step is inserted where sorted order puts it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isMap, parseDocument, type Document, type YAMLMap } from 'yaml';
import { sortKeys } from '../format.js';
import { readSnapshots, writeSnapshotText } from './file.js';

/** Writes `value` as the snapshot of `test` › `step` in `path`; throws `SnapshotFileError` for a broken file. */
export function acceptSnapshot(path: string, test: string, step: string, value: unknown): void {
  readSnapshots(path);
  const doc: Document = parseDocument(existsSync(path) ? readFileSync(path, 'utf8') : '');
  if (!isMap(doc.contents)) doc.contents = doc.createNode({});
  const root = doc.contents as YAMLMap;
  const found: unknown = root.get(test, true);
  const steps = isMap(found) ? found : doc.createNode({});
  if (steps !== found) setSorted(doc, root, test, steps);
  setSorted(doc, steps, step, doc.createNode(sortKeys(value)));
  writeSnapshotText(path, doc.toString({ lineWidth: 0 }));
}

/** Replaces the value of `key`, or inserts the pair before the first greater key. */
function setSorted(doc: Document, map: YAMLMap, key: string, value: unknown): void {
  if (map.has(key)) {
    map.set(key, value);
    return;
  }
  const pair = doc.createPair(key, value);
  const index = map.items.findIndex((item) => String((item.key as { value?: unknown }).value) > key);
  if (index === -1) map.items.push(pair);
  else map.items.splice(index, 0, pair);
}
