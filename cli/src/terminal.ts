/**
 * Terminal capabilities and styling. Colour is decided once per output stream: `NO_COLOR` (any
 * non-empty value) turns it off, `FORCE_COLOR` (anything but `0`/`false`) turns it on even when
 * piped, `--no-color` wins over both; otherwise colour follows `isTTY`.
 */

/** Text styles; each is the identity when colour is off, so callers never branch on colour. */
export interface Style {
  readonly enabled: boolean;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

export interface ColorInputs {
  isTTY: boolean;
  env: Record<string, string | undefined>;
  /** `--no-color` given. */
  noColorFlag?: boolean;
}

export function colorEnabled({ isTTY, env, noColorFlag }: ColorInputs): boolean {
  if (noColorFlag) return false;
  if (env.NO_COLOR) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force.toLowerCase() !== 'false';
  return isTTY && env.TERM !== 'dumb';
}

function sgr(open: number, close: number): (text: string) => string {
  return (text) => `\u001b[${open}m${text}\u001b[${close}m`;
}

const identity = (text: string): string => text;

export function createStyle(enabled: boolean): Style {
  if (!enabled) {
    return {
      enabled,
      red: identity,
      green: identity,
      yellow: identity,
      cyan: identity,
      dim: identity,
      bold: identity,
    };
  }
  return {
    enabled,
    red: sgr(31, 39),
    green: sgr(32, 39),
    yellow: sgr(33, 39),
    cyan: sgr(36, 39),
    dim: sgr(2, 22),
    bold: sgr(1, 22),
  };
}

/** Removes ANSI escape sequences (for width computations and for tests). */
export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '');
}

/** Human duration: `12 ms`, `1.4 s`, `2 m 03 s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return `${minutes} m ${String(seconds).padStart(2, '0')} s`;
}
