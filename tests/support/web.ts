/** The built site (web/dist) started as its own process on a free port, for browser tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freePort, repoRoot, type RunningCms } from './cms';

export interface RunningWeb {
  /** http://127.0.0.1:PORT, also its PUBLIC_URL. */
  url: string;
  port: number;
  /** The site's process id (for its memory, /proc/PID/status). */
  pid: number;
  /** Every line the site wrote to stdout (its JSON log). */
  logLines: string[];
  /** The log lines parsed as JSON (lines that are not JSON left out). */
  logEntries(): Array<Record<string, unknown>>;
  /**
   * The JSON log entries from line `since` up to and including the first that `until` accepts, once it has
   * arrived (stdout reaches the test asynchronously).
   */
  logUntil(since: number, until: (entry: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Array<Record<string, unknown>>>;
  child: ChildProcess;
  /** Resolves with the exit code and signal once the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(): Promise<void>;
}

const ENTRY = path.join(repoRoot, 'web', 'dist', 'server', 'entry.mjs');
/** The production entry (PM2, npm start): the built server plus a graceful stop on SIGTERM/SIGINT. */
const SERVER = path.join(repoRoot, 'web', 'server.mjs');

/**
 * The built site reading a CMS started by the tests: its read-only token file and media folder, a debug log (the
 * tests count Strapi requests in it), no purge secret; `env` adds or overrides settings.
 */
export function startWebFor(cms: RunningCms, env: Record<string, string | undefined> = {}): Promise<RunningWeb> {
  return startWeb({
    STRAPI_URL: cms.url,
    STRAPI_TOKEN: undefined,
    WEB_TOKEN_FILE: path.join(cms.dataDir, 'web-token'),
    MEDIA_DIR: cms.mediaDir,
    LOG_LEVEL: 'debug',
    CACHE_PURGE_SECRET: undefined,
    ...env,
  });
}

/**
 * Starts `node web/dist/server/entry.mjs` (or `node web/server.mjs` with `script: 'server'`) with the given settings;
 * resolves once it answers.
 */
export async function startWeb(env: Record<string, string | undefined>, options: { script?: 'entry' | 'server' } = {}): Promise<RunningWeb> {
  if (!fs.existsSync(ENTRY)) throw new Error('web/dist is missing: run `npm run build -w web` (npm test builds it).');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, [options.script === 'server' ? SERVER : ENTRY], {
    cwd: path.join(repoRoot, 'web'),
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), WEB_PORT: String(port), PUBLIC_URL: url, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logLines: string[] = [];
  let pending = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    logLines.push(...lines.filter((line) => line.trim() !== ''));
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the site exited (${child.exitCode}): ${stderr}`);
    try {
      const answer = await fetch(`${url}/favicon.svg`);
      await answer.body?.cancel();
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`the site did not answer on ${url}: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  const parse = (lines: string[]) =>
    lines.flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    });

  return {
    url,
    port,
    pid: child.pid!,
    logLines,
    child,
    exited,
    logEntries: () => parse(logLines),
    async logUntil(since, until, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const entries = parse(logLines.slice(since));
        const end = entries.findIndex(until);
        if (end !== -1) return entries.slice(0, end + 1);
        if (Date.now() > deadline) throw new Error('the expected log line did not come');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}
