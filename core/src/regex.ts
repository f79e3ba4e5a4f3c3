/**
 * Every regular expression a user writes (`match`, `regex` captures, JSONPath `match()` and
 * `search()`, `--grep`) runs here, with RE2 semantics (re2js): matching time is linear in the
 * text, so no pattern can hang a run. Patterns are compiled once and cached.
 *
 * Constructs only a backtracking engine can run (lookaround, backreferences, atomic groups,
 * possessive quantifiers) are refused by name with where they are, never run another way.
 *
 * re2js is loaded on the first pattern compiled: a run without regexes does not pay for it.
 */
import type * as Re2js from 're2js';

/** A pattern that cannot be used, and where (offsets into the pattern). */
export interface RegexProblem {
  /** `unsupported`: valid for a backtracking engine, refused here; `invalid`: not a pattern. */
  kind: 'invalid' | 'unsupported';
  message: string;
  start: number;
  end: number;
}

export class RegexError extends Error {
  constructor(readonly problem: RegexProblem) {
    super(problem.message);
    this.name = 'RegexError';
  }
}

/** A compiled user pattern. */
export interface UserRegex {
  /** The pattern as written. */
  readonly source: string;
  /** Whether the pattern matches anywhere in `text`. */
  test(text: string): boolean;
  /** The first match: the whole match, then each group (`undefined` when it took no part). */
  exec(text: string): (string | undefined)[] | null;
}

const WHY = 'Bluebook matches with RE2 semantics so a pattern can never hang a run';

const GROUPS: readonly { prefix: string; name: string; hint: string }[] = [
  {
    prefix: '(?<=',
    name: 'lookbehind `(?<=…)`',
    hint: 'match the text before it too, and capture the part you want with a group',
  },
  {
    prefix: '(?<!',
    name: 'negative lookbehind `(?<!…)`',
    hint: 'rewrite it with a character class such as `[^x]`, or check it with a second expectation',
  },
  {
    prefix: '(?=',
    name: 'lookahead `(?=…)`',
    hint: 'match the text after it too, and capture the part you want with a group',
  },
  {
    prefix: '(?!',
    name: 'negative lookahead `(?!…)`',
    hint: 'rewrite it with a character class such as `[^x]`, or check it with a second expectation',
  },
  {
    prefix: '(?>',
    name: 'atomic group `(?>…)`',
    hint: 'write a plain group `(?:…)`; RE2 never backtracks, so it is not needed',
  },
];
const BACKREFERENCE = {
  name: 'backreference',
  hint: 'repeat the group’s pattern instead of referring to it (`(\\d+)-\\1` → `(\\d+)-\\d+`)',
};
const POSSESSIVE = {
  name: 'possessive quantifier',
  hint: 'drop the second `+` (`a++` → `a+`); RE2 never backtracks, so it is not needed',
};

/** JavaScript's flag letters as RE2JS flags; `u` is always on. */
const FLAGS: Record<string, 'CASE_INSENSITIVE' | 'MULTILINE' | 'DOTALL' | undefined> = {
  i: 'CASE_INSENSITIVE',
  m: 'MULTILINE',
  s: 'DOTALL',
  u: undefined,
};

const CACHE_LIMIT = 1000;
const cache = new Map<string, UserRegex | RegexProblem>();

/**
 * The compiled pattern (cached). `flags` are JavaScript's letters: `i` (ignore case), `m` (`^`/`$`
 * at lines), `s` (`.` matches newlines); `u` is always on. Throws a `RegexError`.
 */
export function compileRegex(pattern: string, flags = ''): UserRegex {
  const entry = lookup(pattern, flags);
  if ('message' in entry) throw new RegexError(entry);
  return entry;
}

/** Why `pattern` cannot be used (offsets into it), or undefined when it compiles. */
export function regexProblem(pattern: string, flags = ''): RegexProblem | undefined {
  const entry = lookup(pattern, flags);
  return 'message' in entry ? entry : undefined;
}

function lookup(pattern: string, flags: string): UserRegex | RegexProblem {
  const key = `${flags}/${pattern}`;
  let entry = cache.get(key);
  if (!entry) {
    entry = compile(pattern, flags);
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    cache.set(key, entry);
  }
  return entry;
}

function compile(pattern: string, flags: string): UserRegex | RegexProblem {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy, bundled by esbuild
  const { RE2JS, RE2JSSyntaxException } = require('re2js') as typeof Re2js;
  let bits = 0;
  for (const flag of flags) {
    if (!Object.hasOwn(FLAGS, flag))
      return {
        kind: 'invalid',
        message: `unknown regular expression flag \`${flag}\`; use i, m or s`,
        start: 0,
        end: pattern.length,
      };
    const name = FLAGS[flag];
    if (name) bits |= RE2JS[name];
  }
  const unsupported = unsupportedConstruct(pattern);
  if (unsupported) return unsupported;
  try {
    const regex = RE2JS.compile(translateEscapes(pattern), bits);
    return { source: pattern, test: (text) => regex.test(text), exec: (text) => regex.exec(text) };
  } catch (error) {
    if (!(error instanceof RE2JSSyntaxException)) throw error;
    const fragment = error.input ?? '';
    const at = fragment ? pattern.indexOf(fragment) : -1;
    return {
      kind: 'invalid',
      message: `invalid regular expression: ${error.error}${fragment ? `: \`${fragment}\`` : ''}`,
      start: at < 0 ? 0 : at,
      end: at < 0 ? pattern.length : at + fragment.length,
    };
  }
}

/**
 * The first construct RE2 cannot run, by name and with a hint, spanning the whole group for
 * lookaround and atomic groups. Character classes and `\Q…\E` are literal text.
 */
export function unsupportedConstruct(pattern: string): RegexProblem | undefined {
  const open: { start: number; group?: (typeof GROUPS)[number] }[] = [];
  let inClass = false;
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index];
    if (char === '\\') {
      if (pattern[index + 1] === 'Q') {
        const end = pattern.indexOf('\\E', index + 2);
        index = end < 0 ? pattern.length : end + 1;
        continue;
      }
      const reference = inClass ? null : /^\\(?:[1-9]\d*|k<[^>]*>?)/.exec(pattern.slice(index));
      if (reference) return problem(BACKREFERENCE, index, index + reference[0].length);
      index++;
    } else if (inClass) {
      if (char === ']') inClass = false;
      else if (pattern.startsWith('[:', index)) index = Math.max(index, pattern.indexOf(':]', index + 2) + 1);
    } else if (char === '[') {
      inClass = true;
      if (pattern[index + 1] === '^') index++;
      if (pattern[index + 1] === ']') index++;
    } else if (char === '(') {
      open.push({ start: index, group: GROUPS.find((group) => pattern.startsWith(group.prefix, index)) });
    } else if (char === ')') {
      const group = open.pop();
      if (group?.group) return problem(group.group, group.start, index + 1);
    } else if (pattern[index + 1] === '+' && isQuantifier(pattern, index)) {
      return problem(POSSESSIVE, index, index + 2);
    }
  }
  const unclosed = open.find((item) => item.group);
  return unclosed?.group && problem(unclosed.group, unclosed.start, pattern.length);
}

function isQuantifier(pattern: string, index: number): boolean {
  const char = pattern[index];
  if (char === '*' || char === '+') return true;
  if (char === '?') return index > 0 && pattern[index - 1] !== '(';
  return char === '}' && /\{\d+(,\d*)?\}$/.test(pattern.slice(0, index + 1));
}

function problem(what: { name: string; hint: string }, start: number, end: number): RegexProblem {
  return { kind: 'unsupported', message: `${what.name} is not supported: ${WHY}; ${what.hint}`, start, end };
}

/** JavaScript's `\uFFFF` and `\u{…}` escapes in RE2's spelling `\x{…}` (a surrogate pair as one). */
function translateEscapes(pattern: string): string {
  if (!pattern.includes('\\u')) return pattern;
  return pattern.replace(
    /\\\\|\\u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})|\\u([0-9a-fA-F]{4})|\\u\{([0-9a-fA-F]+)\}/g,
    (whole, high?: string, low?: string, bmp?: string, braced?: string) => {
      if (high && low) {
        const code = (parseInt(high, 16) - 0xd800) * 0x400 + (parseInt(low, 16) - 0xdc00) + 0x10000;
        return `\\x{${code.toString(16)}}`;
      }
      const hex = bmp ?? braced;
      return hex ? `\\x{${hex}}` : whole;
    },
  );
}
