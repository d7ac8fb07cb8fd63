/**
 * `npx pm2 start ecosystem.config.js` as the deployment guide says, on a throwaway PM2_HOME, data folder, settings
 * file and free ports: both apps come online and serve, the logs are JSON lines in LOG_DIR, the memory limits hold
 * what they run with, and `pm2 kill` stops everything (no process left, SQLite closed with its WAL checkpointed).
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, repoRoot } from '../support/cms';
import { createTokenWithScript, runCommandAsync, tempDir, waitFor } from '../support/cms-process';
import { makeTestJpeg } from '../support/images';
import { ingestForm } from '../support/rest';

const Database = createRequire(path.join(repoRoot, 'cms', 'package.json'))('better-sqlite3');

const dir = tempDir('plumage-pm2-');
let env: Record<string, string>;
let cmsUrl = '';
let webUrl = '';

/** `npx pm2 …` as an owner's shell runs it: this installation's settings, nothing of the test runner's. */
const npxPm2 = (args: string[]) => runCommandAsync('npx', ['pm2', ...args], env, 120_000);

interface Pm2Process {
  name: string;
  pid: number;
  pm2_env: { status: string; restart_time: number; kill_timeout: number; exp_backoff_restart_delay: number; max_memory_restart: number; node_args: string[]; env: Record<string, string> };
  monit: { memory: number };
}

async function jlist(): Promise<Pm2Process[]> {
  const { status, stdout, stderr } = await npxPm2(['jlist']);
  if (status !== 0) throw new Error(`pm2 jlist failed: ${stderr}`);
  return JSON.parse(stdout.slice(stdout.indexOf('[')));
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

let pids: number[] = [];
let daemonPid = 0;

beforeAll(async () => {
  const [cmsPort, webPort] = [await freePort(), await freePort()];
  cmsUrl = `http://127.0.0.1:${cmsPort}`;
  webUrl = `http://127.0.0.1:${webPort}`;
  env = {
    PM2_HOME: path.join(dir, 'pm2'),
    PLUMAGE_ENV_FILE: path.join(dir, 'plumage.env'),
    HOST: '127.0.0.1',
    CMS_PORT: String(cmsPort),
    WEB_PORT: String(webPort),
    DATABASE_FILENAME: path.join(dir, 'data', 'plumage.db'),
    MEDIA_DIR: path.join(dir, 'media'),
    WEB_TOKEN_FILE: path.join(dir, 'data', 'web-token'),
    LOG_DIR: path.join(dir, 'logs'),
  };
});

afterAll(async () => {
  // Whatever happened above, leave nothing running.
  if (fs.existsSync(env.PM2_HOME!)) await npxPm2(['kill']);
  for (const pid of [...pids, daemonPid]) if (pid && alive(pid)) process.kill(pid, 'SIGKILL');
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('npx pm2 start ecosystem.config.js', () => {
  it('starts cms and web, both online and serving', async () => {
    const started = await npxPm2(['start', 'ecosystem.config.js']);
    expect(started.status, started.stderr).toBe(0);
    daemonPid = Number(fs.readFileSync(path.join(env.PM2_HOME!, 'pm2.pid'), 'utf8'));

    await waitFor('the CMS answering /_health', async () => (await fetch(`${cmsUrl}/_health`)).status === 204);
    await waitFor('the site answering /healthz with 200', async () => (await fetch(`${webUrl}/healthz`)).status === 200);
    const home = await fetch(webUrl);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('data-selection-count="0"');
    expect((await fetch(`${cmsUrl}/admin`)).status).toBe(200);

    const apps = await jlist();
    expect(apps.map((app) => [app.name, app.pm2_env.status, app.pm2_env.restart_time]).sort()).toEqual([
      ['cms', 'online', 0],
      ['web', 'online', 0],
    ]);
    pids = apps.map((app) => app.pid);
    const byName = Object.fromEntries(apps.map((app) => [app.name, app]));
    for (const app of apps) {
      expect(app.pm2_env.env.NODE_ENV).toBe('production');
      expect(app.pm2_env.env.MALLOC_ARENA_MAX).toBe('2');
      expect(app.pm2_env.kill_timeout).toBeGreaterThanOrEqual(15_000);
      expect(app.pm2_env.exp_backoff_restart_delay).toBeGreaterThan(0);
      expect(app.pm2_env.node_args.some((arg) => arg.startsWith('--max-old-space-size='))).toBe(true);
    }
    // Together under what a 1 GB host can give them (the arithmetic is in ecosystem.config.js).
    const limits = byName.cms!.pm2_env.max_memory_restart + byName.web!.pm2_env.max_memory_restart;
    expect(limits).toBeLessThanOrEqual(700 * 1024 * 1024);
    for (const app of apps) expect(app.monit.memory).toBeLessThan(app.pm2_env.max_memory_restart);
    console.log(`[pm2] RSS after start: cms ${(byName.cms!.monit.memory / 1e6).toFixed(0)} MB, web ${(byName.web!.monit.memory / 1e6).toFixed(0)} MB`);

    // The first start wrote the settings file with fresh secrets, readable by its owner only.
    const settingsFile = fs.statSync(env.PLUMAGE_ENV_FILE!);
    expect(settingsFile.mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(env.PLUMAGE_ENV_FILE!, 'utf8')).toMatch(/^APP_KEYS=.+/m);
  });

  it('writes pino JSON lines to LOG_DIR/cms.log and LOG_DIR/web.log', async () => {
    await fetch(`${webUrl}/species`);
    await waitFor('the access log line', async () => fs.readFileSync(path.join(env.LOG_DIR!, 'web.log'), 'utf8').includes('"path":"/species"'), 10_000);
    for (const name of ['cms', 'web']) {
      const lines = fs.readFileSync(path.join(env.LOG_DIR!, `${name}.log`), 'utf8').split('\n').filter((line) => line.trim() !== '');
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) {
        const entry = JSON.parse(line);
        expect(typeof entry.level).toBe('number');
        expect(typeof entry.time).toBe('number');
      }
    }
  });

  it('the CMS takes a 24 MP original and stays under its memory limit', async () => {
    const token = createTokenWithScript(env);
    const original = await makeTestJpeg({ width: 6000, height: 4000, seed: 24 });
    const form = ingestForm(original, 'big.jpg', { title: '24 MP under PM2' });
    const answer = await fetch(`${cmsUrl}/api/photos/ingest`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form });
    expect(answer.status, await answer.clone().text()).toBe(201);
    const cms = (await jlist()).find((app) => app.name === 'cms')!;
    expect([cms.pm2_env.status, cms.pm2_env.restart_time]).toEqual(['online', 0]);
    // The peak (the kernel's high-water mark) is reported, not asserted: PM2 samples memory every 30 s, and a restart
    // at a peak would let the upload finish first (graceful stop). What must hold is the memory it keeps afterwards.
    const status = fs.readFileSync(`/proc/${cms.pid}/status`, 'utf8');
    const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)![1]) * 1024;
    console.log(`[pm2] cms RSS through a 24 MP ingest: peak ${(kb('VmHWM') / 1e6).toFixed(0)} MB, after ${(kb('VmRSS') / 1e6).toFixed(0)} MB (restart above ${(cms.pm2_env.max_memory_restart / 1e6).toFixed(0)} MB)`);
    expect(kb('VmRSS')).toBeLessThan(cms.pm2_env.max_memory_restart);
  });

  it('brings a crashed server back (restart with back-off)', async () => {
    const web = (await jlist()).find((app) => app.name === 'web')!;
    process.kill(web.pid, 'SIGKILL');
    await waitFor('PM2 restarting the site', async () => {
      const again = (await jlist()).find((app) => app.name === 'web')!;
      return again.pm2_env.status === 'online' && again.pm2_env.restart_time === 1 && again.pid !== web.pid;
    }, 30_000);
    await waitFor('the restarted site answering /healthz with 200', async () => (await fetch(`${webUrl}/healthz`)).status === 200, 30_000);
    pids = (await jlist()).map((app) => app.pid);
  });

  it('pm2 kill stops both gracefully and leaves nothing running', async () => {
    const killed = await npxPm2(['kill']);
    expect(killed.status, killed.stderr).toBe(0);
    await waitFor('every process gone', async () => ![...pids, daemonPid].some(alive), 20_000);
    await expect(fetch(`${cmsUrl}/_health`)).rejects.toThrow();
    await expect(fetch(webUrl)).rejects.toThrow();
    // The CMS closed SQLite itself: the WAL is checkpointed and gone.
    expect(fs.existsSync(`${env.DATABASE_FILENAME}-wal`)).toBe(false);
    const db = new Database(env.DATABASE_FILENAME, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    const cmsLog = fs.readFileSync(path.join(env.LOG_DIR!, 'cms.log'), 'utf8');
    expect(cmsLog).toContain('Strapi has been shut down');
    expect(fs.readFileSync(path.join(env.LOG_DIR!, 'web.log'), 'utf8')).toContain('"msg":"stopped"');
  });
});
