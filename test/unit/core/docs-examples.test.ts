// docs/suite-format.md stays true to the code: every YAML example is a suite our parser and
// validator accept (or, marked invalid, produces the diagnostic the doc claims), config and .env
// examples parse cleanly, every matcher operator, expectation kind and key is documented, and the
// doc's and README's links resolve.
//
// Markers (an HTML comment on the line before a fenced block, invisible when rendered):
//   (none) on a ```yaml block   a whole suite: no error diagnostics from parseSuite or validateSuite
//   <!-- config -->             a bluebook.config.yaml: parseConfig reports no errors
//   <!-- dotenv -->             a .env file: parseDotEnv reports no errors
//   <!-- invalid: CODE -->      a suite that validateSuite reports with diagnostic CODE
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseConfig, parseDotEnv } from '../../../core/src/config.js';
import { EXPECTATIONS, MATCHERS } from '../../../core/src/expect/registry.js';
import { KEYS } from '../../../core/src/keys.js';
import { parseSuite } from '../../../core/src/parse.js';
import { validateSuite } from '../../../core/src/validate/index.js';

const ROOT = join(__dirname, '..', '..', '..');
const DOC_PATH = join(ROOT, 'docs/suite-format.md');
const DOC = readFileSync(DOC_PATH, 'utf8');

interface Block {
  lang: string;
  code: string;
  marker?: string;
  /** 1-based line of the opening fence, for messages. */
  line: number;
}

/** Fenced blocks with the `<!-- marker -->` on the closest non-blank line before them. */
function fencedBlocks(markdown: string): Block[] {
  const lines = markdown.split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w*)\s*$/.exec(lines[i]);
    if (!open) continue;
    const end = lines.findIndex((line, index) => index > i && /^```\s*$/.test(line));
    assert.ok(end > i, `unclosed code fence at docs/suite-format.md:${i + 1}`);
    let previous = i - 1;
    while (previous >= 0 && lines[previous].trim() === '') previous--;
    const marker = previous >= 0 ? /^<!--\s*(.*?)\s*-->$/.exec(lines[previous].trim())?.[1] : undefined;
    blocks.push({
      lang: open[1],
      code: lines.slice(i + 1, end).join('\n') + '\n',
      line: i + 1,
      ...(marker !== undefined ? { marker } : {}),
    });
    i = end;
  }
  return blocks;
}

const BLOCKS = fencedBlocks(DOC);
const where = (block: Block): string => `docs/suite-format.md:${block.line}`;

function suiteErrors(block: Block): string[] {
  const doc = parseSuite(block.code, join(ROOT, 'examples', 'doc-example.bluebook.yaml'));
  const parser = doc.diagnostics.filter((d) => d.severity === 'error');
  // Variables come from the examples' environments and files are illustrative: check the rest.
  const validation = validateSuite(doc, { checkVariables: false, checkFiles: false }).diagnostics.filter(
    (d) => d.severity === 'error' && !doc.diagnostics.includes(d),
  );
  return [...parser, ...validation].map((d) => {
    const position = doc.lineIndex.positionAt(d.span.start);
    return `${d.code} at block line ${position.line + 1}: ${d.message}`;
  });
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchors(markdown: string): Set<string> {
  const result = new Set<string>();
  const counts = new Map<string, number>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    const heading = fenced ? null : /^#{1,6}\s+(.*)$/.exec(line);
    if (!heading) continue;
    const slug = heading[1]
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const seen = counts.get(slug) ?? 0;
    counts.set(slug, seen + 1);
    result.add(seen === 0 ? slug : `${slug}-${seen}`);
  }
  return result;
}

/** Markdown links outside code: `[text](target)`. */
function links(markdown: string): string[] {
  const prose = markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1]);
}

void describe('docs/suite-format.md examples', () => {
  void test('the doc has examples of every kind, and only known markers', () => {
    const yaml = BLOCKS.filter((block) => block.lang === 'yaml');
    assert.ok(yaml.filter((block) => block.marker === undefined).length >= 20, 'at least 20 suite examples');
    assert.ok(yaml.some((block) => block.marker === 'config'));
    assert.ok(BLOCKS.some((block) => block.marker === 'dotenv'));
    assert.ok(yaml.filter((block) => block.marker?.startsWith('invalid:')).length >= 4);
    for (const block of BLOCKS) {
      if (block.marker === undefined) continue;
      assert.match(block.marker, /^(config|dotenv|invalid: [a-z-]+)$/, `unknown marker at ${where(block)}`);
    }
  });

  for (const block of BLOCKS) {
    if (block.marker === undefined && block.lang === 'yaml') {
      void test(`suite example at ${where(block)} parses and validates`, () => {
        assert.deepEqual(suiteErrors(block), [], where(block));
      });
    } else if (block.marker === 'config') {
      void test(`config example at ${where(block)} has no errors`, () => {
        const config = parseConfig(block.code, join(ROOT, 'examples', 'bluebook.config.yaml'));
        assert.deepEqual(
          config.errors.map((error) => `${error.line}:${error.column} ${error.message}`),
          [],
        );
        assert.ok(config.environments.length > 0, 'the example defines environments');
      });
    } else if (block.marker === 'dotenv') {
      void test(`.env example at ${where(block)} has no errors`, () => {
        const dotenv = parseDotEnv(block.code);
        assert.deepEqual(dotenv.errors, []);
        assert.ok(dotenv.entries.length > 0);
      });
    } else if (block.marker?.startsWith('invalid: ')) {
      const code = block.marker.slice('invalid: '.length);
      void test(`invalid example at ${where(block)} is reported as ${code}`, () => {
        const doc = parseSuite(block.code, join(ROOT, 'examples', 'doc-example.bluebook.yaml'));
        const codes = validateSuite(doc, { checkFiles: false }).diagnostics.map((d) => d.code);
        assert.ok(
          codes.includes(code as never),
          `${where(block)}: expected ${code}, got ${codes.join(', ') || 'none'}`,
        );
      });
    }
  }

  void test('the .env example says what parseDotEnv does with quotes, export and comments', () => {
    const block = BLOCKS.find((item) => item.marker === 'dotenv');
    assert.ok(block);
    const values = parseDotEnv(block.code).values;
    assert.equal(values.STAGING_ADMIN_PASSWORD, 'literal $value, no escapes');
    assert.equal(values.GREETING, 'two\nlines');
    assert.equal(values.PLAIN, 'value');
  });

  void test('every matcher operator has a row in the operator table', () => {
    for (const matcher of MATCHERS)
      assert.match(
        DOC,
        new RegExp(`^\\| \`${matcher.name}\` +\\|`, 'm'),
        `matcher \`${matcher.name}\` has a row`,
      );
    const yaml = BLOCKS.filter((block) => block.lang === 'yaml' && block.marker === undefined);
    for (const matcher of MATCHERS)
      assert.ok(
        yaml.some((block) => new RegExp(`[{,]\\s*${matcher.name}:`).test(block.code)),
        `matcher \`${matcher.name}\` appears in a checked example`,
      );
  });

  void test('every expectation kind has its section, every key of every context is mentioned', () => {
    for (const kind of EXPECTATIONS)
      assert.ok(DOC.includes(`### \`${kind.kind}\``), `expectation \`${kind.kind}\` has a section`);
    for (const [context, keys] of Object.entries(KEYS))
      for (const { key } of keys)
        assert.ok(DOC.includes(`\`${key}\``), `${context} key \`${key}\` is documented`);
  });

  void test('links in the doc and in README.md resolve (files and anchors)', () => {
    const ownAnchors = anchors(DOC);
    for (const [file, text] of [
      [DOC_PATH, DOC],
      [join(ROOT, 'README.md'), readFileSync(join(ROOT, 'README.md'), 'utf8')],
    ] as const) {
      for (const target of links(text)) {
        if (/^[a-z]+:/i.test(target)) continue; // external
        const [path, anchor] = target.split('#');
        if (path === '') {
          const known = file === DOC_PATH ? ownAnchors : anchors(text);
          assert.ok(known.has(anchor), `${file}: anchor #${anchor} exists`);
          continue;
        }
        const resolved = join(dirname(file), path);
        assert.ok(existsSync(resolved), `${file}: link ${target} resolves to an existing file`);
        if (anchor && resolved.endsWith('.md'))
          assert.ok(anchors(readFileSync(resolved, 'utf8')).has(anchor), `${file}: ${target} anchor exists`);
      }
    }
  });
});
