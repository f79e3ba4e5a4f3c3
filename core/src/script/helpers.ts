import { createHash, createHmac, randomInt, randomUUID } from 'node:crypto';

/**
 * The host side of the script helpers. The sandbox reaches them through one function taking and
 * returning plain strings, so no host object is ever handed to a script.
 */
export function callHelper(op: string, a: string, b: string): string {
  switch (op) {
    case 'base64.encode':
      return Buffer.from(a, 'utf8').toString('base64');
    case 'base64.decode':
      return Buffer.from(a, 'base64').toString('utf8');
    case 'sha256':
      return createHash('sha256').update(a, 'utf8').digest('hex');
    case 'hmacSha256':
      return createHmac('sha256', a).update(b, 'utf8').digest('hex');
    case 'uuid':
      return randomUUID();
    case 'randomInt':
      return String(randomInt(Number(a), Number(b) + 1));
    default:
      throw new Error(`unknown helper ${op}`);
  }
}
