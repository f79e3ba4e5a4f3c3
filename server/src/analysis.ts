/**
 * The parsed and validated state of one document version, shared by every feature: parsed once
 * per `(uri, version)`, validated lazily on first need, never mutated afterwards.
 */
import {
  LineIndex,
  parseSuite,
  SuiteParseCache,
  validateSuite,
  type Position,
  type Range,
  type Span,
  type SuiteDocument,
  type ValidationContext,
  type ValidationResult,
} from '../../core/src/index.js';
import { CONFIG_FILE_NAME } from '../../core/src/config.js';

export interface AnalyzedDocument {
  uri: string;
  version: number;
  doc: SuiteDocument;
  context: ValidationContext;
  /** Parser and semantic diagnostics plus the variable index; computed on first access. */
  readonly validation: ValidationResult;
}

/**
 * One parse cache per open document: a keystroke re-parses only the test entry it touched
 * (`SuiteParseCache`; results are exactly those of a full parse). Dropped when the document closes.
 */
const parseCaches = new Map<string, SuiteParseCache>();

/** The parse cache of an open document. */
export function parseCacheFor(uri: string): SuiteParseCache {
  let cache = parseCaches.get(uri);
  if (!cache) {
    cache = new SuiteParseCache();
    parseCaches.set(uri, cache);
  }
  return cache;
}

/** Forgets what was cached for a closed document. */
export function forgetDocument(uri: string): void {
  parseCaches.delete(uri);
}

/**
 * Analyses a suite's text. `context` says what lies outside the text (config, `.env`, files);
 * `cache` (see `parseCacheFor`) makes re-parsing an edited version incremental.
 */
export function analyze(
  text: string,
  uri: string,
  version = 0,
  context: ValidationContext = {},
  cache?: SuiteParseCache,
): AnalyzedDocument {
  const doc = parseSuite(text, uri, cache);
  let validation: ValidationResult | undefined;
  return {
    uri,
    version,
    doc,
    context,
    get validation() {
      validation ??= validateSuite(doc, context);
      return validation;
    },
  };
}

/** Converts a span to an LSP range (UTF-16, as LSP's default position encoding). */
export function toRange(lines: LineIndex, span: Span): Range {
  return lines.rangeOf(span);
}

export function toOffset(lines: LineIndex, position: Position): number {
  return lines.offsetAt(position);
}

export function isConfigUri(uri: string): boolean {
  return uri.endsWith(`/${CONFIG_FILE_NAME}`);
}

/** A mock service file (`*.mock.yaml`, `*.mock.yml`): served by the mock features, not as a suite. */
export function isMockUri(uri: string): boolean {
  return /\.mock\.ya?ml$/i.test(uri);
}

/** Masks a secret value for display. */
export const MASK = '•••';
