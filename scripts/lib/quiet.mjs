// The benchmarks share this machine with other work. Before a measurement they wait for a quiet moment and record
// how busy the CPUs were, so a figure taken under load says so.
import { readFileSync } from 'node:fs';

/** Share of all CPUs busy over `ms` (Linux /proc/stat), or null elsewhere. */
export function cpuBusy(ms) {
  const read = () => {
    try {
      const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
      const idle = f[3] + (f[4] ?? 0);
      return { idle, total: f.reduce((a, b) => a + b, 0) };
    } catch {
      return null;
    }
  };
  const a = read();
  if (!a) return null;
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  const b = read();
  return 1 - (b.idle - a.idle) / Math.max(1, b.total - a.total);
}

/** Seconds to wait at most for a quiet second (BENCH_QUIET_WAIT, default 90). */
export const QUIET_WAIT_S = Number(process.env.BENCH_QUIET_WAIT ?? 90);

/** Waits (at most `QUIET_WAIT_S` seconds) until the CPUs are at most 15 % busy for a second; gives how busy they were. */
export function waitQuiet() {
  const until = Date.now() + QUIET_WAIT_S * 1000;
  let busy = cpuBusy(1000);
  while (busy !== null && busy > 0.15 && Date.now() < until) busy = cpuBusy(1000);
  return busy;
}
