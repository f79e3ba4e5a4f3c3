/** Builds suite YAML from imported requests, deterministically (`yaml` stringify, fixed key order). */
import { stringify } from 'yaml';
import type { BodySpec, RequestSpec, SuiteSpec, TestSpec } from './types.js';

export const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

/** `Get a user!` → `get-a-user`; never empty. */
export function slug(text: string, fallback = 'request'): string {
  const value = text
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return value || fallback;
}

/** `name.bluebook.yaml` from a title. */
export function suiteFileName(title: string): string {
  return `${slug(title, 'imported')}.bluebook.yaml`;
}

/** Literal text in suite syntax: `${` stays literal (`$${`). */
export function literal(text: string): string {
  return text.replace(/\$\{/g, () => '$${');
}

function uniqueIds(tests: readonly TestSpec[]): string[] {
  const seen = new Map<string, number>();
  return tests.map((test) => {
    const base = slug(test.id);
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base}-${count}`;
  });
}

function bodyEntries(body: BodySpec | undefined): [string, unknown][] {
  return body ? Object.entries(body) : [];
}

function stepObject(request: RequestSpec): Record<string, unknown> {
  const step: Record<string, unknown> = { [request.method]: request.url };
  const hasJson = request.body !== undefined && 'json' in request.body;
  const headers = request.headers.filter(
    ([name, value]) => !(hasJson && name.toLowerCase() === 'content-type' && /json/i.test(value)),
  );
  if (headers.length > 0) step.headers = Object.fromEntries(headers);
  if (request.query && Object.keys(request.query).length > 0) step.query = request.query;
  if (request.auth) step.auth = request.auth;
  for (const [key, value] of bodyEntries(request.body)) step[key] = value;
  if (request.followRedirects) step.followRedirects = true;
  if (request.timeout) step.timeout = request.timeout;
  return step;
}

/** One request as a one-item YAML list (`- GET: …`), indented from column 0. */
export function stepText(request: RequestSpec): string {
  return stringify([stepObject(request)], { lineWidth: 0, aliasDuplicateObjects: false });
}

/** The suite file's text. */
export function suiteText(suite: SuiteSpec): string {
  const ids = uniqueIds(suite.tests);
  const tests: Record<string, unknown> = {};
  suite.tests.forEach((test, index) => {
    const steps = test.steps.map((request) => {
      const step = stepObject(request);
      if (test.status !== undefined) step.expect = { status: test.status };
      return step;
    });
    tests[ids[index]] = { name: test.name, steps };
  });
  const root: Record<string, unknown> = { name: suite.name };
  if (suite.variables && Object.keys(suite.variables).length > 0) root.variables = suite.variables;
  root.tests = tests;
  return stringify(root, { lineWidth: 0, aliasDuplicateObjects: false });
}
