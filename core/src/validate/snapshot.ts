/** `expect.snapshot`: `true` or `{ ignore: [JSONPath, …] }`, each path checked where it is written. */
import { isScalar, isSeq } from 'yaml';
import type { Diagnostic } from '../diagnostics.js';
import type { Expectation } from '../model.js';
import type { SuiteDocument } from '../parse.js';
import { mapEntries, yamlNodeAt } from './nodes.js';
import { checkJsonPath } from './patterns.js';

type Report = (diagnostic: Diagnostic) => void;

const SHAPE =
  '`snapshot` must be `true` or `{ ignore: [JSONPath, …] }`, e.g. `{ ignore: [$.id, $.createdAt] }`.';

export function checkSnapshot(expectation: Expectation, doc: SuiteDocument, report: Report): void {
  const value = expectation.expected;
  if (value === true) return;
  const isObject = value !== null && typeof value === 'object' && !Array.isArray(value);
  const keys = isObject ? Object.keys(value) : [];
  if (!isObject || keys.some((key) => key !== 'ignore')) {
    report({ code: 'wrong-type', severity: 'error', message: SHAPE, span: expectation.valueSpan });
    return;
  }
  const located = yamlNodeAt(doc, expectation.valueSpan.start);
  const ignore = mapEntries(located?.node, located?.base).find((entry) => entry.key === 'ignore');
  if (!ignore || !located) return;
  if (!isSeq(ignore.value)) {
    report({
      code: 'wrong-type',
      severity: 'error',
      message: SHAPE,
      span: { start: ignore.keyStart, end: ignore.keyEnd },
    });
    return;
  }
  for (const item of ignore.value.items) {
    if (!isScalar(item) || !item.range) continue;
    const span = { start: item.range[0] + located.base, end: item.range[1] + located.base };
    if (typeof item.value !== 'string') {
      report({ code: 'wrong-type', severity: 'error', message: SHAPE, span });
      continue;
    }
    checkJsonPath(item.value, { node: item, base: located.base }, span, doc, report);
  }
}
