import type { ResponseView } from '../http/response.js';
import type { ExpectationResult } from '../results.js';
import { graphqlErrorsText } from './request.js';

/** Adds the response's GraphQL `errors` to each failed expectation's message (SPEC §11). */
export function explainGraphqlErrors(expectations: ExpectationResult[], view: ResponseView): void {
  if (expectations.every((item) => item.passed)) return;
  const body = view.json();
  const errors = body.ok ? graphqlErrorsText(body.value) : undefined;
  if (!errors) return;
  for (const item of expectations) if (!item.passed) item.message = `${item.message} — ${errors}`;
}
