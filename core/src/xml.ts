/**
 * XPath 1.0 over XML bodies (`expect.xpath`, `{ xpath }` captures), through `xpath` and
 * `@xmldom/xmldom`. Both are loaded on the first use: a run without XPath does not pay for them.
 */
import type * as Xpath from 'xpath';
import type * as Xmldom from '@xmldom/xmldom';
import type { ResponseView } from './http/response.js';

export type XmlDocument = { ok: true; doc: Node } | { ok: false; reason: string };

/** What an expression gives: a number, string or boolean as is; nodes as their string values. */
export type XPathValue = number | string | boolean | string[];

/** `parse` is part of the library but missing from its type declarations. */
type XpathLib = typeof Xpath & { parse(expression: string): unknown };

let xpathLib: XpathLib | undefined;

function xpath(): XpathLib {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy, bundled by esbuild
  xpathLib ??= require('xpath') as XpathLib;
  return xpathLib;
}

/** Why `expression` is not XPath 1.0, or `undefined` when it parses. */
export function xpathProblem(expression: string): string | undefined {
  if (expression.trim() === '') return 'an XPath expression is empty; write one such as `//user/name`';
  try {
    xpath().parse(expression);
    return undefined;
  } catch {
    return `\`${expression}\` is not a valid XPath 1.0 expression; check brackets, quotes and axis names (e.g. \`//user[@id="1"]/name\`, \`count(//user)\`)`;
  }
}

/** Parses `text` as XML; a body that is not XML gives the parser's reason. */
export function parseXml(text: string): XmlDocument {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy, bundled by esbuild
  const { DOMParser } = require('@xmldom/xmldom') as typeof Xmldom;
  let problem: string | undefined;
  const parser = new DOMParser({
    onError(level, message) {
      if (level !== 'warning') problem ??= message.split('\n')[0].trim();
    },
  });
  try {
    const doc = parser.parseFromString(text, 'text/xml');
    if (problem === undefined && doc.documentElement) return { ok: true, doc: doc as unknown as Node };
  } catch (error) {
    problem ??= (error as Error).message.split('\n')[0];
  }
  return { ok: false, reason: problem ?? 'no root element' };
}

/** Evaluates `expression` on `doc`; an empty node-set gives `[]`. */
export function evaluateXPath(expression: string, doc: Node): XPathValue {
  const result = xpath().select(expression, doc as never);
  if (Array.isArray(result)) return result.map((node) => stringValue(node as Node));
  if (typeof result === 'number' || typeof result === 'string' || typeof result === 'boolean') return result;
  return stringValue(result as Node);
}

function stringValue(node: Node): string {
  return (node as { value?: string }).value ?? node.textContent ?? '';
}

/** One node's value alone, several as a list, none as `undefined` (absent). */
export function singleOrList(value: XPathValue): unknown {
  if (!Array.isArray(value)) return value;
  if (value.length === 0) return undefined;
  return value.length === 1 ? value[0] : value;
}

const DOCUMENTS = new WeakMap<object, XmlDocument>();

/** The response body parsed as XML once per response, or why it is not XML. */
export function xmlBody(response: ResponseView): XmlDocument {
  const cached = DOCUMENTS.get(response.response);
  if (cached) return cached;
  const type = response.contentType || 'a body without content type';
  let parsed: XmlDocument;
  if (response.isBinary)
    parsed = {
      ok: false,
      reason: `expected an XML body, got ${type} (<binary, ${response.response.body.length} bytes>)`,
    };
  else if (response.text().trim() === '')
    parsed = { ok: false, reason: 'expected an XML body, got an empty body' };
  else {
    parsed = parseXml(response.text());
    if (!parsed.ok)
      parsed = {
        ok: false,
        reason: `expected an XML body, got ${type} that does not parse as XML (${parsed.reason})`,
      };
  }
  DOCUMENTS.set(response.response, parsed);
  return parsed;
}
