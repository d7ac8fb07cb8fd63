/**
 * Debian's wrk against one URL: requests per second and the latency percentiles of `wrk --latency`, parsed from its
 * text report (wrk has no machine-readable output without a Lua script).
 */
import { spawn } from 'node:child_process';

export interface WrkOptions {
  seconds: number;
  connections: number;
  threads: number;
}

export interface WrkResult {
  requestsPerSecond: number;
  requests: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  /** Answers that were not 2xx/3xx, and socket errors: a benchmark of error pages would mean nothing. */
  non2xx: number;
  socketErrors: number;
}

const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000 };

function duration(text: string): number {
  const match = /^([\d.]+)(us|ms|s|m)$/.exec(text);
  if (!match) throw new Error(`wrk: cannot read the duration "${text}"`);
  return Number(match[1]) * UNIT_MS[match[2]!]!;
}

/** Reads wrk's report (exported for its test). */
export function parseWrk(report: string): WrkResult {
  const percentile = (p: number) => {
    const match = new RegExp(`^\\s+${p}%\\s+(\\S+)`, 'm').exec(report);
    if (!match) throw new Error(`wrk printed no ${p}% latency (was --latency given?):\n${report}`);
    return duration(match[1]!);
  };
  const rps = /^Requests\/sec:\s+([\d.]+)/m.exec(report);
  const requests = /^\s+(\d+) requests in/m.exec(report);
  if (!rps || !requests) throw new Error(`wrk printed no result:\n${report}`);
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(report)?.[1] ?? 0);
  const errors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(report);
  return {
    requestsPerSecond: Number(rps[1]),
    requests: Number(requests[1]),
    p50Ms: percentile(50),
    p90Ms: percentile(90),
    p99Ms: percentile(99),
    non2xx,
    socketErrors: errors ? errors.slice(1).reduce((sum, value) => sum + Number(value), 0) : 0,
  };
}

export async function runWrk(url: string, { seconds, connections, threads }: WrkOptions): Promise<WrkResult> {
  const child = spawn('wrk', ['--latency', '-t', String(threads), '-c', String(connections), '-d', `${seconds}s`, '--timeout', '10s', url], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', (error) => reject(new Error(`wrk could not be run (apt-get install wrk): ${error.message}`)));
    child.once('exit', resolve);
  });
  if (code !== 0) throw new Error(`wrk exited ${code}:\n${out}`);
  return parseWrk(out);
}
