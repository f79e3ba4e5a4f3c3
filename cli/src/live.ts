/**
 * The live progress line of a terminal run: one line at the bottom saying what is running and
 * for how long, redrawn in place. It appears only once something has run for a moment, so quick
 * runs never flicker, and it is used only when the output is a TTY.
 */
import type { Output } from './reporters/reporter.js';
import { formatDuration, stripAnsi, type Style } from './terminal.js';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const SHOW_AFTER_MS = 300;
const REDRAW_MS = 100;

export class LiveLine {
  private readonly running = new Map<string, { label: string; since: number }>();
  private timer: NodeJS.Timeout | undefined;
  private visible = false;
  private frame = 0;
  private readonly started: number;

  constructor(
    private readonly out: Output,
    private readonly style: Style,
    private readonly now: () => number = Date.now,
  ) {
    this.started = now();
  }

  /** `file` is running `label` (a test name or `before`/`after`). */
  set(file: string, label: string): void {
    this.running.set(file, { label, since: this.now() });
    if (!this.timer) {
      this.timer = setInterval(() => this.draw(), REDRAW_MS);
      this.timer.unref();
    }
  }

  clear(file: string): void {
    this.running.delete(file);
  }

  /** Erases the line before other output is written. */
  hide(): void {
    if (this.visible) this.out.write('\r\u001b[2K');
    this.visible = false;
  }

  show(): void {
    this.draw();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.hide();
  }

  /** The text of the line, or undefined when nothing has run long enough to be worth showing. */
  text(): string | undefined {
    const now = this.now();
    const entries = [...this.running.values()];
    if (entries.length === 0) return undefined;
    const oldest = entries.reduce((a, b) => (a.since <= b.since ? a : b));
    if (now - oldest.since < SHOW_AFTER_MS) return undefined;
    const more = entries.length > 1 ? ` (+${entries.length - 1} more)` : '';
    this.frame = (this.frame + 1) % FRAMES.length;
    return `${this.style.cyan(FRAMES[this.frame])} ${oldest.label}${more} ${this.style.dim(`· ${formatDuration(now - oldest.since)} · total ${formatDuration(now - this.started)}`)}`;
  }

  private draw(): void {
    const text = this.text();
    if (text === undefined) {
      this.hide();
      return;
    }
    const columns = this.out.columns ?? 80;
    const plain = stripAnsi(text);
    // Never wrap: a wrapped line could not be erased with one `\r`.
    const shown = plain.length >= columns ? plain.slice(0, Math.max(1, columns - 2)) + '…' : text;
    this.out.write(`\r\u001b[2K${shown}`);
    this.visible = true;
  }
}
