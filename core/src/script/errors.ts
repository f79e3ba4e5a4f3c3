import { LINE_OFFSET, SOURCE_FILE } from './wrap.js';
import type { ScriptError } from './types.js';

/** What QuickJS's `dump` gives for a thrown value. */
interface DumpedError {
  name?: unknown;
  message?: unknown;
  stack?: unknown;
  bbBoundary?: unknown;
}

export type Fault = 'timeout' | 'memory' | 'stack';

/** How a thrown value became a fault of the sandbox itself (which is then rebuilt) or a script error. */
export function classify(dumped: unknown, timedOut: boolean): Fault | undefined {
  if (timedOut) return 'timeout';
  if (!isErrorLike(dumped)) return undefined;
  const message = String(dumped.message ?? '');
  if (dumped.name === 'InternalError' && message === 'interrupted') return 'timeout';
  if (message === 'out of memory' || message.startsWith('out of memory')) return 'memory';
  if (message === 'stack overflow' || message.startsWith('Maximum call stack size')) return 'stack';
  return undefined;
}

export function faultMessage(fault: Fault, timeoutMs: number, memoryBytes: number): string {
  switch (fault) {
    case 'timeout':
      return `script ran longer than ${timeoutMs} ms (scripts.timeout)`;
    case 'memory':
      return `script used more than ${formatMegabytes(memoryBytes)} (scripts.memory)`;
    case 'stack':
      return 'script recursed too deeply (stack overflow)';
  }
}

/** A thrown value as a located error: `TypeError: x is not a function` at the script's line. */
export function toScriptError(dumped: unknown, kind: 'script' | 'expression'): ScriptError {
  if (!isErrorLike(dumped)) return { message: `${kind} threw ${describe(dumped)}` };
  const name = typeof dumped.name === 'string' && dumped.name !== 'Error' ? `${dumped.name}: ` : '';
  const error: ScriptError = { message: `${dumped.bbBoundary ? '' : name}${String(dumped.message ?? '')}` };
  const position = locate(typeof dumped.stack === 'string' ? dumped.stack : '');
  if (position) Object.assign(error, position);
  return error;
}

/** The first stack frame inside the user's source, as 1-based line and column of that source. */
export function locate(stack: string): { line: number; column: number } | undefined {
  const match = new RegExp(`${SOURCE_FILE.replace('.', '\\.')}:(\\d+):(\\d+)`).exec(stack);
  if (!match) return undefined;
  const line = Number(match[1]) - LINE_OFFSET;
  if (line < 1) return undefined;
  return { line, column: Number(match[2]) };
}

function isErrorLike(value: unknown): value is DumpedError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as DumpedError).message === 'string' &&
    typeof (value as DumpedError).name === 'string'
  );
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return JSON.stringify(value).slice(0, 200);
  try {
    return (JSON.stringify(value) ?? String(value)).slice(0, 200);
  } catch {
    return String(value);
  }
}

function formatMegabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}
