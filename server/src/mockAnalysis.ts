/**
 * The parsed state of one `*.mock.yaml` document version: parsed once per `(uri, version)` by
 * core's `parseMock` (the parser `bluebook mock` uses) and shared by the mock features.
 */
import type { MockDocument } from '../../core/src/mock/model.js';
import { parseMock } from '../../core/src/mock/parse.js';
import { filePath } from './project.js';

export interface AnalyzedMock {
  uri: string;
  version: number;
  doc: MockDocument;
}

export function analyzeMock(text: string, uri: string, version = 0): AnalyzedMock {
  return { uri, version, doc: parseMock(text, filePath(uri) ?? uri) };
}
