import { readFileSync } from 'node:fs';

/** CPU time used, in milliseconds: by this process, and by the whole machine (every process, Linux's /proc/stat). */
export interface CpuReading {
  process: number;
  machine: number;
}

/** Clock ticks per second of /proc/stat's counters (USER_HZ: 100 on Linux, whatever the kernel's HZ). */
const TICKS_PER_SECOND = 100;

function machineMilliseconds(): number {
  // The first line sums every CPU: user, nice, system, idle, iowait, irq, softirq, steal, …
  const [, user, nice, system, , , irq, softirq] = readFileSync('/proc/stat', 'utf8').split('\n')[0].split(/\s+/);
  const ticks = [user, nice, system, irq, softirq].reduce((sum, value) => sum + Number(value), 0);
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/**
 * Starts measuring CPU time; the function answered reads what was used since. On a machine whose cores
 * are shared by the benchmark's clients, the server and the database, the time a side takes per
 * operation tells where its rate goes: this process's share (the clients and, for the API, the
 * server) and the rest (PostgreSQL, Redis).
 */
export function cpuMeter(): () => CpuReading {
  const processStart = process.cpuUsage();
  const machineStart = machineMilliseconds();
  return () => {
    const used = process.cpuUsage(processStart);
    return { process: (used.user + used.system) / 1000, machine: machineMilliseconds() - machineStart };
  };
}
