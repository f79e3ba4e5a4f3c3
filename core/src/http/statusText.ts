/** Reason phrases for status codes (HTTP/2 responses carry none; results show them anyway). */
import { STATUS_CODES } from 'node:http';

export function statusText(status: number): string {
  return STATUS_CODES[status] ?? '';
}
