/**
 * `npm run release:pack`: the tarball a CI job or a desktop makes for the 1 GB host holds the built CMS with its admin
 * panel, the built site and everything PM2 and the commands need, with build stamps that match the packed sources
 * (so `npm start` on the host rebuilds nothing), and none of node_modules, .env, data, media or logs.
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, repoRoot } from '../support/cms';
import { runCommandAsync, tempDir, waitFor } from '../support/cms-process';

const outDir = tempDir('plumage-release-');
const unpacked = tempDir('plumage-unpacked-');

let pm2Env: Record<string, string> | null = null;

afterAll(async () => {
  if (pm2Env) await runCommandAsync('npx', ['pm2', 'kill'], pm2Env, 60_000, unpacked);
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.rmSync(unpacked, { recursive: true, force: true });
});

describe('npm run release:pack', () => {
  it('packs what the host runs, and nothing of this machine', () => {
    const { PATH, HOME } = process.env;
    const packed = spawnSync('npm', ['run', '-s', 'release:pack', '--', outDir], { cwd: repoRoot, env: { PATH, HOME }, encoding: 'utf8', timeout: 300_000 });
    expect(packed.status, packed.stderr).toBe(0);
    const tarball = packed.stdout.trim().split('\n').at(-1)!;
    expect(path.dirname(tarball)).toBe(outDir);
    expect(path.basename(tarball)).toMatch(/^plumage-\d+\.\d+\.\d+-[0-9a-f]{12}(?:-modified)?\.tar\.gz$/);
    const sum = fs.readFileSync(`${tarball}.sha256`, 'utf8').split(' ')[0];
    expect(sum).toBe(crypto.createHash('sha256').update(fs.readFileSync(tarball)).digest('hex'));

    expect(spawnSync('tar', ['-xzf', tarball, '-C', unpacked]).status).toBe(0);
    const has = (file: string) => fs.existsSync(path.join(unpacked, file));
    for (const file of [
      'package.json',
      'package-lock.json',
      'ecosystem.config.js',
      'scripts/start.mjs',
      'scripts/backup.mjs',
      'scripts/lib/env-file.cjs',
      'config/.env.example',
      'config/nginx/plumage.conf',
      'config/species/north-america.csv',
      'shared/dist/esm/index.js',
      'shared/dist/cjs/index.js',
      'cms/dist/src/index.js',
      'cms/dist/config/server.js',
      'cms/dist/build/index.html',
      'web/server.mjs',
      'web/dist/server/entry.mjs',
    ]) {
      expect(has(file), file).toBe(true);
    }
    for (const file of ['node_modules', '.env', 'data', 'media/uploads', 'logs', '.git']) expect(has(file), file).toBe(false);

    // The stamps match the packed sources: the host's `npm start` finds nothing to rebuild.
    const check = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const { staleParts } = await import(${JSON.stringify(path.join(unpacked, 'scripts/lib/build.mjs'))});
         console.log(JSON.stringify(staleParts(['shared', 'cmsServer', 'cmsAdmin', 'web']).map((stale) => stale.part)));`,
      ],
      { encoding: 'utf8' },
    );
    expect(check.status, check.stderr).toBe(0);
    expect(JSON.parse(check.stdout)).toEqual([]);
  });

  it('runs under PM2 as unpacked (with node_modules installed beside it)', async () => {
    // On the host `npm ci --omit=dev` fills node_modules; here the checkout's own stands in for it.
    fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(unpacked, 'node_modules'));
    const data = path.join(unpacked, 'var');
    const [cmsPort, webPort] = [await freePort(), await freePort()];
    pm2Env = {
      PM2_HOME: path.join(data, 'pm2'),
      PLUMAGE_ENV_FILE: path.join(data, 'plumage.env'),
      CMS_PORT: String(cmsPort),
      WEB_PORT: String(webPort),
      DATABASE_FILENAME: path.join(data, 'plumage.db'),
      MEDIA_DIR: path.join(data, 'media'),
      WEB_TOKEN_FILE: path.join(data, 'web-token'),
      LOG_DIR: path.join(data, 'logs'),
    };
    const started = await runCommandAsync('npx', ['pm2', 'start', 'ecosystem.config.js'], pm2Env, 120_000, unpacked);
    expect(started.status, started.stderr).toBe(0);
    await waitFor('the unpacked site answering /healthz with 200', async () => (await fetch(`http://127.0.0.1:${webPort}/healthz`)).status === 200);
    const admin = await fetch(`http://127.0.0.1:${cmsPort}/admin`);
    expect(admin.status).toBe(200);
    expect(await admin.text()).toContain('<div id="strapi"');
    // It runs the unpacked code, not this checkout's.
    const jlist = await runCommandAsync('npx', ['pm2', 'jlist'], pm2Env, 60_000, unpacked);
    const apps = JSON.parse(jlist.stdout.slice(jlist.stdout.indexOf('['))) as Array<{ name: string; pm2_env: { pm_exec_path: string; status: string } }>;
    expect(apps.map((app) => [app.name, app.pm2_env.status])).toEqual([['cms', 'online'], ['web', 'online']]);
    expect(apps.find((app) => app.name === 'web')!.pm2_env.pm_exec_path).toBe(path.join(unpacked, 'web', 'server.mjs'));
    const killed = await runCommandAsync('npx', ['pm2', 'kill'], pm2Env, 60_000, unpacked);
    expect(killed.status).toBe(0);
    pm2Env = null;
  });
});
