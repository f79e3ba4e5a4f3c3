/** Readiness: an HTTP URL that answers with a status below 500. */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** How often `ready.url` is asked while a service starts (a refused connection costs next to nothing). */
const POLL_INTERVAL_MS = 20;
const PROBE_TIMEOUT_MS = 1000;

/** Whether `url` answers now with a status below 500 (never rejects). */
export function answers(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    let request;
    try {
      const send = url.startsWith('https:') ? httpsRequest : httpRequest;
      request = send(url, { method: 'GET', timeout: PROBE_TIMEOUT_MS, agent: false }, (response) => {
        response.resume();
        resolve((response.statusCode ?? 500) < 500);
      });
    } catch {
      resolve(false);
      return;
    }
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(false));
    request.end();
  });
}

/** Resolves once `url` answers; `stopped()` true ends the polling (resolves false). */
export async function pollUntilAnswers(url: string, stopped: () => boolean): Promise<boolean> {
  while (!stopped()) {
    if (await answers(url)) return true;
    if (stopped()) return false;
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
  return false;
}
