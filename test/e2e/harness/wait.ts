// Waiting without sleeping: every helper re-checks a condition when something relevant happens (a
// VS Code event) and, as a fallback, on a short poll, and fails with a message naming what it was
// waiting for and the last value it saw. Never `await sleep(n)` in an e2e test.
import * as vscode from 'vscode';

/** Default time to wait for one condition; below mocha's per-test timeout so ours fails first. */
export const DEFAULT_WAIT_MS = 20_000;

export interface WaitOptions {
  /** Milliseconds before giving up (default {@link DEFAULT_WAIT_MS}). */
  timeout?: number;
  /** Events after which the condition is re-checked at once. */
  events?: readonly vscode.Event<unknown>[];
  /** Fallback re-check interval in milliseconds (default 50). */
  pollMs?: number;
}

export class WaitTimeoutError extends Error {
  constructor(what: string, timeout: number, last: unknown) {
    super(
      `timed out after ${timeout} ms waiting for ${what}${last === undefined ? '' : `; last seen: ${describe(last)}`}`,
    );
    this.name = 'WaitTimeoutError';
  }
}

function describe(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  try {
    const text = JSON.stringify(value);
    return text === undefined ? String(value) : text.length > 500 ? `${text.slice(0, 500)}…` : text;
  } catch {
    return String(value);
  }
}

/**
 * Resolves with the first truthy value `probe` returns. `probe` may be async and may throw (a throw
 * counts as "not yet"; the last error is reported on timeout).
 *
 * @example
 *   const diags = await waitFor(() => {
 *     const d = vscode.languages.getDiagnostics(uri);
 *     return d.length > 0 && d;
 *   }, 'diagnostics for invalid.bluebook.yaml', { events: [vscode.languages.onDidChangeDiagnostics] });
 */
export function waitFor<T>(
  probe: () => T | undefined | null | false | '' | 0 | Promise<T | undefined | null | false | '' | 0>,
  what: string,
  options: WaitOptions = {},
): Promise<T> {
  const timeout = options.timeout ?? DEFAULT_WAIT_MS;
  const pollMs = options.pollMs ?? 50;
  return new Promise<T>((resolve, reject) => {
    let done = false;
    let checking = false;
    let again = false;
    let last: unknown;
    const disposables: vscode.Disposable[] = [];
    const finish = (fn: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(deadline);
      clearInterval(poll);
      for (const d of disposables) d.dispose();
      fn();
    };
    const check = async (): Promise<void> => {
      if (done) return;
      if (checking) {
        again = true; // an event arrived mid-check: check once more afterwards
        return;
      }
      checking = true;
      try {
        do {
          again = false;
          try {
            const value = await probe();
            last = value;
            if (value) {
              finish(() => resolve(value as T));
              return;
            }
          } catch (error) {
            last = error;
          }
        } while (again && !done);
      } finally {
        checking = false;
      }
    };
    const deadline = setTimeout(
      () => finish(() => reject(new WaitTimeoutError(what, timeout, last))),
      timeout,
    );
    const poll = setInterval(() => void check(), pollMs);
    for (const event of options.events ?? []) disposables.push(event(() => void check()));
    void check();
  });
}

/**
 * Resolves with the next value of `event` that satisfies `filter`. Subscribe *before* triggering
 * the action that fires it:
 *
 * @example
 *   const opened = waitForEvent(vscode.workspace.onDidOpenTextDocument, 'the suite to open', (d) => d.uri.path.endsWith('x.bluebook.yaml'));
 *   await vscode.workspace.openTextDocument(uri);
 *   await opened;
 */
export function waitForEvent<T>(
  event: vscode.Event<T>,
  what: string,
  filter: (value: T) => boolean = () => true,
  timeout = DEFAULT_WAIT_MS,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new WaitTimeoutError(what, timeout, undefined));
    }, timeout);
    const subscription = event((value) => {
      let matched: boolean;
      try {
        matched = filter(value);
      } catch (error) {
        clearTimeout(timer);
        subscription.dispose();
        reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      if (!matched) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(value);
    });
  });
}
