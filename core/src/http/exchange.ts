/**
 * One HTTP exchange on undici's dispatch API: the request is sent, the response's body is
 * collected into one Buffer, decoded by its content-encoding as it streams in, with a byte limit.
 *
 * Why `dispatch` rather than undici's `request()`: `request()` wraps each response body in a
 * Readable stream inside an AsyncResource, which the runner then reads to the end anyway. A
 * handler that keeps the chunks costs about 15 µs less per request on the runner bench, most of
 * what Bluebook used to add to a bare `request()` loop (docs/decisions.md, "The runner's HTTP").
 *
 * The limit counts decoded bytes, and a body over it stops at once: memory stays bounded, also for
 * a small compressed body that would inflate to gigabytes.
 */
import type { Transform } from 'node:stream';
import type { Dispatcher } from 'undici';
import { decodersFor } from './decode.js';
import { formatBytes, RequestFailure } from './errors.js';
import type { Flight } from './flight.js';
import type { Agent } from './undici.js';

type Headers = Record<string, string | string[] | undefined>;

export interface Exchanged {
  statusCode: number;
  /** Lower-case names; a repeated header is an array. */
  headers: Headers;
  /** Empty for a redirect that is to be followed (its body is read and dropped). */
  body: Buffer;
}

/** A followed redirect's body is dropped; past this, its connection is closed rather than read. */
const REDIRECT_BODY_LIMIT = 128 * 1024;

/**
 * Sends `request` and reads its answer. Rejects with `RequestFailure` (too-large,
 * invalid-response), with undici's error (network), or, once `flight` is aborted, at once with an
 * error whose reason is `flight.why`.
 */
export function exchange(
  agent: Agent,
  request: Dispatcher.DispatchOptions,
  flight: Flight,
  limit: number,
  /** Whether a 3xx with a `location` is to be followed (so its body is not kept). */
  followRedirects: boolean,
): Promise<Exchanged> {
  return new Promise((resolve, reject) => {
    agent.dispatch(request, new Reader(flight, limit, followRedirects, resolve, reject));
  });
}

function tooLarge(limit: number, encoding?: string): RequestFailure {
  const decoded = encoding === undefined ? '' : ` once decompressed (content-encoding: ${encoding})`;
  return new RequestFailure(
    `response body is larger than the ${formatBytes(limit)} limit (maxBodyBytes)${decoded}; the rest was not read`,
    'too-large',
  );
}

class Reader implements Dispatcher.DispatchHandler {
  private controller: Dispatcher.DispatchController | undefined;
  private settled = false;
  private statusCode = 0;
  private headers: Headers = {};
  private chunks: Buffer[] = [];
  /** Bytes received (before decoding). */
  private received = 0;
  private dropping = false;
  private decoding: Decoding | undefined;

  constructor(
    private readonly flight: Flight,
    /** `maxBodyBytes`, which the decoded bytes are held to as well. */
    readonly limit: number,
    private readonly followRedirects: boolean,
    private readonly resolve: (exchanged: Exchanged) => void,
    private readonly reject: (error: Error) => void,
  ) {
    flight.watcher = this;
  }

  flightAborted(): void {
    this.fail(new Error(`aborted (${this.flight.why})`));
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    // Called again when undici retries the request on a new connection (before any answer came).
    this.controller = controller;
    if (this.settled) controller.abort(new Error('aborted'));
  }

  onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number, headers: Headers): void {
    if (statusCode < 200 || this.settled) return; // 1xx: informational, the answer follows
    this.statusCode = statusCode;
    this.headers = headers;
    const location = headers.location;
    if (this.followRedirects && statusCode >= 300 && statusCode < 400 && location) {
      this.dropping = true;
      return;
    }
    const length = headers['content-length'];
    const declared = Number(Array.isArray(length) ? length[0] : length);
    if (Number.isFinite(declared) && declared > this.limit) return this.fail(tooLarge(this.limit));
    const coding = headers['content-encoding'];
    if (coding === undefined) return;
    const encoding = Array.isArray(coding) ? coding.join(', ') : coding;
    const decoders = decodersFor(encoding);
    if (decoders) this.decoding = new Decoding(this, decoders, encoding);
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.settled) return;
    this.received += chunk.length;
    if (this.dropping) {
      // Read to reuse the connection; a huge one is not worth it.
      if (this.received > REDIRECT_BODY_LIMIT) this.finish(Buffer.alloc(0), true);
      return;
    }
    if (this.received > this.limit) return this.fail(tooLarge(this.limit));
    if (this.decoding) this.decoding.write(chunk);
    else this.chunks.push(chunk);
  }

  onResponseEnd(): void {
    if (this.settled) return;
    if (this.dropping) this.finish(Buffer.alloc(0));
    else if (this.decoding) this.decoding.end();
    else {
      const { chunks } = this;
      this.finish(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, this.received));
    }
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    if (this.settled) return;
    this.settled = true;
    this.flight.watcher = undefined;
    this.decoding?.destroy();
    this.reject(error);
  }

  /** Pauses undici's reading of the socket (a decoder is behind) until `resume`. */
  pause(): void {
    this.controller?.pause();
  }

  resume(): void {
    this.controller?.resume();
  }

  /** Resolves with the body; `abort` closes a connection whose body was not read to the end. */
  finish(body: Buffer, abort = false): void {
    if (this.settled) return;
    this.settled = true;
    this.flight.watcher = undefined;
    if (abort) this.controller?.abort(new Error('redirect body not read'));
    this.resolve({ statusCode: this.statusCode, headers: this.headers, body });
  }

  /** Rejects and stops the exchange (undici then reports an error we no longer listen to). */
  fail(error: Error): void {
    if (this.settled) return;
    this.settled = true;
    this.flight.watcher = undefined;
    this.decoding?.destroy();
    this.controller?.abort(error);
    this.reject(error);
  }
}

/**
 * A body fed through its decoders (started on the first byte: an empty body, as in a `HEAD` or
 * `204` answer, stays empty). The bytes decoded are bounded like the bytes received.
 */
class Decoding {
  private readonly first: Transform;
  private readonly chunks: Buffer[] = [];
  private total = 0;
  private started = false;

  constructor(
    private readonly reader: Reader,
    private readonly decoders: Transform[],
    encoding: string,
  ) {
    this.first = decoders[0];
    const last = decoders[decoders.length - 1];
    const undecodable = (error: Error): void =>
      reader.fail(
        new RequestFailure(
          `could not decode the response body (content-encoding: ${encoding}): ${error.message}`,
          'invalid-response',
        ),
      );
    for (let i = 0; i < decoders.length; i++) {
      decoders[i].on('error', undecodable);
      if (i > 0) decoders[i - 1].pipe(decoders[i]);
    }
    last.on('data', (chunk: Buffer) => {
      this.total += chunk.length;
      if (this.total > reader.limit) reader.fail(tooLarge(reader.limit, encoding));
      else this.chunks.push(chunk);
    });
    last.on('end', () => reader.finish(Buffer.concat(this.chunks, this.total)));
  }

  write(chunk: Buffer): void {
    this.started = true;
    if (!this.first.write(chunk)) {
      this.reader.pause();
      this.first.once('drain', () => this.reader.resume());
    }
  }

  end(): void {
    if (this.started) this.first.end();
    else this.reader.finish(Buffer.alloc(0));
  }

  destroy(): void {
    for (const decoder of this.decoders) decoder.destroy();
  }
}
