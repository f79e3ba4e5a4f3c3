/**
 * Whether a process group still has a live member. `kill(-pgid, 0)` also succeeds while only
 * zombies are left — processes that exited but that nobody reaped yet, which is what a container
 * whose PID 1 is not an init shows for seconds after a service's shell is gone. On Linux the
 * group's members are read from /proc and zombies do not count.
 */
import { readdirSync, readFileSync } from 'node:fs';

export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
  } catch {
    return false;
  }
  if (process.platform !== 'linux') return true;
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return true;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    const member = parseStat(stat);
    if (member && member.pgrp === pgid && member.state !== 'Z' && member.state !== 'X') return true;
  }
  return false;
}

/** The state and process group of a `/proc/<pid>/stat` line (`pid (comm) state ppid pgrp …`). */
export function parseStat(stat: string): { state: string; pgrp: number } | undefined {
  // The command name may hold spaces and parentheses: the fields start after the last `)`.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const pgrp = Number(fields[2]);
  return fields[0] && Number.isInteger(pgrp) ? { state: fields[0], pgrp } : undefined;
}
