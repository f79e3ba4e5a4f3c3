import { digest, firstDifference, hexOf, magicBytes, readReference } from '../../bytes.js';
import type { ExpectationDef } from '../kind.js';
import type { MatchContext } from '../matcher.js';
import { compareWith } from '../subject.js';

type Check = (value: unknown, body: Buffer, context: MatchContext) => string | undefined;

const CHECKS: Record<string, Check> = {
  size(value, body, context) {
    const outcome = compareWith('the body size', value, body.length, context);
    return outcome.passed ? undefined : outcome.message;
  },
  sha256: (value, body) => digestCheck('sha256', value, body),
  md5: (value, body) => digestCheck('md5', value, body),
  startsWith(value, body) {
    const magic = magicBytes(String(value));
    if (typeof magic === 'string') return magic;
    return body.subarray(0, magic.length).equals(magic)
      ? undefined
      : `expected the body to start with ${hexOf(magic)}, got ${hexOf(body.subarray(0, Math.max(magic.length, 4)))}`;
  },
  equalsFile(value, body, context) {
    const file = readReference(String(value), context.baseDir);
    if (typeof file === 'string') return `equalsFile: ${file}`;
    if (file.equals(body)) return undefined;
    const offset = firstDifference(file, body);
    return `expected the body to equal \`${String(value)}\` (${file.length} bytes), got ${body.length} bytes that differ from byte ${offset}`;
  },
};

function digestCheck(algorithm: 'sha256' | 'md5', value: unknown, body: Buffer): string | undefined {
  const actual = digest(algorithm, body);
  return String(value).toLowerCase() === actual
    ? undefined
    : `expected the body's ${algorithm} to be ${String(value)}, got ${actual}`;
}

export const bytes: ExpectationDef = {
  kind: 'bytes',
  doc: 'The raw body bytes: `{ size, sha256, md5, startsWith, equalsFile }` (size a number or matcher; digests in hex; startsWith hex or `base64:…`; equalsFile relative to the suite).',
  schema: { type: 'object' },
  keyed: false,
  evaluate(expected, _expectation, response, context) {
    const body = response.response.body;
    const actual = `<${body.length} bytes, sha256 ${digest('sha256', body).slice(0, 12)}…>`;
    if (expected === null || typeof expected !== 'object' || Array.isArray(expected))
      return {
        passed: false,
        actual,
        message: '`bytes` takes `{ size, sha256, md5, startsWith, equalsFile }`',
      };
    const problems: string[] = [];
    for (const [field, value] of Object.entries(expected)) {
      const check = Object.hasOwn(CHECKS, field) ? CHECKS[field] : undefined;
      const problem = check
        ? check(value, body, context)
        : `unknown field \`${field}\`; use size, sha256, md5, startsWith or equalsFile`;
      if (problem) problems.push(problem);
    }
    return problems.length === 0
      ? { passed: true, actual, message: `the body bytes hold (${Object.keys(expected).join(', ')})` }
      : { passed: false, actual, message: problems.join('; ') };
  },
};
