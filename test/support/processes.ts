/** Process-table checks shared by the tiers that prove nothing is left running. */
import { readFileSync } from 'node:fs';

/**
 * Whether `pid` is a running process. A zombie — exited, waiting for its parent (or, once
 * orphaned, PID 1) to reap it — is not running: containers whose PID 1 reaps late keep them for
 * seconds.
 */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    return false;
  }
  try {
    return !/^\d+ \(.*\) [ZX]/s.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    // No /proc (not Linux): signal 0 said it exists.
    return process.platform !== 'linux';
  }
}
