import { pathToFileURL } from 'node:url';
import type { Location, Position } from 'vscode-languageserver';
import type { AnalyzedDocument } from '../analysis.js';
import { envUses, symbolAt, usesOf } from './navigation.js';

/** Find references of a variable or capture: its uses in the suite, plus its definitions. */
export function references(
  analyzed: AnalyzedDocument,
  position: Position,
  includeDeclaration: boolean,
): Location[] {
  const lines = analyzed.doc.lineIndex;
  const symbol = symbolAt(analyzed, lines.offsetAt(position));
  if (!symbol) return [];
  const here = (span: { start: number; end: number }): Location => ({
    uri: analyzed.uri,
    range: lines.rangeOf(span),
  });
  if (symbol.envName) return envUses(analyzed, symbol.envName).map(here);
  const found = symbol.definition;
  if (!found) return [];
  const locations = usesOf(analyzed, found).map(here);
  if (!includeDeclaration) return locations;
  if (found.kind === 'environment' && analyzed.context.config) {
    const config = analyzed.context.config;
    const uri = pathToFileURL(config.path).href;
    for (const key of config.keys.filter((candidate) => candidate.name === found.name))
      locations.unshift({ uri, range: config.lineIndex.rangeOf(key.span) });
  } else if (found.span && found.kind !== 'each') {
    locations.unshift(here(found.span));
  }
  return locations;
}
