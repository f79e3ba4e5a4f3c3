/**
 * Content-Encoding decoders (node:zlib streams). A response is decoded only when every coding of
 * its `content-encoding` is known; otherwise its bytes are kept as they came.
 */
import { Transform, type TransformCallback } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from 'node:zlib';

const DECODERS: Readonly<Record<string, () => Transform>> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: () => new Inflate(),
  br: createBrotliDecompress,
};

/**
 * New decoders for a `content-encoding` value, in the order to apply them (the last coding listed
 * was applied last, so it is undone first); `undefined` when there is nothing to decode or a
 * coding is unknown.
 */
export function decodersFor(contentEncoding: string): Transform[] | undefined {
  const codings = contentEncoding
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
  if (codings.length === 0 || !codings.every((coding) => Object.hasOwn(DECODERS, coding))) return undefined;
  return codings.reverse().map((coding) => DECODERS[coding]());
}

/**
 * `deflate` as servers send it: zlib-wrapped (RFC 1950, as the spec says) or raw (RFC 1951, as
 * some servers do). The first two bytes tell them apart: a zlib header is `CM = 8` with a check
 * making it a multiple of 31.
 */
class Inflate extends Transform {
  private inner: Transform | undefined;
  private head = Buffer.alloc(0);

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.inner) return void this.inner.write(chunk, (error) => callback(error));
    this.head = Buffer.concat([this.head, chunk]);
    if (this.head.length < 2) return callback();
    this.start().write(this.head, (error) => callback(error));
  }

  override _flush(callback: TransformCallback): void {
    if (!this.inner && this.head.length === 0) return callback();
    const inner = this.inner ?? this.start();
    if (!this.inner) inner.write(this.head);
    inner.once('end', () => callback());
    inner.end();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.inner?.destroy();
    callback(error);
  }

  private start(): Transform {
    const [cmf, flg] = this.head;
    const wrapped =
      (cmf & 0x0f) === 8 && cmf >> 4 <= 7 && (flg === undefined || ((cmf << 8) | flg) % 31 === 0);
    const inner = wrapped ? createInflate() : createInflateRaw();
    inner.on('data', (data: Buffer) => this.push(data));
    inner.on('error', (error) => this.destroy(error));
    this.inner = inner;
    return inner;
  }
}
