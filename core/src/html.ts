/**
 * CSS selectors over HTML bodies (`expect.css`, `{ css }` captures), through cheerio. `selector@attr`
 * selects an attribute instead of the text. cheerio is loaded on the first use.
 */
import type * as Cheerio from 'cheerio';

export interface CssQuery {
  selector: string;
  attribute?: string;
}

let cheerioLib: typeof Cheerio | undefined;

function cheerio(): typeof Cheerio {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy, bundled by esbuild
  cheerioLib ??= require('cheerio') as typeof Cheerio;
  return cheerioLib;
}

/** Splits `a.link@href` into the selector and the attribute name. */
export function parseCssQuery(query: string): CssQuery {
  const match = /^(.*[^\s@])@([A-Za-z_][\w:.-]*)$/s.exec(query);
  if (!match || !balanced(match[1])) return { selector: query };
  return { selector: match[1], attribute: match[2] };
}

function balanced(selector: string): boolean {
  return selector.split('[').length === selector.split(']').length;
}

/** Why the selector of `query` does not parse, or `undefined` when it does. */
export function cssProblem(query: string): string | undefined {
  const { selector } = parseCssQuery(query);
  if (selector.trim() === '') return 'a CSS selector is empty; write one such as `h1` or `a.next@href`';
  try {
    cheerio().load('').root().find(selector);
    return undefined;
  } catch (error) {
    return `\`${selector}\` is not a valid CSS selector: ${(error as Error).message}`;
  }
}

/** The text (or attribute) of every element `query` selects, in document order. */
export function selectCss(query: string, html: string): string[] {
  const { selector, attribute } = parseCssQuery(query);
  const $ = cheerio().load(html);
  const values: string[] = [];
  $(selector).each((_index, element) => {
    const value = attribute === undefined ? $(element).text() : $(element).attr(attribute);
    if (value !== undefined) values.push(value);
  });
  return values;
}
