/** The byte-level checks of `expect.bytes`: digests, magic bytes, a reference file. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';

export const BYTES_FIELDS = ['size', 'sha256', 'md5', 'startsWith', 'equalsFile'] as const;

/** `89504e47` (hex, spaces allowed) or `base64:iVBORw==` → the bytes, or why it is neither. */
export function magicBytes(spec: string): Buffer | string {
  if (spec.startsWith('base64:')) {
    const data = spec.slice('base64:'.length).trim();
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(data))
      return `\`${spec}\` is not base64; write \`base64:\` followed by base64 text such as \`base64:iVBORw0K\``;
    return Buffer.from(data, 'base64');
  }
  const hex = spec.replace(/\s+/g, '');
  if (!/^([0-9a-fA-F]{2})+$/.test(hex))
    return `\`${spec}\` is not hex bytes; write pairs of hex digits such as \`89504e47\`, or \`base64:…\``;
  return Buffer.from(hex, 'hex');
}

export function digest(algorithm: 'sha256' | 'md5', body: Buffer): string {
  return createHash(algorithm).update(body).digest('hex');
}

/** A path relative to the suite's folder. */
export function suiteFile(path: string, baseDir: string): string {
  return isAbsolute(path) ? path : resolve(baseDir, path);
}

/** The file's bytes, or why it cannot be read. */
export function readReference(path: string, baseDir: string): Buffer | string {
  try {
    return readFileSync(suiteFile(path, baseDir));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT'
      ? `\`${path}\` does not exist (relative to the suite file)`
      : `\`${path}\` cannot be read (${code ?? (error as Error).message})`;
  }
}

/** Offset of the first differing byte of two buffers (the shorter length when one is a prefix). */
export function firstDifference(a: Buffer, b: Buffer): number {
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index++) if (a[index] !== b[index]) return index;
  return length;
}

export function hexOf(bytes: Buffer, max = 16): string {
  const hex = bytes.subarray(0, max).toString('hex');
  return bytes.length > max ? `${hex}…` : hex;
}
