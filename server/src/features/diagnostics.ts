import { DiagnosticSeverity, type Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import type { Diagnostic, LineIndex, Severity } from '../../../core/src/index.js';
import type { AnalyzedDocument } from '../analysis.js';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The document's diagnostics (the same list `bluebook validate` prints), as LSP diagnostics. */
export function diagnostics(analyzed: AnalyzedDocument): LspDiagnostic[] {
  const lines = analyzed.doc.lineIndex;
  return analyzed.validation.diagnostics.map((diagnostic) => toLspDiagnostic(diagnostic, lines));
}

/** One core diagnostic as an LSP diagnostic (fixes travel in `data` for code actions). */
export function toLspDiagnostic(diagnostic: Diagnostic, lines: LineIndex): LspDiagnostic {
  return {
    range: lines.rangeOf(diagnostic.span),
    severity: SEVERITY[diagnostic.severity],
    code: diagnostic.code,
    source: 'bluebook',
    message: diagnostic.message,
    data: diagnostic.fixes ? { fixes: diagnostic.fixes } : undefined,
  };
}
