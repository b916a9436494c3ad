import { readFileSync } from 'node:fs';

/**
 * CPU time rather than wall time: the bench machine is shared, and another
 * process's load stretches wall time but not the CPU a client or the server
 * spends per document. Linux only (/proc), like the bench machine.
 */

const CLOCK_TICKS_PER_SECOND = 100;

/** utime + stime of a process so far, in ms. */
export function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** This process's CPU time so far, in ms (finer than the clock ticks of /proc). */
export function ownCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}
