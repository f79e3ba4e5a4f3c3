/**
 * The open `*.mock.yaml` documents: which documents are mock files, and each version's parse,
 * made once and shared by every mock feature. The mock features are loaded with `import()` on
 * the first use, so a session with only suites never loads them.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { isMockUri } from './analysis.js';
import type { AnalyzedMock } from './mockAnalysis.js';

export type MockFeatures = typeof import('./mockFeatures.js');

export class MockDocuments {
  private features: Promise<MockFeatures> | undefined;
  private readonly parsed = new Map<string, AnalyzedMock>();

  constructor(private readonly documents: { get(uri: string): TextDocument | undefined }) {}

  /** A mock file by its name, or a document opened in the `bluebook-mock` language. */
  isMock(uri: string): boolean {
    return isMockUri(uri) || this.documents.get(uri)?.languageId === 'bluebook-mock';
  }

  load(): Promise<MockFeatures> {
    this.features ??= import('./mockFeatures.js');
    return this.features;
  }

  /** The analysis of the document's current version (undefined once it is closed). */
  analysisOf(uri: string, features: MockFeatures): AnalyzedMock | undefined {
    const document = this.documents.get(uri);
    if (!document) return undefined;
    let analyzed = this.parsed.get(uri);
    if (analyzed?.version !== document.version) {
      analyzed = features.analyzeMock(document.getText(), uri, document.version);
      this.parsed.set(uri, analyzed);
    }
    return analyzed;
  }

  forget(uri: string): void {
    this.parsed.delete(uri);
  }
}
