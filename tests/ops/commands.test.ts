/**
 * The README's first command on a fresh data folder, as a new user runs it: `npm start` writes the settings file with
 * fresh secrets, creates the SQLite database in WAL mode, serves the CMS (admin at /admin) and the site; then
 * `npm run admin:create` and `npm run token:create` work against it, and Ctrl-C stops both servers.
 * (The builds `npm start` would make on a fresh clone are made by `npm test` before this runs.)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, repoRoot } from '../support/cms';
import { tempDir } from '../support/cms-process';

const Database = createRequire(path.join(repoRoot, 'cms', 'package.json'))('better-sqlite3');
const SECRETS = ['APP_KEYS', 'ADMIN_JWT_SECRET', 'API_TOKEN_SALT', 'TRANSFER_TOKEN_SALT', 'JWT_SECRET', 'ENCRYPTION_KEY', 'CACHE_PURGE_SECRET'];

const dir = tempDir('plumage-start-');
const envFile = path.join(dir, 'plumage.env');
let env: Record<string, string>;
let cmsUrl: string;
let siteUrl: string;

/** Only what a user's shell would give: PATH and HOME, plus the settings of this test's installation. */
function commandEnv(): NodeJS.ProcessEnv {
  const { PATH, HOME, TMPDIR, LANG } = process.env;
  return { PATH, HOME, TMPDIR, LANG, ...env };
}

/**
 * `npm run SCRIPT -- ARGS`, without blocking this process: a spawnSync would stall the event loop, so the fetch
 * client would miss the server closing idle keep-alive sockets and reuse a dead one.
 */
function npmRun(script: string, args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '-s', script, '--', ...args], { cwd: repoRoot, env: commandEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 180_000);
    child.once('error', reject);
    child.once('exit', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

interface Started {
  child: ChildProcess;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `npm start`'s script, until it says both servers are up. */
async function npmStart(): Promise<Started> {
  const child = spawn(process.execPath, [path.join(repoRoot, 'scripts', 'start.mjs')], { cwd: repoRoot, env: commandEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const deadline = Date.now() + 150_000;
  while (!output.includes('[plumage] CMS admin:')) {
    if (child.exitCode !== null) throw new Error(`npm start exited early (${child.exitCode}):\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`npm start did not report both servers within 150 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  // The site is started right after that line: wait for it to listen.
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(siteUrl, { signal: AbortSignal.timeout(1000) });
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return { child, output: () => output, exited };
}

async function stop(started: Started) {
  started.child.kill('SIGINT');
  const timer = setTimeout(() => started.child.kill('SIGKILL'), 30_000);
  const result = await started.exited;
  clearTimeout(timer);
  return result;
}

async function refused(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(2000) });
    return false;
  } catch {
    return true;
  }
}

let first: Started;

beforeAll(async () => {
  const cmsPort = await freePort();
  const webPort = await freePort();
  cmsUrl = `http://127.0.0.1:${cmsPort}`;
  siteUrl = `http://127.0.0.1:${webPort}`;
  env = {
    PLUMAGE_ENV_FILE: envFile,
    HOST: '127.0.0.1',
    CMS_PORT: String(cmsPort),
    WEB_PORT: String(webPort),
    // A folder that does not exist yet, as on a fresh clone.
    DATABASE_FILENAME: path.join(dir, 'data', 'plumage.db'),
    MEDIA_DIR: path.join(dir, 'media'),
    WEB_TOKEN_FILE: path.join(dir, 'data', 'web-token'),
    LOG_LEVEL: 'warn',
    STRAPI_TELEMETRY_DISABLED: 'true',
    ASTRO_TELEMETRY_DISABLED: '1',
    BROWSER: 'none',
  };
  first = await npmStart();
});

afterAll(async () => {
  if (first && first.child.exitCode === null && first.child.signalCode === null) await stop(first);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('npm start on a fresh data folder', () => {
  it('writes the settings file with every secret, readable by its owner only', () => {
    const text = fs.readFileSync(envFile, 'utf8');
    for (const name of SECRETS) expect(text).toMatch(new RegExp(`^${name}=\\S{20,}`, 'm'));
    expect(fs.statSync(envFile).mode & 0o777).toBe(0o600);
  });

  it('creates the SQLite database in WAL mode', () => {
    const db = new Database(env.DATABASE_FILENAME, { readonly: true, fileMustExist: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'photos'").get().n).toBe(1);
    } finally {
      db.close();
    }
  });

  it('serves the CMS with its admin panel, and the site', async () => {
    expect((await fetch(`${cmsUrl}/_health`)).status).toBe(204);
    const admin = await fetch(`${cmsUrl}/admin`);
    expect(admin.status).toBe(200);
    expect(await admin.text()).toMatch(/<div id="strapi"/);
    const site = await fetch(siteUrl);
    expect(site.status).toBe(200);
    expect(await site.text()).toContain('data-selection-count="0"');
    expect(first.output()).toContain(`${cmsUrl}/admin`);
  });

  it('npm run admin:create makes an administrator who can sign in', async () => {
    const email = 'owner@example.org';
    const password = 'Marsh-Morning-2026';
    const made = await npmRun('admin:create', ['--email', email, '--password', password, '--firstname', 'Olive']);
    expect(made.status, made.stdout + made.stderr).toBe(0);
    const login = await fetch(`${cmsUrl}/admin/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password }) });
    expect(login.status).toBe(200);
    expect(((await login.json()) as { data: { token: string } }).data.token).toBeTruthy();
    const wrong = await fetch(`${cmsUrl}/admin/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password: 'not-it-1A' }) });
    expect(wrong.status).toBe(400);
  });

  it('npm run admin:create without an email says how to call it', async () => {
    const made = await npmRun('admin:create', ['--password', 'x']);
    expect(made.status).toBe(2);
    expect(made.stderr).toContain('Usage: npm run admin:create');
  });

  it('npm run token:create prints a token as its last line, of the type asked for', async () => {
    const lastLine = (out: string) => out.trim().split('\n').pop()!.trim();
    const readOnly = await npmRun('token:create', ['--name', 'gallery reader']);
    expect(readOnly.status, readOnly.stdout + readOnly.stderr).toBe(0);
    const readKey = lastLine(readOnly.stdout);
    expect(readKey).toMatch(/^[0-9a-f]{64,}$/);
    const full = await npmRun('token:create', ['--name', 'importer', '--type', 'full-access']);
    expect(full.status, full.stdout + full.stderr).toBe(0);
    const fullKey = lastLine(full.stdout);

    const asRead = { Authorization: `Bearer ${readKey}`, 'Content-Type': 'application/json' };
    const asFull = { Authorization: `Bearer ${fullKey}`, 'Content-Type': 'application/json' };
    const body = JSON.stringify({ data: { commonName: 'Sora', scientificName: 'Porzana carolina' } });
    expect((await fetch(`${cmsUrl}/api/photos`, { headers: asRead })).status).toBe(200);
    expect((await fetch(`${cmsUrl}/api/species-list`, { method: 'POST', headers: asRead, body })).status).toBe(403);
    expect((await fetch(`${cmsUrl}/api/species-list`, { method: 'POST', headers: asFull, body })).status).toBe(201);
    // Without a token: 401, the public role holds no permission at all.
    expect((await fetch(`${cmsUrl}/api/photos`)).status).toBe(401);

    const again = await npmRun('token:create', ['--name', 'importer']);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('A token named "importer" exists already');
    const badType = await npmRun('token:create', ['--name', 'x', '--type', 'admin']);
    expect(badType.status).toBe(2);
    expect(badType.stderr).toContain('Usage: npm run token:create');
  });

  it('Ctrl-C stops both servers; a second start keeps the secrets, the data and the site token', async () => {
    const secretsBefore = fs.readFileSync(envFile, 'utf8');
    const tokenBefore = fs.readFileSync(env.WEB_TOKEN_FILE!, 'utf8');
    const result = await stop(first);
    expect(result.code).toBe(0);
    expect(await refused(`${cmsUrl}/_health`)).toBe(true);
    expect(await refused(siteUrl)).toBe(true);

    const second = await npmStart();
    try {
      expect(fs.readFileSync(envFile, 'utf8')).toBe(secretsBefore);
      expect(fs.readFileSync(env.WEB_TOKEN_FILE!, 'utf8')).toBe(tokenBefore);
      const species = await fetch(`${siteUrl}/species`);
      expect(species.status).toBe(200);
      expect(await species.text()).toContain('Sora');
    } finally {
      expect((await stop(second)).code).toBe(0);
    }
  });
});
