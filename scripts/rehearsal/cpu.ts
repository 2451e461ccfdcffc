/**
 * CPU accounting for the rehearsal, from Linux `/proc`: per process (utime + stime of
 * `/proc/<pid>/stat`, all threads included), per group of processes that come and go (a killed
 * worker's CPU up to its last sample still counts), and the whole machine (`/proc/stat`), so a
 * report can say where the time went and how much of the machine other tenants took.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

let ticksPerSecond: number | null = null;
/** Clock ticks per second of `/proc` times (`getconf CLK_TCK`, 100 on every common kernel). */
export function clockTicks(): number {
  if (ticksPerSecond === null) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    } catch {
      ticksPerSecond = 100;
    }
    if (!Number.isFinite(ticksPerSecond) || ticksPerSecond <= 0) ticksPerSecond = 100;
  }
  return ticksPerSecond;
}

/**
 * CPU seconds (user + system, every thread) a process has used so far, or null when it is gone.
 * Parses after the last `)`, since the command name in field 2 may itself hold spaces or `)`.
 */
export function processCpuSeconds(pid: number): number | null {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // After the name: state is field 3, so utime (14) and stime (15) sit at indices 11 and 12.
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) return null;
  return (utime + stime) / clockTicks();
}

/** Busy and total CPU seconds of the whole machine since boot (all cores, `/proc/stat`). */
export function machineCpuSeconds(): { busy: number; total: number } {
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal (guest time is already in user)
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = v;
  const busy = user + nice + system + irq + softirq + steal;
  return { busy: busy / clockTicks(), total: (busy + idle + iowait) / clockTicks() };
}

/**
 * CPU of a changing set of processes in a window: for each pid, the seconds between its first
 * sample in the window (0 if it started after the window opened) and its last sample. Call
 * {@link sample} often (and right before killing one of them) so a dead process loses at most
 * one sampling interval.
 */
export class CpuGroup {
  private readonly first = new Map<number, number>();
  private readonly last = new Map<number, number>();

  constructor(readonly name: string) {}

  /**
   * Records the current CPU of `pids`. `startedInWindow` marks pids started after the window
   * opened: their whole CPU counts, even what they used before their first sample.
   */
  sample(pids: Iterable<number>, startedInWindow = false): void {
    for (const pid of pids) {
      const cpu = processCpuSeconds(pid);
      if (cpu === null) continue;
      if (!this.first.has(pid)) this.first.set(pid, startedInWindow ? 0 : cpu);
      this.last.set(pid, cpu);
    }
  }

  /** CPU seconds used in the window by every process sampled so far. */
  seconds(): number {
    let total = 0;
    for (const [pid, last] of this.last) total += last - (this.first.get(pid) ?? last);
    return total;
  }

  /** How many distinct processes were seen. */
  processes(): number {
    return this.last.size;
  }
}
