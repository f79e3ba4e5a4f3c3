/** Captures (SPEC §2.3): values kept from a response for later steps. */
import { Cookie } from 'tough-cookie';
import { StepProblem } from '../http/errors.js';
import type { ResponseView } from '../http/response.js';
import { selectJsonPath, validateJsonPath } from '../jsonpath.js';
import type { Capture } from '../model.js';
import { setOwn } from '../own.js';
import { compileRegex, type UserRegex } from '../regex.js';
import { cssProblem, selectCss } from '../html.js';
import { evaluateXPath, singleOrList, xmlBody, xpathProblem } from '../xml.js';
import {
  interpolateJsonPath,
  interpolateValue,
  InterpolationError,
  UndefinedVariableError,
  type Scope,
} from '../interpolate.js';

/** The captured values by name; throws a `StepProblem` (outcome failed) for one that finds nothing. */
export function captureAll(
  captures: readonly Capture[],
  response: ResponseView,
  scope: Scope,
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const capture of captures) setOwn(values, capture.name, captureOne(capture, response, scope));
  return values;
}

function captureOne(capture: Capture, response: ResponseView, scope: Scope): unknown {
  const source = capture.source;
  const fail = (why: string): never => {
    throw new StepProblem(`capture \`${capture.name}\` found nothing: ${why}`, capture.span, 'failed');
  };
  switch (source.kind) {
    case 'json': {
      // `${...}` in the path: each value goes in as a JSONPath literal before compiling.
      const path = source.path.includes('${') ? interpolatedPath(capture, scope) : source.path;
      const problem = validateJsonPath(path);
      if (problem)
        throw new StepProblem(`capture \`${capture.name}\`: ${problem.message}`, capture.valueSpan);
      const body = response.json();
      if (!body.ok) return fail(body.reason);
      const selected = selectJsonPath(path, body.value);
      if (selected.singular ? selected.value === undefined : (selected.value as unknown[]).length === 0) {
        return fail(`\`${path}\` matched nothing in the response body`);
      }
      return selected.value;
    }
    case 'header': {
      const value = response.header(source.name);
      return value === undefined ? fail(`the response has no \`${source.name}\` header`) : value;
    }
    case 'cookie': {
      for (const line of response.response.setCookies) {
        const cookie = Cookie.parse(line);
        if (cookie?.key === source.name) return cookie.value;
      }
      return fail(`the response sets no cookie \`${source.name}\``);
    }
    case 'status':
      return response.status;
    case 'expression':
      try {
        return interpolateValue(source.source, scope);
      } catch (error) {
        if (error instanceof UndefinedVariableError || error instanceof InterpolationError)
          throw new StepProblem(`capture \`${capture.name}\`: ${error.message}`, capture.valueSpan);
        throw error;
      }
    case 'body': {
      if (response.isBinary) return fail('the body is binary');
      const json = response.json();
      return json.ok ? json.value : response.text();
    }
    case 'regex': {
      let regex: UserRegex;
      try {
        regex = compileRegex(source.pattern);
      } catch (error) {
        throw new StepProblem(`capture \`${capture.name}\`: ${(error as Error).message}`, capture.valueSpan);
      }
      const from = source.from ?? 'body';
      const text =
        from === 'body' ? (response.isBinary ? undefined : response.text()) : response.header(from);
      if (text === undefined)
        return fail(from === 'body' ? 'the body is binary' : `the response has no \`${from}\` header`);
      const match = regex.exec(text);
      if (!match)
        return fail(
          `/${source.pattern}/ does not match the ${from === 'body' ? 'body' : `\`${from}\` header`}`,
        );
      return match.length > 1 ? match[1] : match[0];
    }
    case 'xpath': {
      const problem = xpathProblem(source.expression);
      if (problem) throw new StepProblem(`capture \`${capture.name}\`: ${problem}`, capture.valueSpan);
      const body = xmlBody(response);
      if (!body.ok) return fail(body.reason);
      const value = singleOrList(evaluateXPath(source.expression, body.doc));
      return value === undefined
        ? fail(`\`${source.expression}\` matched nothing in the response body`)
        : value;
    }
    case 'css': {
      const problem = cssProblem(source.selector);
      if (problem) throw new StepProblem(`capture \`${capture.name}\`: ${problem}`, capture.valueSpan);
      if (response.isBinary) return fail('the body is binary');
      const values = selectCss(source.selector, response.text());
      if (values.length === 0) return fail(`\`${source.selector}\` matched nothing in the response body`);
      return values.length === 1 ? values[0] : values;
    }
  }
}

function interpolatedPath(capture: Capture, scope: Scope): string {
  try {
    return interpolateJsonPath((capture.source as { path: string }).path, scope);
  } catch (error) {
    if (error instanceof UndefinedVariableError || error instanceof InterpolationError)
      throw new StepProblem(error.message, capture.valueSpan);
    throw error;
  }
}
