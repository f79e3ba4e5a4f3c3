/** Reading a request body within a byte limit, counting (not keeping) what goes over it. */
import type { IncomingMessage } from 'node:http';

/** The largest request body a mock reads (10 MB); a larger one is answered 413. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

const EMPTY = Buffer.alloc(0);

/**
 * The body, or `undefined` when it is over `limit`: declared so in `content-length` (answered at
 * once), or found so while reading (the rest is read to its end, counted and dropped, so the
 * client can finish sending and read the answer).
 */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer | undefined> | Buffer {
  const declared = req.headers['content-length'];
  if (declared === undefined && req.headers['transfer-encoding'] === undefined) return EMPTY;
  if (declared !== undefined && Number(declared) > limit) {
    req.resume();
    return Promise.resolve(undefined);
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else chunks.length = 0;
    });
    req.on('end', () =>
      resolve(size > limit ? undefined : chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size)),
    );
    req.on('error', () => resolve(EMPTY));
  });
}
