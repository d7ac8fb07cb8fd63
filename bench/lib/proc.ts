/**
 * What the kernel says about a running process: its CPU time so far and, sampled while something runs, the peak of
 * its resident set (VmRSS) and of several processes' sum at one instant (what a host must hold at once).
 */
import fs from 'node:fs';
import { rssOf } from './servers';

const TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux this runs on

/** User + system CPU time of `pid` so far, in ms (from /proc/PID/stat). */
export function cpuMsOf(pid: number): number {
  // The command name may hold spaces and parentheses: the fields after it start at the last ')'.
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

export interface RssPeaks {
  /** Peak VmRSS of each process seen while sampling, MiB. */
  peakMiB: Record<string, number>;
  /** Peak of the sum of all of them at one sample, MiB. */
  peakSumMiB: number;
  samples: number;
}

/** Samples the VmRSS of the named processes every `everyMs` until `stop()`; a process that exited is skipped. */
export function sampleRss(pids: Record<string, number>, everyMs = 100): { stop(): RssPeaks } {
  const peakMiB: Record<string, number> = Object.fromEntries(Object.keys(pids).map((name) => [name, 0]));
  let peakSumMiB = 0;
  let samples = 0;
  const take = () => {
    let sum = 0;
    for (const [name, pid] of Object.entries(pids)) {
      try {
        const { rssMiB } = rssOf(pid);
        peakMiB[name] = Math.max(peakMiB[name]!, rssMiB);
        sum += rssMiB;
      } catch {
        // gone
      }
    }
    peakSumMiB = Math.max(peakSumMiB, sum);
    samples++;
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      return { peakMiB, peakSumMiB, samples };
    },
  };
}
