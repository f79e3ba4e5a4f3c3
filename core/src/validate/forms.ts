/**
 * `${...}` forms the run rejects whatever the variables hold: the grammar of core/src/interpolate.ts
 * (read through its own regular expressions), checked without values. Whether names are defined
 * and the top-level call's name and arity are checked in variables.ts.
 */
import {
  CALL,
  ENV_REFERENCE,
  NUMBER_ARGUMENT,
  QUOTED_ARGUMENT,
  RANDOM_RANGE,
  ROOT,
  SEGMENT,
} from '../interpolate.js';

const ALLOWED =
  'use `${name}`, `${name.path}` or a built-in such as `${randomInt(1, 9)}`; arithmetic, method calls and other expressions are not evaluated.';
const BUILTIN_ARITY: Record<string, number> = { uuid: 0, now: 0, timestamp: 0, randomInt: 2 };

/** What is wrong with the text between `${` and `}`, or undefined when the run can evaluate it. */
export function formProblem(expression: string): string | undefined {
  const source = expression.trim();
  if (source === '') return undefined; // reported as an empty `${}`
  return problemIn(source, `\`\${${source}}\``, false);
}

function problemIn(source: string, shown: string, nested: boolean): string | undefined {
  const call = CALL.exec(source);
  if (call) return callProblem(call[1], call[2], shown, nested);
  const root = ROOT.exec(source);
  if (!root) return notAReference(source, shown, nested);
  let rest = source.slice(root[0].length);
  if (root[0] === 'env')
    return ENV_REFERENCE.test(rest)
      ? undefined
      : `${shown}: write \`\${env.NAME}\` to read an environment variable (NAME: letters, digits, \`_\`, \`.\` and \`-\`).`;
  while (rest.length > 0) {
    const segment = SEGMENT.exec(rest);
    if (!segment) return notAReference(source, shown, nested);
    rest = rest.slice(segment[0].length);
  }
  return undefined;
}

function notAReference(source: string, shown: string, nested: boolean): string {
  return nested
    ? `${shown}: the argument \`${source}\` is not a number, a quoted text or a variable; ${ALLOWED}`
    : `${shown} is not a variable reference: ${ALLOWED}`;
}

function callProblem(name: string, argsSource: string, shown: string, nested: boolean): string | undefined {
  const arity = BUILTIN_ARITY[name];
  if (arity === undefined) return nested ? `${shown}: unknown function \`${name}()\`; ${ALLOWED}` : undefined;
  const args = argsSource.trim() === '' ? [] : argsSource.split(',').map((arg) => arg.trim());
  const literals: number[] = [];
  for (const arg of args) {
    if (NUMBER_ARGUMENT.test(arg)) literals.push(Number(arg));
    else {
      const quoted = QUOTED_ARGUMENT.exec(arg);
      if (quoted) literals.push(Number(quoted[1] ?? quoted[2]));
      else {
        const problem = problemIn(arg, shown, true);
        if (problem) return problem;
      }
    }
  }
  if (name !== 'randomInt') return undefined;
  const needs = `${shown}: \`randomInt(min, max)\` needs two whole numbers with min ≤ max`;
  if (args.length !== 2) return nested ? `${needs}, not ${args.length} arguments` : undefined;
  if (literals.length < 2) return undefined; // a variable's value is known at run time only
  const [min, max] = literals;
  if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max + 1) || max < min) return `${needs}.`;
  if (max - min + 1 >= RANDOM_RANGE) return `${needs}, fewer than 2^48 apart.`;
  return undefined;
}
