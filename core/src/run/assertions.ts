/**
 * A failed `expect.assert` says what its operands were: for a comparison at the top level of the
 * expression (`a > b`, `x === "ok"`), each side is evaluated on its own.
 */
import type { Expectation } from '../model.js';
import type { Scope } from '../interpolate.js';
import type { ExpectationResult } from '../results.js';
import { short } from '../expect/values.js';
import { wholeScriptExpression } from '../script/template.js';

const COMPARISONS = ['===', '!==', '==', '!=', '>=', '<=', '>', '<'];

/** Adds `(3 > 5)` to a failed assertion's message when its operands can be evaluated. */
export function explainAssertion(result: ExpectationResult, expectation: Expectation, scope: Scope): void {
  const whole =
    typeof expectation.expected === 'string' ? wholeScriptExpression(expectation.expected) : undefined;
  const split = whole ? splitComparison(whole.source) : undefined;
  if (!split) return;
  try {
    const left = scope.evaluateScript(split.left);
    const right = scope.evaluateScript(split.right);
    result.message += ` (${short(left)} ${split.operator} ${short(right)})`;
  } catch {
    // An operand that cannot be evaluated alone: the message stays as it is.
  }
}

/** The two sides of the one comparison at the top level of `source`, if there is exactly one. */
export function splitComparison(
  source: string,
): { left: string; operator: string; right: string } | undefined {
  let depth = 0;
  let found: { index: number; operator: string } | undefined;
  for (let index = 0; index < source.length; index++) {
    const char = source[index]!;
    if (char === '"' || char === "'" || char === '`') {
      index = stringEnd(source, index);
      if (index < 0) return undefined;
      continue;
    }
    if ('([{'.includes(char)) depth++;
    else if (')]}'.includes(char)) depth--;
    if (depth !== 0) continue;
    if (char === '?' || source.startsWith('&&', index) || source.startsWith('||', index)) return undefined;
    if (source.startsWith('=>', index)) return undefined;
    const operator = COMPARISONS.find((candidate) => source.startsWith(candidate, index));
    if (!operator || source[index + operator.length] === '>' || source[index - 1] === '=') continue;
    if (found) return undefined;
    found = { index, operator };
    index += operator.length - 1;
  }
  if (!found) return undefined;
  const left = source.slice(0, found.index).trim();
  const right = source.slice(found.index + found.operator.length).trim();
  return left && right ? { left, operator: found.operator, right } : undefined;
}

function stringEnd(text: string, open: number): number {
  for (let index = open + 1; index < text.length; index++) {
    if (text[index] === '\\') index++;
    else if (text[index] === text[open]) return index;
  }
  return -1;
}
