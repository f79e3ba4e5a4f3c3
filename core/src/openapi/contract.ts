/**
 * The contract check of one response (SPEC §11): the status is declared for the operation (the
 * code, its `2XX` range or `default`), so is the content type, and a JSON body is valid against
 * the schema. Validators are compiled on first use and kept: once per schema object of the document.
 */
import type { ErrorObject } from 'ajv';
import { bodyProblem } from '../mock/openapiRequest.js';
import { SchemaCompiler } from '../mock/openapiSchema.js';
import { loadOpenApi } from '../mock/openapiLoad.js';
import type { ResponseView } from '../http/response.js';
import { findOperation, operationsOf, type Operation } from './responseOperations.js';

/** At most this many violations are listed in a message; the rest are counted. */
const LISTED = 10;

export interface ContractVerdict {
  passed: boolean;
  /** `GET /users/{id}` */
  operation: string;
  /** The responses key that applies (`200`, `2XX`, `default`), when one does. */
  status?: string;
  /** One line per problem: `$.items[2].id: must be integer`. */
  violations: string[];
  message: string;
}

type Media = Record<string, { schema?: unknown } | undefined>;

export class Contract {
  constructor(
    private readonly operations: readonly Operation[],
    private readonly compiler: SchemaCompiler,
  ) {}

  /** The verdict on a response to `method url`, or undefined when the document lacks the operation. */
  check(
    method: string,
    url: URL,
    view: ResponseView,
    basePath?: () => string | undefined,
  ): ContractVerdict | undefined {
    const path = url.pathname;
    const operation =
      findOperation(this.operations, method, path) ??
      (basePath ? findOperation(this.operations, method, path, basePath()) : undefined);
    if (!operation) return undefined;
    const label = `${operation.method} ${operation.template}`;
    const responses = (operation.object.responses ?? {}) as Record<string, { content?: Media } | undefined>;
    const status = statusKey(responses, view.status);
    if (status === undefined) {
      const declared = Object.keys(responses);
      return verdict(label, undefined, [
        `status ${view.status} is not declared (declared: ${declared.length > 0 ? declared.join(', ') : 'none'})`,
      ]);
    }
    return verdict(label, status, this.bodyViolations(responses[status]?.content, view, method === 'HEAD'));
  }

  /** `headOnly`: a HEAD response has the headers of a GET and no body to validate. */
  private bodyViolations(content: Media | undefined, view: ResponseView, headOnly: boolean): string[] {
    if (!content || Object.keys(content).length === 0) return [];
    const sent = view.contentType.split(';')[0].trim().toLowerCase();
    if (sent === '' && view.response.body.length === 0) return [];
    const media = Object.keys(content).find((candidate) => mediaMatches(candidate, sent));
    if (media === undefined)
      return [
        `content type ${sent === '' ? '(none)' : sent} is not declared (declared: ${Object.keys(content).join(', ')})`,
      ];
    const schema = content[media]?.schema;
    if (headOnly || schema === undefined || !isJson(media === '*/*' ? sent : media)) return [];
    const body = view.json();
    if (!body.ok) return [`$: ${body.reason}`];
    const validate = this.compiler.body(schema, 'response');
    if (validate(body.value)) return [];
    return (validate.errors ?? []).map((error: ErrorObject) => {
      const problem = bodyProblem(error);
      return `${problem.path}: ${problem.message}`;
    });
  }
}

/** Loads and dereferences the document; rejects with an Error naming the file and each problem. */
export async function loadContract(file: string): Promise<Contract> {
  const { doc, version } = await loadOpenApi(file);
  return new Contract(operationsOf(doc), new SchemaCompiler(version));
}

function statusKey(responses: Record<string, unknown>, status: number): string | undefined {
  const code = String(status);
  if (Object.hasOwn(responses, code)) return code;
  const range = `${code[0]}XX`;
  const declaredRange = Object.keys(responses).find((key) => key.toUpperCase() === range);
  if (declaredRange !== undefined) return declaredRange;
  return Object.hasOwn(responses, 'default') ? 'default' : undefined;
}

function mediaMatches(candidate: string, sent: string): boolean {
  const wanted = candidate.split(';')[0].trim().toLowerCase();
  if (wanted === sent || wanted === '*/*') return true;
  return wanted.endsWith('/*') && sent.startsWith(wanted.slice(0, -1));
}

function isJson(type: string): boolean {
  return /^application\/(?:[\w.-]+\+)?json$/i.test(type.split(';')[0].trim());
}

function verdict(operation: string, status: string | undefined, violations: string[]): ContractVerdict {
  const where = status === undefined ? operation : `${operation} → ${status}`;
  if (violations.length === 0)
    return {
      passed: true,
      operation,
      status,
      violations,
      message: `matches the OpenAPI contract of ${where}`,
    };
  const listed = violations.slice(0, LISTED);
  const more = violations.length - listed.length;
  return {
    passed: false,
    operation,
    ...(status !== undefined ? { status } : {}),
    violations,
    message: [
      `does not match the OpenAPI contract of ${where}:`,
      ...listed.map((line) => `  ${line}`),
      ...(more > 0 ? [`  … and ${more} more`] : []),
    ].join('\n'),
  };
}
