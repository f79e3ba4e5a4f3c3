import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import type { MockDocument } from '../../../core/src/mock/model.js';
import { toLspDiagnostic } from './diagnostics.js';

/** A mock file's diagnostics: exactly `parseMock`'s, the ones `bluebook mock` prints as file:line. */
export function mockDiagnostics(doc: MockDocument): LspDiagnostic[] {
  return doc.diagnostics.map((diagnostic) => toLspDiagnostic(diagnostic, doc.lineIndex));
}
