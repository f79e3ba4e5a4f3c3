/**
 * Abort handles for in-flight requests: the timeout and the user's cancellation without an
 * `AbortController` + `setTimeout` + `AbortSignal.any` per request.
 *
 * Profiling the runner showed those three costing more per request than our own step logic
 * (EventTarget listeners, a timer inserted and removed each time). Here every request gets a
 * plain object whose `watcher` the exchange sets (exchange.ts), all deadlines share ONE timer
 * that wakes at the earliest deadline (in steady state it fires once per timeout period, not once
 * per request), and each cancellation signal gets ONE listener for the whole run.
 */

export type AbortWhy = 'timeout' | 'cancelled';

/** One request's abort handle. */
export class Flight {
  /** Why it was aborted, once it was. */
  why: AbortWhy | undefined;
  /** Told once when the flight is aborted (the exchange, which stops the request). */
  watcher: { flightAborted(): void } | undefined;

  constructor(
    readonly deadline: number,
    /** The cancellation signal it is aborted with. */
    readonly cancel: AbortSignal | undefined,
  ) {}

  /** Aborts the request (idempotent). */
  abort(why: AbortWhy): void {
    if (this.why !== undefined) return;
    this.why = why;
    this.finish();
    this.watcher?.flightAborted();
  }

  /** The request is done (or failed): it no longer needs watching. */
  finish(): void {
    inFlight.delete(this);
  }
}

const inFlight = new Set<Flight>();
let timer: NodeJS.Timeout | undefined;
let wakeAt = Infinity;

/** Signals with their one listener, which aborts the flights in `inFlight` they cancel. */
const listened = new WeakSet<AbortSignal>();

/**
 * Starts watching a request: aborted with `timeout` after `timeoutMs`, or with `cancelled` when
 * `signal` aborts. Call `finish()` when the response has been read.
 */
export function startFlight(timeoutMs: number, signal: AbortSignal | undefined): Flight {
  const flight = new Flight(performance.now() + timeoutMs, signal);
  if (signal) {
    if (signal.aborted) {
      flight.why = 'cancelled';
      return flight;
    }
    if (!listened.has(signal)) {
      listened.add(signal);
      signal.addEventListener('abort', () => abortAll(signal), { once: true });
    }
  }
  inFlight.add(flight);
  if (flight.deadline < wakeAt) schedule(flight.deadline);
  return flight;
}

function abortAll(signal: AbortSignal): void {
  for (const flight of [...inFlight]) if (flight.cancel === signal) flight.abort('cancelled');
}

function schedule(at: number): void {
  if (timer) clearTimeout(timer);
  wakeAt = at;
  // Unref'd: an in-flight socket keeps the process alive anyway; a finished run must not wait.
  timer = setTimeout(wake, Math.max(0, Math.ceil(at - performance.now()))).unref();
}

function wake(): void {
  timer = undefined;
  wakeAt = Infinity;
  const now = performance.now();
  let next = Infinity;
  for (const flight of [...inFlight]) {
    if (flight.deadline <= now) flight.abort('timeout');
    else if (flight.deadline < next) next = flight.deadline;
  }
  if (next < Infinity) schedule(next);
}
