/**
 * Progress of a long benchmark, one clean line per step on stderr (stdout carries the table), each with the time
 * since the start and the machine's load average, since other work on a shared machine skews what is measured.
 */
import os from 'node:os';

const started = Date.now();

export function progress(part: string, message: string): void {
  const seconds = ((Date.now() - started) / 1000).toFixed(0).padStart(4);
  const load = os.loadavg()[0]!.toFixed(2);
  process.stderr.write(`[${seconds}s load ${load}] ${part}: ${message}\n`);
}
