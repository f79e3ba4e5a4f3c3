/**
 * `unknown-operation` (SPEC §11): with `openapi:` in the config, a step whose path the document
 * does not declare (warning on the URL, with the closest path) or whose method that path lacks
 * (warning on the method key). URLs to other hosts and URLs starting with a variable other than
 * `baseUrl` are not checked.
 */
import { basename } from 'node:path';
import type { ProjectConfig } from '../config.js';
import type { Diagnostic, Fix } from '../diagnostics.js';
import type { Step } from '../model.js';
import type { SuiteDocument } from '../parse.js';
import { contractPath, type OperationIndex } from '../openapi/paths.js';
import type { Span } from '../span.js';

type Report = (diagnostic: Diagnostic) => void;

export function checkOpenapiSteps(
  doc: SuiteDocument,
  steps: readonly Step[],
  config: ProjectConfig | undefined,
  index: OperationIndex | undefined,
  report: Report,
): void {
  if (!config?.openapi || !index) return;
  const document = `the OpenAPI document (${basename(config.openapi.file)})`;
  const baseUrls = literalBaseUrls(config);
  for (const step of steps) {
    if (step.use || typeof step.url !== 'string') continue;
    const path = contractPath(step.url, index, baseUrls);
    if (path === undefined) continue;
    const entry = index.match(path);
    if (!entry) {
      const near = index.closest(path, step.method);
      const fixes = near ? pathFix(doc.text, step, path, near) : [];
      report({
        code: 'unknown-operation',
        severity: 'warning',
        message: `\`${path}\` is not a path of ${document}: ${near ? `did you mean \`${near}\`?` : 'fix the path or add it to the document.'}`,
        span: step.urlSpan,
        ...(fixes.length > 0 ? { fixes } : {}),
      });
      continue;
    }
    if (entry.operations.has(step.method)) continue;
    report({
      code: 'unknown-operation',
      severity: 'warning',
      message: `\`${entry.template}\` has no ${step.method} operation in ${document}; it declares ${[...entry.operations.keys()].join(', ')}.`,
      span: step.methodSpan,
    });
  }
}

/**
 * "Change to `/users/1`": the closest template with the step's own values in its parameter
 * segments; offered only for a URL written as its value (no quotes or escapes to keep).
 */
function pathFix(text: string, step: Step, path: string, template: string): Fix[] {
  const url = step.url as string;
  const at = url.indexOf(path);
  if (text.slice(step.urlSpan.start, step.urlSpan.end) !== url || at < 0 || !path.startsWith('/')) return [];
  const sent = path.split('/');
  const fixed = template
    .split('/')
    .map((segment, index) => (segment.includes('{') ? sent[index] : segment))
    .join('/');
  const newText = url.slice(0, at) + fixed + url.slice(at + path.length);
  return [{ title: `Change to \`${newText}\``, span: step.urlSpan, newText }];
}

/** The `baseUrl` values written literally in the config's environments (absolute URLs are checked against them). */
export function literalBaseUrls(config: ProjectConfig): string[] {
  return Object.values(config.environmentValues).flatMap((values) => {
    const url = values.baseUrl;
    return typeof url === 'string' && /^https?:\/\//i.test(url) && !url.includes('${') ? [url] : [];
  });
}

/** The config diagnostic of a document that does not load, on its `openapi:` value (editor and CLI alike). */
export function openapiLoadDiagnostic(span: Span, error: unknown): Diagnostic {
  return {
    code: 'invalid-config',
    severity: 'error',
    message: `the OpenAPI document does not load: ${error instanceof Error ? error.message : String(error)}`,
    span,
  };
}
