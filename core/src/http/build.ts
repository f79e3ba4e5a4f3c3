/**
 * Turns a step (plus `defaults` and the config's defaults) into the request to send and its
 * record for results. Every interpolation error is tied to the span of the value that caused it.
 */
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import {
  interpolateValue,
  InterpolationError,
  stringify,
  UndefinedVariableError,
  type Scope,
} from '../interpolate.js';
import { resolveBoolean, resolveDuration } from '../deferred.js';
import type { Entry, RequestBody, RequestOptions, Step } from '../model.js';
import type { RequestRecord } from '../results.js';
import type { Span } from '../span.js';
import { formatBytes, StepProblem } from './errors.js';
import { applyLayers } from './layers.js';
import { createFormData, type FormData } from './undici.js';
import type { OutgoingRequest } from './send.js';
import { setOwn } from '../own.js';
import { graphqlPayload } from '../graphql/request.js';

export const DEFAULT_TIMEOUT_MS = 30_000;
const RECORD_BODY_LIMIT = 64 * 1024;

/** What every request of a run shares (one object per run: nothing is built per request). */
export interface BuildContext {
  /** The suite's `baseUrl` entry (interpolated here), if any. */
  baseUrl?: Entry<unknown>;
  /** Folder of the suite file: multipart files are relative to it. */
  baseDir: string;
  /** `defaults` of bluebook.config.yaml (lowest precedence). */
  configDefaults?: RequestOptions;
  /** The suite's `defaults`. */
  suiteDefaults?: RequestOptions;
  /** RunOptions.defaultTimeoutMs. */
  defaultTimeoutMs?: number;
  maxBodyBytes: number;
}

export interface BuiltRequest {
  outgoing: OutgoingRequest;
  record: RequestRecord;
}

/** Interpolates a value; variable problems become a `StepProblem` located at `span`. */
export function interpolateAt(value: unknown, scope: Scope, span: Span): unknown {
  try {
    return interpolateValue(value, scope);
  } catch (error) {
    if (error instanceof UndefinedVariableError || error instanceof InterpolationError)
      throw new StepProblem(error.message, span);
    throw error;
  }
}

/** Where a problem with an entry of `layer` is reported: config defaults point into another file. */
function spanFor(entry: Entry<unknown>, layer: RequestOptions, step: Step, context: BuildContext): Span {
  return layer === context.configDefaults ? step.methodSpan : entry.span;
}

/** A header or query name; names may hold `${...}` too: their text is the value's. */
function nameOf(
  entry: Entry<unknown>,
  layer: RequestOptions,
  step: Step,
  scope: Scope,
  context: BuildContext,
): string {
  return entry.key.includes('${')
    ? stringify(
        interpolateAt(entry.key, scope, layer === context.configDefaults ? step.methodSpan : entry.keySpan),
      )
    : entry.key;
}

const hasEntries = (layer: RequestOptions | undefined): boolean =>
  layer !== undefined && (layer.headers.length > 0 || layer.query.length > 0 || layer.auth !== undefined);

/**
 * The request to send and its record. Synchronous unless the body is `multipart` (which reads
 * files): no promise per request for the rest.
 */
export function buildRequest(
  step: Step,
  scope: Scope,
  context: BuildContext,
): BuiltRequest | Promise<BuiltRequest> {
  const url = resolveUrl(step, scope, context);
  const headers: Record<string, string> = {};
  // Most steps of a run have no headers, query or auth anywhere: nothing to merge.
  if (hasEntries(context.configDefaults) || hasEntries(context.suiteDefaults) || hasEntries(step))
    applyEntries(step, scope, context, url, headers);
  // The step and the suite's `defaults` are about these requests; `--timeout` (defaultTimeoutMs)
  // is this invocation's default and beats the project-wide `defaults` of bluebook.config.yaml.
  // Only the value that applies is interpolated.
  const timeoutLayer =
    step.timeoutMs !== undefined
      ? step
      : context.suiteDefaults?.timeoutMs !== undefined
        ? context.suiteDefaults
        : context.defaultTimeoutMs === undefined
          ? context.configDefaults
          : undefined;
  const timeoutMs =
    timeoutLayer?.timeoutMs !== undefined
      ? ofLayer(timeoutLayer, step, context, () => resolveDuration('timeout', timeoutLayer.timeoutMs!, scope))
      : (context.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS);
  const redirectLayer =
    step.followRedirects !== undefined
      ? step
      : context.suiteDefaults?.followRedirects !== undefined
        ? context.suiteDefaults
        : context.configDefaults;
  const followRedirects =
    redirectLayer?.followRedirects !== undefined
      ? ofLayer(redirectLayer, step, context, () =>
          resolveBoolean('followRedirects', redirectLayer.followRedirects!, scope),
        )
      : false;

  const source = step.body;
  if (source?.kind === 'multipart')
    return multipart(interpolateAt(source.value, scope, source.span), context.baseDir, source.span).then(
      (built) => assemble(step, url, headers, timeoutMs, followRedirects, context, built),
    );
  return assemble(step, url, headers, timeoutMs, followRedirects, context, buildBody(source, scope, headers));
}

function assemble(
  step: Step,
  url: URL,
  headers: Record<string, string>,
  timeoutMs: number,
  followRedirects: boolean,
  context: BuildContext,
  built: { body?: string | Buffer | FormData; record?: string },
): BuiltRequest {
  const outgoing: OutgoingRequest = {
    method: step.method,
    url,
    headers,
    body: built.body,
    timeoutMs,
    followRedirects,
    maxBodyBytes: context.maxBodyBytes,
  };
  const record: RequestRecord = { method: step.method, url: url.href, headers };
  if (built.record !== undefined) record.body = cut(built.record);
  return { outgoing, record };
}

/** The query parameters, headers and `auth` of every layer, merged and interpolated. */
function applyEntries(
  step: Step,
  scope: Scope,
  context: BuildContext,
  url: URL,
  headers: Record<string, string>,
): void {
  const layers = [context.configDefaults, context.suiteDefaults, step].filter((layer) => layer !== undefined);
  for (const layer of layers)
    for (const entry of layer.query)
      appendQuery(
        url,
        nameOf(entry, layer, step, scope, context),
        interpolateAt(entry.value, scope, spanFor(entry, layer, step, context)),
      );
  const applied = applyLayers(layers, (entry, layer) => nameOf(entry, layer, step, scope, context));
  for (const [name, { entry, layer }] of applied.headers) {
    const value = interpolateAt(entry.value, scope, spanFor(entry, layer, step, context));
    if (value !== null && value !== undefined) setOwn(headers, name, stringify(value));
  }
  if (applied.auth) {
    const { entry, layer } = applied.auth;
    const span = spanFor(entry, layer, step, context);
    const header = authorization(interpolateAt(entry.value, scope, span), span);
    if (header) headers.authorization = header;
  }
}

/** A value of `layer`; a problem with one of the config's defaults is reported on the step's method. */
function ofLayer<T>(layer: RequestOptions, step: Step, context: BuildContext, resolve: () => T): T {
  if (layer !== context.configDefaults) return resolve();
  try {
    return resolve();
  } catch (error) {
    if (error instanceof StepProblem)
      throw new StepProblem(
        `${error.message} (in the \`defaults\` of bluebook.config.yaml)`,
        step.methodSpan,
      );
    throw error;
  }
}

function resolveUrl(step: Step, scope: Scope, context: BuildContext): URL {
  const raw = interpolateAt(step.url, scope, step.urlSpan);
  if (typeof raw !== 'string' || raw.trim() === '') {
    throw new StepProblem(`the URL of \`${step.method}\` must be a non-empty string`, step.urlSpan);
  }
  const text = raw.trim();
  if (/^[a-z][a-z\d+.-]*:\/\//i.test(text)) return parseUrl(text, step.urlSpan);
  let base: unknown;
  if (context.baseUrl) base = interpolateAt(context.baseUrl.value, scope, context.baseUrl.valueSpan);
  else if (scope.has('baseUrl')) base = interpolateAt('${baseUrl}', scope, step.urlSpan);
  if (typeof base !== 'string' || base === '') {
    throw new StepProblem(
      `relative URL \`${text}\` needs a base: set \`baseUrl:\` in the suite (or a \`baseUrl\` variable in the environment)`,
      step.urlSpan,
    );
  }
  // Plain concatenation: `http://host/api` + `/users` is `http://host/api/users` (URL resolution would drop `/api`).
  const joined = `${base.replace(/\/+$/, '')}/${text.replace(/^\/+/, '')}`;
  return parseUrl(joined, step.urlSpan);
}

function parseUrl(text: string, span: Span): URL {
  try {
    const url = new URL(text);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
    return url;
  } catch {
    throw new StepProblem(`invalid URL \`${text}\`; write an http:// or https:// URL`, span);
  }
}

function appendQuery(url: URL, name: string, value: unknown): void {
  const values = Array.isArray(value) ? value : [value];
  for (const item of values)
    if (item !== null && item !== undefined) url.searchParams.append(name, stringify(item));
}

function authorization(auth: unknown, span: Span): string | undefined {
  if (auth === null || typeof auth !== 'object')
    throw new StepProblem('`auth` must be `{ basic: { username, password } }` or `{ bearer: token }`', span);
  const { basic, bearer } = auth as { basic?: { username?: unknown; password?: unknown }; bearer?: unknown };
  if (bearer !== undefined && bearer !== null) return `Bearer ${stringify(bearer)}`;
  if (basic && typeof basic === 'object') {
    const credentials = `${stringify(basic.username ?? '')}:${stringify(basic.password ?? '')}`;
    return `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}`;
  }
  throw new StepProblem('`auth` must be `{ basic: { username, password } }` or `{ bearer: token }`', span);
}

const NO_BODY: { body?: undefined; record?: undefined } = Object.freeze({});

/** The body of any kind but `multipart` (which reads files: `multipart`). */
function buildBody(
  source: Exclude<RequestBody, { kind: 'multipart' }> | undefined,
  scope: Scope,
  headers: Record<string, string>,
): { body?: string | Buffer | FormData; record?: string } {
  if (!source) return NO_BODY;
  const value = interpolateAt(source.value, scope, source.span);
  switch (source.kind) {
    case 'json': {
      const text = JSON.stringify(value) ?? 'null';
      headers['content-type'] ??= 'application/json';
      return { body: text, record: text };
    }
    case 'body': {
      const text = value === null || value === undefined ? '' : stringify(value);
      return { body: text, record: text };
    }
    case 'form': {
      const params = new URLSearchParams();
      for (const [name, item] of Object.entries((value ?? {}) as Record<string, unknown>)) {
        for (const part of Array.isArray(item) ? item : [item]) params.append(name, stringify(part));
      }
      headers['content-type'] ??= 'application/x-www-form-urlencoded';
      return { body: params.toString(), record: params.toString() };
    }
    case 'graphql': {
      const text = JSON.stringify(graphqlPayload(value));
      headers['content-type'] ??= 'application/json';
      return { body: text, record: text };
    }
  }
}

async function multipart(
  value: unknown,
  baseDir: string,
  span: Span,
): Promise<{ body: FormData; record: string }> {
  const form = createFormData();
  const lines: string[] = [];
  for (const [name, part] of Object.entries((value ?? {}) as Record<string, unknown>)) {
    if (part !== null && typeof part === 'object' && !Array.isArray(part) && 'file' in part) {
      const { file, contentType, filename } = part as {
        file: unknown;
        contentType?: unknown;
        filename?: unknown;
      };
      const path = resolve(baseDir, String(file));
      let bytes: Buffer<ArrayBuffer>;
      try {
        bytes = await readFile(path);
      } catch {
        throw new StepProblem(`cannot read multipart file for \`${name}\`: ${path}`, span);
      }
      const type = typeof contentType === 'string' ? contentType : 'application/octet-stream';
      const fileName = typeof filename === 'string' ? filename : basename(path);
      form.append(name, new Blob([bytes], { type }), fileName);
      lines.push(`${name}: <file ${fileName}, ${type}, ${formatBytes(bytes.length)}>`);
    } else {
      form.append(name, stringify(part));
      lines.push(`${name}: ${stringify(part)}`);
    }
  }
  return { body: form, record: lines.join('\n') };
}

function cut(text: string): string {
  return text.length > RECORD_BODY_LIMIT
    ? `${text.slice(0, RECORD_BODY_LIMIT)}… (${text.length - RECORD_BODY_LIMIT} more characters)`
    : text;
}
