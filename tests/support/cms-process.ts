/**
 * The CMS as production runs it: `strapi start` in a child process, on a data folder given by the test (a fresh one,
 * or one a restore just filled). Also `npm run token:create` with the same settings. For tests that need a second
 * Strapi in one test file, or signals sent to a real `strapi start`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, repoRoot } from './cms';

const cmsDir = path.join(repoRoot, 'cms');
const STRAPI_BIN = path.join(repoRoot, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js');
const SECRET_NAMES = ['APP_KEYS', 'ADMIN_JWT_SECRET', 'API_TOKEN_SALT', 'TRANSFER_TOKEN_SALT', 'JWT_SECRET', 'ENCRYPTION_KEY'] as const;

const secret = () => crypto.randomBytes(24).toString('base64');

/** Fresh Strapi secrets; give the same ones to every CMS that opens one database (API tokens are hashed with them). */
export function cmsSecrets(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of SECRET_NAMES) out[name] = name === 'APP_KEYS' ? [secret(), secret()].join(',') : secret();
  return out;
}

/** The secrets currently in `env` (what startCms put into process.env), to open its database from another process. */
export function secretsOf(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(SECRET_NAMES.map((name) => [name, env[name] ?? '']));
}

/** Settings for a CMS on `dataDir` (plumage.db, media/, web-token inside it) and a free loopback port. */
export async function cmsEnv(dataDir: string, extra: Record<string, string> = {}): Promise<Record<string, string>> {
  const port = await freePort();
  fs.mkdirSync(dataDir, { recursive: true });
  return {
    HOST: '127.0.0.1',
    CMS_PORT: String(port),
    STRAPI_URL: `http://127.0.0.1:${port}`,
    DATABASE_CLIENT: 'sqlite',
    DATABASE_FILENAME: path.join(dataDir, 'plumage.db'),
    MEDIA_DIR: path.join(dataDir, 'media'),
    WEB_TOKEN_FILE: path.join(dataDir, 'web-token'),
    PLUMAGE_ROOT: repoRoot,
    // Never the site of another test or of the developer: cache purges go nowhere.
    WEB_PORT: '9',
    CACHE_PURGE_SECRET: secret(),
    STRAPI_TELEMETRY_DISABLED: 'true',
    BROWSER: 'none',
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    ...cmsSecrets(),
    ...extra,
  };
}

/** The environment of a child: the test runner's PATH and HOME, nothing of another CMS (startCms fills process.env). */
function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const { PATH, HOME, TMPDIR, LANG } = process.env;
  return { PATH, HOME, TMPDIR, LANG, ...env };
}

export interface CmsProcess {
  url: string;
  child: ChildProcess;
  /** Everything it wrote (stdout and stderr). */
  output(): string;
  /** Resolves with the exit code and signal once it has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM (or the given signal), then waits for the exit; SIGKILL after `graceMs`. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `node …/strapi.js start` in cms/ with `env`; resolves once /_health answers. */
export async function startCmsProcess(env: Record<string, string>, timeoutMs = 90_000): Promise<CmsProcess> {
  if (!fs.existsSync(path.join(cmsDir, 'dist', 'src', 'index.js'))) throw new Error('cms/dist is missing: npm test builds it (or npm run build).');
  const child = spawn(process.execPath, [STRAPI_BIN, 'start'], { cwd: cmsDir, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const url = `http://127.0.0.1:${env.CMS_PORT}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`strapi start exited early:\n${output}`);
    try {
      const res = await fetch(`${url}/_health`, { signal: AbortSignal.timeout(1000) });
      if (res.status === 204) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`strapi start did not answer /_health within ${timeoutMs} ms:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    child,
    output: () => output,
    exited,
    async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 20_000) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill(signal);
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        const result = await exited;
        clearTimeout(timer);
        return result;
      }
      return exited;
    },
  };
}

/** `npm run token:create -- --name N --type T` with `env`; the token is the last line it prints. */
export function createTokenWithScript(env: Record<string, string>, type: 'read-only' | 'full-access' = 'full-access'): string {
  const name = `ops test ${crypto.randomUUID()}`;
  const result = spawnSync('npm', ['run', '-s', 'token:create', '--', '--name', name, '--type', type], {
    cwd: repoRoot,
    env: childEnv(env),
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (result.status !== 0) throw new Error(`npm run token:create failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  const lines = result.stdout.trim().split('\n');
  const token = lines[lines.length - 1]!.trim();
  if (!/^[0-9a-f]{64,}$/.test(token)) throw new Error(`npm run token:create printed no token:\n${result.stdout}`);
  return token;
}

/** Runs `node scripts/<script>` from the repository root with `env` and arguments; its exit code and output. */
export function runScript(script: string, args: string[], env: Record<string, string>): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', script), ...args], { cwd: repoRoot, env: childEnv(env), encoding: 'utf8', timeout: 300_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh temporary folder. */
export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Like runScript, without blocking the test process (which may host the CMS the script talks to). */
export function runScriptAsync(script: string, args: string[], env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return runCommandAsync(process.execPath, [path.join(repoRoot, 'scripts', script), ...args], env);
}

/**
 * Any command (`npx pm2 …`, `npm run …`) from the repository root (or `cwd`) with `env` over the runner's PATH and HOME only,
 * without blocking the test process; killed after `timeoutMs`.
 */
export function runCommandAsync(
  command: string,
  args: string[],
  env: Record<string, string>,
  timeoutMs = 300_000,
  cwd = repoRoot,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', reject);
    child.once('exit', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

/** Resolves once `check` says yes (its errors count as no); throws after `timeoutMs`, naming `what`. */
export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
