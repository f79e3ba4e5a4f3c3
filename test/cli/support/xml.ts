/**
 * A small XML 1.0 well-formedness checker for the JUnit reports (no dependency): one root
 * element, balanced and properly nested tags, quoted attributes without duplicates, only the
 * five predefined entities or character references, no characters XML forbids. Returns the
 * element tree so tests can query it.
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = /^[A-Za-z_:][\w:.-]*/;
const INVALID = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

function decode(text: string, where: number): string {
  return text.replace(/&([^;]*);?/g, (match, body: string) => {
    if (!match.endsWith(';')) throw new Error(`unterminated entity at ${where}`);
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (body in named) return named[body];
    const numeric = /^#(x[0-9a-fA-F]+|[0-9]+)$/.exec(body);
    if (!numeric) throw new Error(`unknown entity &${body}; at ${where}`);
    return String.fromCodePoint(
      numeric[1].startsWith('x') ? parseInt(numeric[1].slice(1), 16) : Number(numeric[1]),
    );
  });
}

export function parseXml(xml: string): XmlElement {
  const bad = INVALID.exec(xml);
  if (bad)
    throw new Error(
      `character U+${bad[0].codePointAt(0)?.toString(16)} is not allowed in XML (offset ${bad.index})`,
    );
  let i = 0;
  if (xml.startsWith('<?xml')) {
    i = xml.indexOf('?>');
    if (i === -1) throw new Error('unterminated XML declaration');
    i += 2;
  }
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const text = xml.slice(i, lt === -1 ? xml.length : lt);
    const decoded = decode(text, i);
    if (stack.length === 0) {
      if (text.trim() !== '') throw new Error(`text outside the root element at ${i}`);
    } else stack[stack.length - 1].text += decoded;
    if (lt === -1) break;
    i = lt;
    if (xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i);
      if (end === -1) throw new Error('unterminated comment');
      i = end + 3;
      continue;
    }
    if (xml[i + 1] === '/') {
      const match = NAME.exec(xml.slice(i + 2));
      const close = xml.indexOf('>', i);
      const open = stack.pop();
      if (!match || !open || open.name !== match[0]) throw new Error(`mismatched closing tag at ${i}`);
      i = close + 1;
      continue;
    }
    const match = NAME.exec(xml.slice(i + 1));
    if (!match) throw new Error(`invalid tag name at ${i}`);
    if (stack.length === 0 && root) throw new Error(`second root element at ${i}`);
    const element: XmlElement = { name: match[0], attributes: {}, children: [], text: '' };
    i += 1 + match[0].length;
    for (;;) {
      const rest = xml.slice(i);
      const space = /^\s*/.exec(rest)?.[0].length ?? 0;
      i += space;
      if (xml.startsWith('/>', i) || xml[i] === '>') break;
      if (space === 0) throw new Error(`expected whitespace before an attribute at ${i}`);
      const attribute = /^([A-Za-z_:][\w:.-]*)\s*=\s*("([^"<]*)"|'([^'<]*)')/.exec(xml.slice(i));
      if (!attribute) throw new Error(`malformed attribute at ${i}`);
      if (attribute[1] in element.attributes) throw new Error(`duplicate attribute ${attribute[1]} at ${i}`);
      element.attributes[attribute[1]] = decode(attribute[3] ?? attribute[4], i);
      i += attribute[0].length;
    }
    if (stack.length > 0) stack[stack.length - 1].children.push(element);
    else root = element;
    if (xml.startsWith('/>', i)) i += 2;
    else {
      i += 1;
      stack.push(element);
    }
  }
  if (stack.length > 0) throw new Error(`unclosed element <${stack[stack.length - 1].name}>`);
  if (!root) throw new Error('no root element');
  return root;
}

export function descendants(element: XmlElement, name: string): XmlElement[] {
  return element.children.flatMap((child) => [
    ...(child.name === name ? [child] : []),
    ...descendants(child, name),
  ]);
}
