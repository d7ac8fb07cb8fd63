/**
 * `npm run backup` / `npm run restore` with DATABASE_CLIENT=postgres: pg_dump while the CMS writes, pg_restore into
 * an empty database. Needs Debian's postgresql (a throwaway server on loopback); skipped without it.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, repoRoot, startCms, type RunningCms } from '../support/cms';
import { runScript, runScriptAsync, tempDir } from '../support/cms-process';
import { makeTestJpeg } from '../support/images';
import { uploadPhoto } from '../support/rest';
import { createDatabase, postgresAvailable, startPostgres, type RunningPostgres } from '../support/postgres';

const available = postgresAvailable() && fs.existsSync('/usr/bin/pg_dump');
if (!available) console.warn('Skipping the PostgreSQL backup test: apt-get install -y postgresql (Debian) to run it.');

const { Client } = createRequire(path.join(repoRoot, 'cms', 'package.json'))('pg');

let pg: RunningPostgres;
let cms: RunningCms;
const work = tempDir('plumage-pg-backup-');

async function query(database: string, sql: string): Promise<any[]> {
  const client = new Client({ host: '127.0.0.1', port: pg.port, user: 'postgres', database });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

function pgEnv(database: string, mediaDir: string): Record<string, string> {
  return {
    DATABASE_CLIENT: 'postgres',
    DATABASE_HOST: '127.0.0.1',
    DATABASE_PORT: String(pg.port),
    DATABASE_NAME: database,
    DATABASE_USERNAME: 'postgres',
    DATABASE_PASSWORD: '',
    MEDIA_DIR: mediaDir,
    PLUMAGE_ROOT: repoRoot,
    STRAPI_URL: 'http://127.0.0.1:9',
  };
}

describe.skipIf(!available)('npm run backup / restore (PostgreSQL)', () => {
  beforeAll(async () => {
    pg = await startPostgres(await freePort());
    // tests/support/cms.ts puts the CMS on a fresh database of this server.
    process.env.PLUMAGE_TEST_DB = 'postgres';
    process.env.PLUMAGE_TEST_PG_PORT = String(pg.port);
    cms = await startCms();
  });

  afterAll(async () => {
    await cms?.stop().catch(() => undefined);
    await pg?.stop();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('dumps with pg_dump while photos are added, and restores into an empty database', async () => {
    expect(cms.databaseClient).toBe('postgres');
    const source = process.env.DATABASE_NAME!;
    for (let seed = 1; seed <= 3; seed++) await uploadPhoto(cms, { file: await makeTestJpeg({ seed: 70 + seed, width: 900, height: 600 }), fileName: `pg-${seed}.jpg` });
    const importing = (async () => {
      for (let seed = 4; seed <= 7; seed++) await uploadPhoto(cms, { file: await makeTestJpeg({ seed: 70 + seed, width: 900, height: 600 }), fileName: `pg-${seed}.jpg` });
    })();
    const backupDir = path.join(work, 'backup');
    const backup = await runScriptAsync('backup.mjs', [backupDir], pgEnv(source, cms.mediaDir));
    await importing;
    expect(backup.status, backup.stdout + backup.stderr).toBe(0);
    expect(backup.stderr).toMatch(/\[backup\] database: pg_dump of .*tables/);
    const manifest = JSON.parse(fs.readFileSync(path.join(backupDir, 'manifest.json'), 'utf8'));
    expect(manifest.database).toMatchObject({ client: 'postgres', path: 'database/plumage.pgdump', format: 'custom' });

    createDatabase(pg.port, 'plumage_restored');
    const restoredMedia = path.join(work, 'restored-media');
    const env = pgEnv('plumage_restored', restoredMedia);
    const restore = runScript('restore.mjs', [backupDir], env);
    expect(restore.status, restore.stdout + restore.stderr).toBe(0);

    const [{ n: restoredRows }] = await query('plumage_restored', 'SELECT COUNT(*)::int AS n FROM photos');
    expect(restoredRows).toBeGreaterThanOrEqual(6);
    const rows = await query('plumage_restored', `SELECT p.sha_256 AS sha256, f.url FROM photos p JOIN files_related_mph m ON m.related_id = p.id AND m.related_type = 'api::photo.photo' JOIN files f ON f.id = m.file_id`);
    expect(rows.length).toBe(restoredRows);
    for (const row of rows) {
      const bytes = fs.readFileSync(path.join(restoredMedia, row.url));
      expect(crypto.createHash('sha256').update(bytes).digest('hex')).toBe(row.sha256);
    }

    const fsck = runScript('fsck.mjs', ['--json'], env);
    expect(fsck.status, fsck.stdout + fsck.stderr).toBe(0);
    expect(JSON.parse(fsck.stdout).photoRows).toBe(restoredRows);

    const again = runScript('restore.mjs', [backupDir], env);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/Not restoring over existing data: the database plumage_restored/);
  });
});
