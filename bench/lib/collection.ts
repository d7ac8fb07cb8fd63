/**
 * A CMS on a fresh throwaway database holding a seeded collection (bench/lib/seed.ts): started once empty so that
 * Strapi makes its tables, stopped, seeded, started again. With `importToken`, a full-access API token is made
 * while it is stopped (`npm run token:create`, as an owner would), for the importer.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './paths';
import { progress } from './progress';
import { seedCollection, type SeedResult } from './seed';
import { childEnv, cmsSettings, startCms, type Server } from './servers';

export interface Collection {
  env: Record<string, string>;
  dataDir: string;
  cms: Server;
  /** The site's read-only token (WEB_TOKEN_FILE). */
  token: string;
  /** A full-access token, when asked for. */
  importToken: string | null;
  seeded: SeedResult;
  emptyStartMs: number;
  /** Stops the CMS and starts it again on the same data (with `nodeArgs` before Strapi's); its start time. */
  restart(nodeArgs?: string[]): Promise<number>;
  stop(): Promise<void>;
}

function createFullAccessToken(env: Record<string, string>): string {
  const result = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'token-create.mjs'), '--name', 'bench import', '--type', 'full-access'], {
    cwd: repoRoot,
    env: childEnv(env),
    encoding: 'utf8',
    timeout: 120_000,
  });
  const token = result.stdout.trim().split('\n').pop()?.trim() ?? '';
  if (result.status !== 0 || !/^[A-Za-z0-9]{32,}$/.test(token)) throw new Error(`npm run token:create failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  return token;
}

export async function collectionCms(photos: number, species: number, { importToken = false } = {}): Promise<Collection> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plumage-bench-cms-'));
  const env: Record<string, string> = { ...(await cmsSettings(dataDir)), PLUMAGE_ENV_FILE: path.join(dataDir, 'settings.env') };
  const empty = await startCms(env);
  const emptyStartMs = empty.startMs;
  await empty.stop();
  progress('cms', `empty CMS up in ${(emptyStartMs / 1000).toFixed(1)} s; writing ${photos.toLocaleString('en')} photos over ${species} species`);
  const fullAccess = importToken ? createFullAccessToken(env) : null;
  const seeded = seedCollection(env.DATABASE_FILENAME!, { photos, species });
  progress('cms', `collection written in ${(seeded.ms / 1000).toFixed(1)} s (${seeded.photoRows} photo rows, ${seeded.linkRows} links); starting the CMS on it`);
  const collection: Collection = {
    env,
    dataDir,
    cms: await startCms(env),
    token: fs.readFileSync(env.WEB_TOKEN_FILE!, 'utf8').trim(),
    importToken: fullAccess,
    seeded,
    emptyStartMs,
    async restart(nodeArgs = []) {
      await collection.cms.stop();
      collection.cms = await startCms(env, { nodeArgs });
      return collection.cms.startMs;
    },
    async stop() {
      await collection.cms.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  progress('cms', `CMS with ${photos.toLocaleString('en')} photos up in ${(collection.cms.startMs / 1000).toFixed(1)} s`);
  return collection;
}
