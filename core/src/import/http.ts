/**
 * `.http` / `.rest` files (VS Code REST Client, httpyac, JetBrains) → one suite: requests
 * separated by `###`, file variables `@name = value`, `{{var}}` → `${var}`. Response handlers
 * (`> {% … %}`, `> ./script.js`) and bodies read from files (`< ./file`) are reported.
 */
import { bodyFromText } from './body.js';
import { METHODS, slug, suiteFileName, suiteText } from './suite.js';
import { converter } from './template.js';
import { ImportError, type ImportResult, type RequestSpec, type TestSpec } from './types.js';

const REQUEST_LINE = /^([A-Za-z]+)\s+(\S.*?)(?:\s+HTTP\/[\d.]+)?\s*$/;
const URL_ONLY = /^(https?:\/\/\S+|\{\{[^}]+\}\}\S*)$/;
const COMMENT = /^\s*(#|\/\/)/;
const NAME_COMMENT = /^\s*(?:#|\/\/)\s*@name\s*=?\s*(\S+)/;
const VARIABLE = /^\s*@([A-Za-z_][\w-]*)\s*=\s*(.*?)\s*$/;

interface Block {
  title: string;
  lines: string[];
  /** 1-based line of the block's first line. */
  line: number;
}

function blocks(text: string): Block[] {
  const result: Block[] = [{ title: '', lines: [], line: 1 }];
  text.split(/\r?\n/).forEach((line, index) => {
    const separator = /^###+\s*(.*)$/.exec(line);
    if (separator) result.push({ title: separator[1].trim(), lines: [], line: index + 2 });
    else result[result.length - 1].lines.push(line);
  });
  return result;
}

interface State {
  variables: Map<string, string>;
  tests: TestSpec[];
  problems: string[];
}

function parseBlock(block: Block, state: State): void {
  let name = block.title;
  let index = 0;
  const lines = block.lines;
  for (; index < lines.length; index++) {
    const line = lines[index];
    const variable = VARIABLE.exec(line);
    const named = NAME_COMMENT.exec(line);
    if (named) name = named[1];
    else if (variable) state.variables.set(variable[1], variable[2]);
    else if (line.trim() !== '' && !COMMENT.test(line)) break;
  }
  if (index >= lines.length) return;
  const where = `request at line ${block.line + index}`;
  const convert = converter(state.problems, where);
  const requestLine = lines[index].trim();
  const match = URL_ONLY.test(requestLine) ? ['', 'GET', requestLine] : REQUEST_LINE.exec(requestLine);
  if (!match) {
    state.problems.push(`${where}: \`${requestLine}\` is not a request line (METHOD URL): block skipped`);
    return;
  }
  const method = match[1].toUpperCase();
  if (!(METHODS as readonly string[]).includes(method)) {
    state.problems.push(`${where}: method ${method} is not one Bluebook sends: skipped`);
    return;
  }
  let url = match[2];
  index++;
  for (; index < lines.length && /^\s+[?&]/.test(lines[index]); index++) url += lines[index].trim();
  const headers: [string, string][] = [];
  for (; index < lines.length && lines[index].trim() !== ''; index++) {
    if (COMMENT.test(lines[index])) continue;
    const header = /^([^:\s]+)\s*:\s*(.*)$/.exec(lines[index]);
    if (header) headers.push([convert(header[1].toLowerCase()), convert(header[2].trim())]);
    else state.problems.push(`${where}: \`${lines[index].trim()}\` is not a header (name: value): dropped`);
  }
  const body: string[] = [];
  for (index++; index < lines.length; index++) {
    const line = lines[index];
    if (/^>\s*\{%/.test(line) || /^>\s*\S/.test(line)) {
      state.problems.push(
        `${where}: response handler script not converted: rewrite it as \`expect\`/\`capture\``,
      );
      break;
    }
    if (/^<>?\s+\S/.test(line)) {
      state.problems.push(
        `${where}: \`${line.trim()}\` (a body or response read from a file) is not supported: dropped`,
      );
      continue;
    }
    body.push(line);
  }
  while (body.length > 0 && body[body.length - 1].trim() === '') body.pop();
  const request: RequestSpec = { method, url: convert(url), headers };
  if (body.length > 0) {
    const contentType = headers.find(([header]) => header === 'content-type')?.[1];
    request.body = bodyFromText(body.join('\n'), contentType, convert);
  }
  const path = url
    .replace(/^\{\{[^}]+\}\}/, '')
    .replace(/^https?:\/\/[^/]+/, '')
    .replace(/\?.*$/, '');
  const title = name || `${method} ${path || '/'}`;
  state.tests.push({ id: name ? slug(name) : slug(title), name: title, steps: [request] });
}

/** Imports the text of a `.http`/`.rest` file; `fileName` names the suite. */
export function importHttpFile(text: string, fileName: string): ImportResult {
  if (text.includes('\u0000')) throw new ImportError(`${fileName} is not a text file`);
  const state: State = { variables: new Map(), tests: [], problems: [] };
  for (const block of blocks(text)) parseBlock(block, state);
  if (state.tests.length === 0)
    throw new ImportError(`${fileName} has no request (a line such as \`GET https://example.com/users\`)`);
  const convert = converter(state.problems, 'file variables');
  const variables = Object.fromEntries([...state.variables].map(([key, value]) => [key, convert(value)]));
  const title = fileName.replace(/\.(http|rest)$/i, '');
  return {
    files: [{ name: suiteFileName(title), text: suiteText({ name: title, variables, tests: state.tests }) }],
    problems: state.problems,
  };
}
