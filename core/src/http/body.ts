/**
 * Reads a response body with a byte limit, decoding its content-encoding as it streams in: the
 * limit counts decoded bytes, and a read over it stops at once (memory stays bounded, also for a
 * small compressed body that would inflate to gigabytes).
 */
import type { Transform } from 'node:stream';
import { decodersFor } from './decode.js';
import { formatBytes, RequestFailure } from './errors.js';

type Body = NodeJS.ReadableStream & { destroy(error?: Error): unknown };

/** Reads at most `limit` bytes (decoded); a larger body errors the step. */
export function readBody(
  body: Body,
  contentLength: string | string[] | undefined,
  contentEncoding: string | string[] | undefined,
  limit: number,
): Promise<Buffer> {
  const declared = Number(Array.isArray(contentLength) ? contentLength[0] : contentLength);
  if (Number.isFinite(declared) && declared > limit) {
    body.destroy();
    throw tooLarge(limit);
  }
  if (contentEncoding === undefined) return readPlain(body, limit);
  const encoding = Array.isArray(contentEncoding) ? contentEncoding.join(', ') : contentEncoding;
  const decoders = decodersFor(encoding);
  return decoders ? readDecoded(body, decoders, encoding, limit) : readPlain(body, limit);
}

function tooLarge(limit: number, encoding?: string): RequestFailure {
  const decoded = encoding === undefined ? '' : ` once decompressed (content-encoding: ${encoding})`;
  return new RequestFailure(
    `response body is larger than the ${formatBytes(limit)} limit (maxBodyBytes)${decoded}; the rest was not read`,
    'too-large',
  );
}

function readPlain(body: Body, limit: number): Promise<Buffer> {
  // Events rather than `for await`: an async iterator per body costs more than the read itself.
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    body.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > limit) {
        body.destroy();
        reject(tooLarge(limit));
      } else chunks.push(chunk);
    });
    body.on('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total)));
    body.on('error', reject);
  });
}

/**
 * Feeds the body through `decoders` (started on the first byte: an empty body, as in a `HEAD`
 * or `204` answer, stays empty). Both the bytes received and the bytes decoded are bounded.
 */
function readDecoded(body: Body, decoders: Transform[], encoding: string, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const first = decoders[0];
    const last = decoders[decoders.length - 1];
    const chunks: Buffer[] = [];
    let received = 0;
    let total = 0;
    let started = false;
    let settled = false;
    const stop = (error: Error): void => {
      if (settled) return;
      settled = true;
      body.destroy();
      for (const decoder of decoders) decoder.destroy();
      reject(error);
    };
    const undecodable = (error: Error): void =>
      stop(
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
      total += chunk.length;
      if (total > limit) stop(tooLarge(limit, encoding));
      else chunks.push(chunk);
    });
    last.on('end', () => {
      settled = true;
      resolve(Buffer.concat(chunks, total));
    });
    body.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > limit) return stop(tooLarge(limit));
      started = true;
      if (!first.write(chunk)) {
        body.pause();
        first.once('drain', () => body.resume());
      }
    });
    body.on('end', () => {
      if (started) first.end();
      else if (!settled) {
        settled = true;
        resolve(Buffer.alloc(0));
      }
    });
    body.on('error', (error: Error) => {
      if (settled) return;
      settled = true;
      for (const decoder of decoders) decoder.destroy();
      reject(error);
    });
  });
}
