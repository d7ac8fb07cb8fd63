/**
 * Moving a collection from SQLite to PostgreSQL with Strapi 5.54's own `strapi export` / `strapi import`, run through
 * `npm run strapi --` exactly as config/deploy/scaling.md says: photos, species, EXIF, derivatives and the media
 * library arrive; media stays where it is; a CMS on PostgreSQL then serves them and still refuses duplicates.
 * Needs Debian's postgresql (a throwaway server on loopback); skipped without it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { freePort, repoRoot, startCms, type RunningCms } from '../support/cms';
import { runScriptAsync, tempDir } from '../support/cms-process';
import { makeTestJpeg } from '../support/images';
import { api, uploadPhoto } from '../support/rest';
import { createDatabase, postgresAvailable, startPostgres, type RunningPostgres } from '../support/postgres';

const { Client } = createRequire(path.join(repoRoot, 'cms', 'package.json'))('pg');
const available = postgresAvailable();
if (!available) console.warn('Skipping the SQLite to PostgreSQL test: apt-get install -y postgresql (Debian) to run it.');

let pg: RunningPostgres;
let cms: RunningCms | undefined;
const work = tempDir('plumage-to-pg-');
const before: Array<Record<string, unknown>> = [];
let sqliteEnv: Record<string, string>;
let original: Buffer;

/** `npm run strapi -- ARGS` with these settings and nothing from a settings file. */
function strapiCli(args: string[], env: Record<string, string>): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'scripts', 'strapi-cli.mjs'), ...args], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, PLUMAGE_ENV_FILE: path.join(work, 'no-settings-file'), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.once('error', reject);
    child.once('exit', (status) => resolve({ status, output }));
  });
}

const SETTINGS = ['APP_KEYS', 'ADMIN_JWT_SECRET', 'API_TOKEN_SALT', 'TRANSFER_TOKEN_SALT', 'JWT_SECRET', 'ENCRYPTION_KEY', 'PLUMAGE_ROOT', 'MEDIA_DIR', 'DATABASE_CLIENT', 'DATABASE_FILENAME'];

/** What a photo is, as REST shows it, without what a database assigns (ids, timestamps). */
async function photosAsSeen(target: RunningCms): Promise<Array<Record<string, unknown>>> {
  const answer = await api(target, 'GET', '/api/photos?populate[species][fields][0]=commonName&populate[image][fields][0]=url&sort=title&status=published');
  return answer.body.data.map((p: Record<string, any>) => ({
    documentId: p.documentId,
    title: p.title,
    sha256: p.sha256,
    camera: p.camera,
    fNumber: p.fNumber,
    exposureTime: p.exposureTime,
    takenAt: p.takenAt,
    takenYear: p.takenYear,
    width: p.width,
    derivatives: p.derivatives,
    species: p.species.map((s: { commonName: string }) => s.commonName),
    image: p.image.url,
  }));
}

describe.skipIf(!available)('SQLite to PostgreSQL with strapi export / import', () => {
  beforeAll(async () => {
    pg = await startPostgres(await freePort());
  });
  afterAll(async () => {
    await cms?.stop();
    await pg?.stop();
    fs.rmSync(work, { recursive: true, force: true });
  });

  test('npm run strapi -- export writes the collection from SQLite', async () => {
    cms = await startCms();
    original = await makeTestJpeg({ seed: 801, exif: { make: 'Canon', model: 'Canon EOS R7', dateTimeOriginal: '2022:04:30 06:40:00', offsetTimeOriginal: '-05:00', fNumber: '63/10', exposureTime: '1/1000' } });
    await uploadPhoto(cms, { file: original, fileName: 'warbler.jpg', title: 'A warbler', species: ['Yellow Warbler', 'American Redstart'] });
    await uploadPhoto(cms, { file: await makeTestJpeg({ seed: 802 }), fileName: 'heron.jpg', title: 'B heron', species: ['Great Blue Heron'] });
    before.push(...(await photosAsSeen(cms)));
    expect(before).toHaveLength(2);
    sqliteEnv = Object.fromEntries(SETTINGS.map((key) => [key, process.env[key]!]));
    const admin = await strapiCli(['admin:create-user', '--email', 'owner@example.org', '--password', 'Owner-Secret-1', '--firstname', 'Owner'], sqliteEnv);
    expect(admin.status, admin.output).toBe(0);

    // Run while the CMS runs (SQLite in WAL mode lets it read); the media stays in MEDIA_DIR (--exclude files).
    const exported = await strapiCli(['export', '--no-encrypt', '--exclude', 'files', '-f', path.join(work, 'plumage-export')], sqliteEnv);
    expect(exported.status, exported.output).toBe(0);
    expect(fs.existsSync(path.join(work, 'plumage-export.tar.gz'))).toBe(true);
    // The media folder moves as it is (here: kept for the next CMS), the SQLite CMS stops.
    fs.cpSync(cms.mediaDir, path.join(work, 'media'), { recursive: true });
    await cms.stop();
    cms = undefined;
  });

  test('npm run strapi -- import fills an empty PostgreSQL database, and a CMS on it shows the same photos', async () => {
    createDatabase(pg.port, 'plumage');
    const pgEnv = {
      ...sqliteEnv,
      DATABASE_CLIENT: 'postgres',
      DATABASE_HOST: '127.0.0.1',
      DATABASE_PORT: String(pg.port),
      DATABASE_NAME: 'plumage',
      DATABASE_USERNAME: 'postgres',
      DATABASE_PASSWORD: '',
      MEDIA_DIR: path.join(work, 'media'),
    };
    // --exclude files here too: without it Strapi moves MEDIA_DIR/uploads aside to restore the archive's files, finds
    // none, and deletes the folder it moved aside: every original gone (seen here with 5.54.0).
    const imported = await strapiCli(['import', '--force', '--exclude', 'files', '-f', path.join(work, 'plumage-export.tar.gz')], pgEnv);
    expect(imported.status, imported.output).toBe(0);

    const { DATABASE_FILENAME: _sqlite, ...onPostgres } = pgEnv;
    cms = await startCms({ env: onPostgres });
    expect(cms.databaseClient).toBe('postgres');
    expect(await photosAsSeen(cms)).toEqual(before);
    // The media library's URL still names the original in the media folder, as it was.
    expect(fs.readFileSync(path.join(work, 'media', String(before[0]!.image))).equals(original)).toBe(true);

    // The pipeline's own rules hold on the new database: a duplicate is refused, naming the moved photo.
    const form = new FormData();
    form.append('file', new Blob([original], { type: 'image/jpeg' }), 'again.jpg');
    const again = await fetch(`${cms.url}/api/photos/ingest`, { method: 'POST', headers: { Authorization: `Bearer ${cms.token}` }, body: form });
    const body = await again.json();
    expect(again.status).toBe(400);
    expect(body.error.details.duplicateOf).toBe(before[0]!.documentId);

    // Administrators do not come along (Strapi leaves admin::* out of an export): the guide says to run
    // `npm run admin:create` on the new database. The site's read-only token was made anew at boot (startCms read it).
    const db = new Client({ host: '127.0.0.1', port: pg.port, user: 'postgres', database: 'plumage' });
    await db.connect();
    try {
      expect((await db.query('SELECT email FROM admin_users')).rows.map((r: { email: string }) => r.email)).toEqual([]);
    } finally {
      await db.end();
    }

    // And fsck finds every file the moved rows name.
    const fsck = await runScriptAsync('fsck.mjs', ['--json'], { ...onPostgres, PLUMAGE_ENV_FILE: path.join(work, 'no-settings-file') });
    expect(JSON.parse(fsck.stdout).problems).toEqual([]);
  });
});
