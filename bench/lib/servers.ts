/**
 * The CMS and the site as production runs them (ecosystem.config.js: `strapi start` with NODE_ENV=production and
 * MALLOC_ARENA_MAX=2; `node web/dist/server/entry.mjs`), as child processes on a throwaway data folder, with the
 * time each took to answer and a reader of its RSS from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { benchDir, repoRoot } from './paths';

const STRAPI_BIN = path.join(repoRoot, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js');
const WEB_ENTRY = path.join(repoRoot, 'web', 'dist', 'server', 'entry.mjs');
const secret = () => crypto.randomBytes(24).toString('base64');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Settings for a CMS keeping everything in `dataDir`; the same secrets must open the same database again. */
export async function cmsSettings(dataDir: string): Promise<Record<string, string>> {
  fs.mkdirSync(dataDir, { recursive: true });
  const port = await freePort();
  return {
    HOST: '127.0.0.1',
    CMS_PORT: String(port),
    STRAPI_URL: `http://127.0.0.1:${port}`,
    DATABASE_CLIENT: 'sqlite',
    DATABASE_FILENAME: path.join(dataDir, 'plumage.db'),
    MEDIA_DIR: path.join(dataDir, 'media'),
    WEB_TOKEN_FILE: path.join(dataDir, 'web-token'),
    PLUMAGE_ROOT: repoRoot,
    WEB_PORT: '9',
    CACHE_PURGE_SECRET: secret(),
    APP_KEYS: `${secret()},${secret()}`,
    ADMIN_JWT_SECRET: secret(),
    API_TOKEN_SALT: secret(),
    TRANSFER_TOKEN_SALT: secret(),
    JWT_SECRET: secret(),
    ENCRYPTION_KEY: secret(),
    STRAPI_TELEMETRY_DISABLED: 'true',
    ASTRO_TELEMETRY_DISABLED: '1',
    BROWSER: 'none',
    NODE_ENV: 'production',
    MALLOC_ARENA_MAX: '2',
    LOG_LEVEL: 'warn',
  };
}

export interface Server {
  url: string;
  child: ChildProcess;
  /** Milliseconds from spawn to the first good answer. */
  startMs: number;
  output(): string;
  /** Resident set now and its high-water mark, MiB (from /proc/PID/status). */
  rss(): { rssMiB: number; hwmMiB: number };
  /** What its memory is made of now (process.memoryUsage() in MiB, from the memory probe). */
  memory(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

export function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const { PATH, HOME, TMPDIR, LANG } = process.env;
  return { PATH, HOME, TMPDIR, LANG, ...env };
}

export function rssOf(pid: number): { rssMiB: number; hwmMiB: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rssMiB: kib('VmRSS') / 1024, hwmMiB: kib('VmHWM') / 1024 };
}

async function startProcess(args: string[], cwd: string, env: Record<string, string>, url: string, probe: string, timeoutMs: number): Promise<Server> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: string) => {
    output += chunk;
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  child.stdout!.setEncoding('utf8').on('data', keep);
  child.stderr!.setEncoding('utf8').on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${args.join(' ')} exited early:\n${output}`);
    try {
      const res = await fetch(url + probe, { signal: AbortSignal.timeout(2000) });
      await res.body?.cancel();
      if (res.status < 400) break;
    } catch {
      // not listening yet
    }
    if (performance.now() - started > timeoutMs) {
      child.kill('SIGKILL');
      throw new Error(`${args.join(' ')} did not answer ${probe} within ${timeoutMs} ms:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const startMs = performance.now() - started;
  return {
    url,
    child,
    startMs,
    output: () => output,
    rss: () => rssOf(child.pid!),
    async memory() {
      const before = output.length;
      child.kill('SIGUSR2');
      for (let waited = 0; waited < 5000; waited += 20) {
        const line = /PLUMAGE_BENCH_MEMORY (\{.*\})\n/.exec(output.slice(Math.min(before, output.length)));
        if (line) return Object.fromEntries(Object.entries(JSON.parse(line[1]!) as Record<string, number>).map(([key, bytes]) => [`${key}MiB`, bytes / 2 ** 20]));
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error(`${args.join(' ')} did not answer the memory probe`);
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

/** Node options for the bench's children: the memory probe (bench/lib/memory-probe.mjs), answering SIGUSR2. */
const PROBE = ['--import', pathToFileURL(path.join(benchDir, 'lib', 'memory-probe.mjs')).href];

/** `strapi start` in cms/; resolves once /_health answers. `nodeArgs` go before Strapi's (bench/profile.ts gives --cpu-prof). */
export function startCms(env: Record<string, string>, { timeoutMs = 120_000, nodeArgs = [] as string[] } = {}): Promise<Server> {
  if (!fs.existsSync(path.join(repoRoot, 'cms', 'dist', 'src', 'index.js'))) throw new Error('cms/dist is missing: run `npm run build` first.');
  return startProcess([...PROBE, ...nodeArgs, STRAPI_BIN, 'start'], path.join(repoRoot, 'cms'), env, env.STRAPI_URL!, '/_health', timeoutMs);
}

/**
 * The built site on a free port, reading `cms`; resolves once its first page (the gallery) answers. `nodeArgs` go
 * before the entry (bench/profile.ts gives --cpu-prof).
 */
export async function startWeb(cmsEnv: Record<string, string>, { timeoutMs = 60_000, nodeArgs = [] as string[] } = {}): Promise<Server> {
  if (!fs.existsSync(WEB_ENTRY)) throw new Error('web/dist is missing: run `npm run build` first.');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: Record<string, string> = {
    HOST: '127.0.0.1',
    PORT: String(port),
    WEB_PORT: String(port),
    PUBLIC_URL: url,
    STRAPI_URL: cmsEnv.STRAPI_URL!,
    WEB_TOKEN_FILE: cmsEnv.WEB_TOKEN_FILE!,
    MEDIA_DIR: cmsEnv.MEDIA_DIR!,
    PLUMAGE_ROOT: repoRoot,
    CACHE_PURGE_SECRET: cmsEnv.CACHE_PURGE_SECRET!,
    NODE_ENV: 'production',
    MALLOC_ARENA_MAX: '2',
    ASTRO_TELEMETRY_DISABLED: '1',
    LOG_LEVEL: 'warn',
  };
  return startProcess([...PROBE, ...nodeArgs, WEB_ENTRY], path.join(repoRoot, 'web'), env, url, '/', timeoutMs);
}
