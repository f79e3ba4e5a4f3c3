/**
 * `bluebook mock --record --target URL --out FILE [--port N]`: a proxy on 127.0.0.1 that forwards
 * every request to the target, answers with the real response, and rewrites FILE after each one
 * with the routes seen so far (core/src/mock/record.ts), so a killed recording loses nothing.
 * An unreachable target is answered 502 with the reason; the proxy keeps running.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { Agent, withRequestApi } from '../../core/src/http/undici.js';
import { displayUrl, Recorder, withoutUserInfo, type RecordedExchange } from '../../core/src/mock/record.js';
import type { CliArgs } from './args.js';
import { UsageError } from './args.js';
import { ExitCode, type Io } from './io.js';

/** The least time between two rewrites of the file while requests keep coming. */
const WRITE_INTERVAL_MS = 200;

/** Larger request or response bodies are refused (413 / 502) and not recorded. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** Headers of one hop (RFC 9110 §7.6.1) and `accept-encoding`: the target is asked for plain bodies. */
const NOT_FORWARDED = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'accept-encoding',
]);

export async function recordCommand(args: CliArgs, io: Io): Promise<number> {
  if (!args.target || !args.out) throw new UsageError('--record needs --target URL and --out FILE');
  if (args.paths.length > 0) throw new UsageError('--record proxies to --target; it takes no mock files');
  const target = new URL(args.target);
  const out = resolve(io.cwd, args.out);
  const name = basename(out).replace(/(\.mock)?\.ya?ml$/i, '');
  const filesDir = `${name}.files`;
  const display = relative(io.cwd, out) || out;
  if (!/\.mock\.ya?ml$/i.test(out))
    io.info(
      `${display} does not end in .mock.yaml: \`bluebook mock\` and the editor look for *.mock.yaml files`,
    );
  const recorder = new Recorder({ name, target: args.target, filesDir });
  withRequestApi();
  const agent = new Agent({ headersTimeout: 0, bodyTimeout: 0 });
  const file = recordingFile(out, display, recorder, io);

  const server = createServer((request, response) => {
    const started = Date.now();
    void forward(request, target, agent).then(
      (outcome) => {
        if ('exchange' in outcome) {
          recorder.add(outcome.exchange);
          file.changed();
        }
        send(response, outcome);
        const line = `${request.method} ${displayUrl(request.url ?? '/')} → ${outcome.status}`;
        const failure = 'failure' in outcome ? ` ${outcome.failure}` : '';
        io.stdout.write(`${line}${failure} · ${Date.now() - started} ms\n`);
      },
      () => response.destroy(),
    );
  });
  try {
    await new Promise<void>((done, fail) => {
      server.once('error', fail);
      server.listen(args.port ?? 0, '127.0.0.1', done);
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    io.error(
      code === 'EADDRINUSE'
        ? `port ${args.port} is in use; choose another with --port, or leave it out for a free one`
        : `cannot listen: ${(error as Error).message}`,
    );
    return ExitCode.Invalid;
  }
  file.write();
  const { port } = server.address() as AddressInfo;
  io.stdout.write(`recording http://127.0.0.1:${port} → ${withoutUserInfo(args.target)} into ${display}\n`);
  io.info('recording until Ctrl-C; the file is rewritten after every request');
  await new Promise<void>((done) => {
    const remove = io.onInterrupt(() => {
      remove();
      done();
      return false;
    });
  });
  file.write();
  server.closeAllConnections();
  await new Promise<void>((done) => server.close(() => done()));
  await agent.close();
  io.info(`wrote ${recorder.size} request${recorder.size === 1 ? '' : 's'} to ${display}`);
  return ExitCode.Passed;
}

/**
 * Writes the recording (to `FILE.tmp`, then renamed) and the binary bodies not written yet. After
 * a request it writes at once unless it wrote less than `WRITE_INTERVAL_MS` ago; then once more
 * when that interval is over, so a burst of requests costs a few rewrites, not one each.
 */
function recordingFile(
  out: string,
  display: string,
  recorder: Recorder,
  io: Io,
): { changed(): void; write(): void } {
  const written = new Set<string>();
  let failed = false;
  let last = 0;
  let timer: NodeJS.Timeout | undefined;
  const write = (): void => {
    clearTimeout(timer);
    timer = undefined;
    // The empty file written at start-up does not delay the first request's write.
    if (recorder.size > 0) last = Date.now();
    const recording = recorder.recording();
    try {
      mkdirSync(dirname(out), { recursive: true });
      for (const file of recording.files) {
        if (written.has(file.path)) continue;
        mkdirSync(dirname(join(dirname(out), file.path)), { recursive: true });
        writeFileSync(join(dirname(out), file.path), file.content);
        written.add(file.path);
      }
      writeFileSync(`${out}.tmp`, recording.text);
      renameSync(`${out}.tmp`, out);
      failed = false;
    } catch (error) {
      if (!failed) io.error(`cannot write ${display}: ${(error as Error).message}`);
      failed = true;
    }
  };
  return {
    write,
    changed() {
      if (timer) return;
      const wait = last + WRITE_INTERVAL_MS - Date.now();
      if (wait <= 0) write();
      else timer = setTimeout(write, wait);
    },
  };
}

type Outcome =
  | { status: number; headers: Record<string, string | string[]>; body: Buffer; exchange: RecordedExchange }
  | { status: number; headers: Record<string, string>; body: Buffer; failure: string };

async function forward(request: IncomingMessage, target: URL, agent: Agent): Promise<Outcome> {
  const body = await readBody(request);
  const method = (request.method ?? 'GET').toUpperCase();
  if (body === undefined) return failure(413, `the request body is over ${MAX_BODY_BYTES / 1024 / 1024} MB`);
  const headers: Record<string, string | string[]> = {};
  for (const [header, value] of Object.entries(request.headers))
    if (value !== undefined && !NOT_FORWARDED.has(header)) headers[header] = value;
  const url = request.url ?? '/';
  try {
    const response = await agent.request({
      origin: target.origin,
      path: `${target.pathname.replace(/\/+$/, '')}${url}`,
      method: method as 'GET',
      headers,
      body: body.length > 0 ? body : undefined,
    });
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        response.body.destroy();
        return failure(
          502,
          `the response of ${withoutUserInfo(target.href)} is over ${MAX_BODY_BYTES / 1024 / 1024} MB`,
        );
      }
      chunks.push(chunk);
    }
    const responseHeaders: Record<string, string | string[]> = {};
    for (const [header, value] of Object.entries(response.headers))
      if (value !== undefined && !NOT_FORWARDED.has(header) && header !== 'content-length')
        responseHeaders[header] = value;
    const received = Buffer.concat(chunks);
    return {
      status: response.statusCode,
      headers: responseHeaders,
      body: received,
      exchange: {
        method,
        url,
        requestHeaders: request.headers,
        status: response.statusCode,
        headers: responseHeaders,
        body: received,
      },
    };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code ?? (error as Error).message;
    return failure(502, `cannot reach ${withoutUserInfo(target.href)} (${reason}); is the service running?`);
  }
}

function failure(status: number, message: string): Outcome {
  return {
    status,
    headers: { 'content-type': 'application/json' },
    body: Buffer.from(JSON.stringify({ error: `bluebook mock --record: ${message}` })),
    failure: message,
  };
}

/** The whole body, or undefined when it is over the limit. */
async function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function send(response: ServerResponse, outcome: Outcome): void {
  try {
    response.writeHead(outcome.status, outcome.headers);
    response.end(outcome.body);
  } catch {
    response.destroy();
  }
}
