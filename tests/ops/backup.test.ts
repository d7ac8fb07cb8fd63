/**
 * `npm run backup` while an import adds photos, then `npm run restore` into an empty data directory and a second
 * CMS (`strapi start`) on the restored files: every photo keeps its original and its derivatives, byte for byte.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, repoRoot, startCms, type RunningCms } from '../support/cms';
import { runScript, runScriptAsync, secretsOf, startCmsProcess, cmsEnv, tempDir, type CmsProcess } from '../support/cms-process';
import { makeTestJpeg } from '../support/images';
import { api, uploadPhoto } from '../support/rest';

const Database = createRequire(path.join(repoRoot, 'cms', 'package.json'))('better-sqlite3');
const sha256 = (bytes: Buffer) => crypto.createHash('sha256').update(bytes).digest('hex');

interface ManifestFile {
  path: string;
  bytes: number;
  sha256: string;
}

let cms: RunningCms;
let secrets: Record<string, string>;
let second: CmsProcess | null = null;
const backupDir = path.join(tempDir('plumage-backup-'), 'backup');
const restoredDir = tempDir('plumage-restored-');

beforeAll(async () => {
  cms = await startCms();
  secrets = secretsOf(process.env);
});

afterAll(async () => {
  await second?.stop();
  await cms?.stop().catch(() => undefined);
  fs.rmSync(path.dirname(backupDir), { recursive: true, force: true });
  fs.rmSync(restoredDir, { recursive: true, force: true });
});

/** What the scripts need to find the CMS's data, and nothing of this process's other settings. */
function dataEnv(databaseFile: string, mediaDir: string, strapiUrl: string): Record<string, string> {
  return { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: databaseFile, MEDIA_DIR: mediaDir, PLUMAGE_ROOT: repoRoot, STRAPI_URL: strapiUrl, ...secrets };
}

describe('npm run backup / npm run restore (SQLite)', () => {
  let manifest: { files: ManifestFile[]; database: { photoRows: number; path: string }; media: { files: number } };
  const created: Array<{ at: number }> = [];
  let before = 0;
  let window = { backupStart: 0, backupEnd: 0, importStart: 0, importEnd: 0 };

  it('copies the database and the media while an import adds photos', async () => {
    for (let seed = 1; seed <= 4; seed++) {
      await uploadPhoto(cms, { file: await makeTestJpeg({ seed, width: 1000, height: 700 }), fileName: `before-${seed}.jpg`, title: `before ${seed}` });
    }
    before = 4;

    // The import: 12 photos through REST, two at a time, started before the backup and still running during it.
    window.importStart = Date.now();
    const queue = Array.from({ length: 12 }, (_, i) => 100 + i);
    const worker = async () => {
      for (let seed = queue.shift(); seed !== undefined; seed = queue.shift()) {
        await uploadPhoto(cms, { file: await makeTestJpeg({ seed, width: 1600, height: 1100 }), fileName: `import-${seed}.jpg`, title: `import ${seed}` });
        created.push({ at: Date.now() });
      }
    };
    const importing = Promise.all([worker(), worker()]).then(() => (window.importEnd = Date.now()));
    while (created.length < 2) await new Promise((r) => setTimeout(r, 50));

    window.backupStart = Date.now();
    const backup = await runScriptAsync('backup.mjs', [backupDir], dataEnv(cms.databaseFile, cms.mediaDir, cms.url));
    window.backupEnd = Date.now();
    await importing;

    expect(backup.stderr).toMatch(/\[backup\] database: .*integrity ok/);
    expect(backup.stderr).toMatch(/\[backup\] media \(pass 1\)/);
    expect(backup.status, backup.stdout + backup.stderr).toBe(0);
    // The backup really ran while photos were being added.
    expect(window.importStart).toBeLessThan(window.backupStart);
    expect(window.importEnd).toBeGreaterThan(window.backupStart);
    expect(created.filter((c) => c.at > window.backupStart).length).toBeGreaterThan(0);

    manifest = JSON.parse(fs.readFileSync(path.join(backupDir, 'manifest.json'), 'utf8'));
    // Each photo is a draft row and a published row.
    expect(manifest.database.photoRows).toBeGreaterThanOrEqual(2 * (before + 2));
    for (const file of manifest.files) {
      const bytes = fs.readFileSync(path.join(backupDir, file.path));
      expect({ path: file.path, bytes: bytes.length, sha256: sha256(bytes) }).toEqual(file);
    }
    console.log(
      `backup: ${manifest.database.photoRows / 2} photos in the snapshot, ${manifest.media.files} media files, ${window.backupEnd - window.backupStart} ms; ${created.filter((c) => c.at > window.backupStart && c.at < window.backupEnd).length} photos were created during it`,
    );
  });

  it('refuses a backup folder that already holds something', () => {
    const answer = runScript('backup.mjs', [backupDir], dataEnv(cms.databaseFile, cms.mediaDir, cms.url));
    expect(answer.status).toBe(1);
    expect(answer.stderr).toMatch(/is not empty/);
  });

  it('restores into an empty data directory, checking every sum, and refuses to overwrite without --force', async () => {
    await cms.stop();
    const env = dataEnv(path.join(restoredDir, 'data', 'plumage.db'), path.join(restoredDir, 'media'), `http://127.0.0.1:${await freePort()}`);
    const restore = runScript('restore.mjs', [backupDir], env);
    expect(restore.status, restore.stdout + restore.stderr).toBe(0);
    expect(restore.stdout).toMatch(/every sum matches/);

    const again = runScript('restore.mjs', [backupDir], env);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/Not restoring over existing data/);

    const forced = runScript('restore.mjs', [backupDir, '--force'], env);
    expect(forced.status, forced.stdout + forced.stderr).toBe(0);
  });

  it('every restored photo has its original and its derivatives, matching the sums', () => {
    const sums = new Map(manifest.files.map((f) => [f.path, f.sha256]));
    const db = new Database(path.join(restoredDir, 'data', 'plumage.db'), { readonly: true });
    const photos = db
      .prepare(
        `SELECT p.id, p.sha_256 AS sha256, p.derivatives, f.url FROM photos p
           JOIN files_related_mph m ON m.related_id = p.id AND m.related_type = 'api::photo.photo' AND m.field = 'image'
           JOIN files f ON f.id = m.file_id`,
      )
      .all() as Array<{ id: number; sha256: string; derivatives: string; url: string }>;
    const rows = (db.prepare('SELECT COUNT(*) AS n FROM photos').get() as { n: number }).n;
    db.close();
    expect(photos.length).toBe(rows);
    expect(photos.length).toBe(manifest.database.photoRows);
    let derivatives = 0;
    for (const photo of photos) {
      const original = fs.readFileSync(path.join(restoredDir, 'media', photo.url));
      expect(sha256(original), `original of photo ${photo.id}`).toBe(photo.sha256);
      expect(sums.get(`media${photo.url}`)).toBe(photo.sha256);
      const list = JSON.parse(photo.derivatives) as Array<{ url: string; bytes: number }>;
      expect(list.length).toBeGreaterThanOrEqual(6);
      for (const d of list) {
        const rel = d.url.replace(/^\/media\//, '');
        const bytes = fs.readFileSync(path.join(restoredDir, 'media', rel));
        expect(bytes.length).toBe(d.bytes);
        expect(sha256(bytes)).toBe(sums.get(`media/${rel}`));
        derivatives++;
      }
    }
    expect(derivatives).toBeGreaterThan(0);
  });

  it('npm run fsck finds the restored data complete', () => {
    const env = dataEnv(path.join(restoredDir, 'data', 'plumage.db'), path.join(restoredDir, 'media'), 'http://127.0.0.1:9');
    const fsck = runScript('fsck.mjs', ['--deep', '--json'], env);
    expect(fsck.status, fsck.stdout + fsck.stderr).toBe(0);
    const result = JSON.parse(fsck.stdout);
    expect(result.remaining.filter((p: { kind: string }) => !['recent-derivative', 'unknown-upload'].includes(p.kind))).toEqual([]);
  });

  it('a CMS started on the restored files serves every photo, and the old API token still works', async () => {
    const env = await cmsEnv(restoredDir, {
      ...secrets,
      DATABASE_FILENAME: path.join(restoredDir, 'data', 'plumage.db'),
      MEDIA_DIR: path.join(restoredDir, 'media'),
    });
    second = await startCmsProcess(env);
    const client = { url: second.url, token: cms.token };
    const answer = await api(client, 'GET', '/api/photos?pagination[pageSize]=100&populate=image');
    expect(answer.status).toBe(200);
    expect(answer.body.meta.pagination.total).toBe(manifest.database.photoRows / 2);
    for (const photo of answer.body.data) {
      const res = await fetch(`${second.url}${photo.image.url}`);
      expect(res.status).toBe(200);
      expect(sha256(Buffer.from(await res.arrayBuffer()))).toBe(photo.sha256);
    }
    const stopped = await second.stop();
    second = null;
    expect(stopped.code).toBe(0);
  });
});
