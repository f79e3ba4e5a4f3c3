import { pathToFileURL } from 'node:url';
import type { Location, Position } from 'vscode-languageserver';
import type { AnalyzedDocument } from '../analysis.js';
import { symbolAt } from './navigation.js';

/**
 * Go to definition for `${name}`: the suite/test variable or capture key in this suite, the
 * `each` rows, every environment of `bluebook.config.yaml` that defines it, or `.env` for
 * `${env.NAME}`.
 */
export function definition(analyzed: AnalyzedDocument, position: Position): Location[] {
  const lines = analyzed.doc.lineIndex;
  const symbol = symbolAt(analyzed, lines.offsetAt(position));
  if (!symbol) return [];
  if (symbol.envName) {
    const dotenv = analyzed.context.dotenv;
    const entry = dotenv?.entries.find((candidate) => candidate.name === symbol.envName);
    return dotenv && entry
      ? [{ uri: pathToFileURL(dotenv.path).href, range: dotenv.lineIndex.rangeOf(entry.span) }]
      : [];
  }
  const found = symbol.definition;
  if (!found) return [];
  if (found.kind === 'environment') {
    const config = analyzed.context.config;
    if (!config) return [];
    const uri = pathToFileURL(config.path).href;
    return config.keys
      .filter((key) => key.name === found.name)
      .map((key) => ({ uri, range: config.lineIndex.rangeOf(key.span) }));
  }
  return found.span ? [{ uri: analyzed.uri, range: lines.rangeOf(found.span) }] : [];
}
