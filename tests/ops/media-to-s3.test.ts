/**
 * `npm run media:to-s3`: a site that kept its media on disk moves it into a bucket (s3rver on loopback) the way
 * config/deploy/scaling.md says: a first copy while the CMS runs, then, with the CMS stopped, the rest and the
 * database; a CMS started with UPLOAD_PROVIDER=s3 on that database then serves, replaces and deletes from the bucket.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { repoRoot, startCms, type RunningCms } from '../support/cms';
import { runScriptAsync } from '../support/cms-process';
import { makeTestJpeg } from '../support/images';
import { api, uploadPhoto } from '../support/rest';
import { startS3, type RunningS3 } from '../support/s3';

const PREFIX = 'moved/';
const Database = createRequire(path.join(repoRoot, 'cms', 'package.json'))('better-sqlite3');

let s3: RunningS3;
let cms: RunningCms | undefined;
let work: string;
interface Made {
  documentId: string;
  sha256: string;
  derivatives: Array<{ url: string; bytes: number }>;
  original: Buffer;
}
const made: Made[] = [];

beforeAll(async () => {
  s3 = await startS3();
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'plumage-to-s3-'));
});
afterAll(async () => {
  await cms?.stop();
  await s3?.stop();
  fs.rmSync(work, { recursive: true, force: true });
});

async function addPhoto(seed: number, width: number, height: number): Promise<void> {
  const original = await makeTestJpeg({ seed, width, height });
  const photo = await uploadPhoto(cms!, { file: original, fileName: `bird-${seed}.jpg`, title: `Bird ${seed}` });
  made.push({ documentId: photo.documentId, sha256: photo.sha256, derivatives: photo.derivatives, original });
}

function toS3(args: string[], dirs: { databaseFile: string; mediaDir: string }) {
  return runScriptAsync('media-to-s3.mjs', args, {
    ...s3.env(PREFIX),
    DATABASE_CLIENT: 'sqlite',
    DATABASE_FILENAME: dirs.databaseFile,
    MEDIA_DIR: dirs.mediaDir,
    PLUMAGE_ROOT: repoRoot,
    PLUMAGE_ENV_FILE: path.join(work, 'no-settings-file'),
  });
}

const libraryRows = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT id, url, provider, formats FROM files ORDER BY id').all() as Array<{ id: number; url: string; provider: string; formats: string | null }>;
  } finally {
    db.close();
  }
};

describe('npm run media:to-s3', () => {
  let copy: { databaseFile: string; mediaDir: string };
  let localFiles: string[];

  test('refuses to start without bucket settings, with a sentence', async () => {
    const answer = await runScriptAsync('media-to-s3.mjs', [], { PLUMAGE_ROOT: repoRoot, PLUMAGE_ENV_FILE: path.join(work, 'none'), MEDIA_DIR: work });
    expect(answer.status).toBe(2);
    expect(answer.stderr).toMatch(/Set UPLOAD_PROVIDER=s3 and the S3_\* settings/);
  });

  test('--files-only copies the media while the CMS runs on disk, with progress, and leaves the database alone', async () => {
    cms = await startCms();
    await addPhoto(701, 2400, 1600);
    await addPhoto(702, 1200, 800);
    const before = libraryRows(cms.databaseFile);
    const answer = await toS3(['--files-only'], { databaseFile: cms.databaseFile, mediaDir: cms.mediaDir });
    expect(answer.status, answer.stderr).toBe(0);
    expect(answer.stderr).toMatch(/\[media:to-s3\] copied: \d+ files/);
    const summary = JSON.parse(answer.stdout);
    // Two originals with Strapi's thumbnail each, 9 + 6 derivatives.
    expect(summary).toMatchObject({ files: 19, copied: 19, libraryFilesMoved: 0, missing: [] });
    expect(libraryRows(cms.databaseFile)).toEqual(before);
    expect(await s3.list(`${PREFIX}derivatives/`)).toHaveLength(15);
  });

  test('with the CMS stopped: a dry run writes nothing; the real run copies only what is new and points the media library at the bucket', async () => {
    await addPhoto(703, 900, 600);
    // The CMS's data, as it is on the host when the CMS has stopped (WAL folded into the database file).
    await cms!.strapi.db.connection.raw('PRAGMA wal_checkpoint(TRUNCATE)');
    copy = { databaseFile: path.join(work, 'plumage.db'), mediaDir: path.join(work, 'media') };
    fs.copyFileSync(cms!.databaseFile, copy.databaseFile);
    fs.cpSync(cms!.mediaDir, copy.mediaDir, { recursive: true });
    await cms!.stop();
    cms = undefined;
    localFiles = fs.readdirSync(copy.mediaDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.relative(copy.mediaDir, path.join(e.parentPath, e.name)));

    const objectsBefore = await s3.list();
    const rowsBefore = libraryRows(copy.databaseFile);
    const dry = await toS3(['--dry-run'], copy);
    expect(dry.status, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ dryRun: true, toCopy: 8, copied: 0, libraryFilesMoved: 3, missing: [] });
    expect(await s3.list()).toEqual(objectsBefore);
    expect(libraryRows(copy.databaseFile)).toEqual(rowsBefore);

    const run = await toS3([], copy);
    expect(run.status, run.stderr).toBe(0);
    // The third photo's original, its thumbnail and its 6 derivatives; the rest was there.
    expect(JSON.parse(run.stdout)).toMatchObject({ dryRun: false, files: 27, copied: 8, libraryFilesMoved: 3, missing: [] });
    for (const row of libraryRows(copy.databaseFile)) {
      expect(row.provider).toBe('aws-s3');
      const urls = [row.url, ...Object.values(JSON.parse(row.formats ?? '{}') as Record<string, { url: string }>).map((f) => f.url)];
      for (const url of urls) expect(url.startsWith(`${s3.endpoint}/${s3.bucket}/${PREFIX}uploads/`), url).toBe(true);
    }
    // Every file on disk is in the bucket byte for byte, at the same path under the prefix.
    const objects = await s3.list(PREFIX);
    expect(objects.map((o) => o.key.slice(PREFIX.length)).sort()).toEqual([...localFiles].sort());
    for (const rel of localFiles) expect((await s3.get(PREFIX + rel)).bytes.equals(fs.readFileSync(path.join(copy.mediaDir, rel))), rel).toBe(true);

    const again = await toS3([], copy);
    expect(JSON.parse(again.stdout), 'a second run has nothing to do').toMatchObject({ copied: 0, libraryFilesMoved: 0, missing: [] });
  });

  test('a CMS with UPLOAD_PROVIDER=s3 on the moved data serves, replaces and deletes the moved media in the bucket', async () => {
    const emptyMedia = path.join(work, 'empty-media');
    cms = await startCms({ env: { ...s3.env(PREFIX), DATABASE_FILENAME: copy.databaseFile, MEDIA_DIR: emptyMedia } });
    const [first] = made;
    const photo = (await api(cms, 'GET', `/api/photos/${first!.documentId}?populate[image]=true`)).body.data;
    expect(photo.derivatives).toEqual(first!.derivatives);
    const served = await fetch(photo.image.url);
    expect(Buffer.from(await served.arrayBuffer()).equals(first!.original), 'the original, at its bucket URL').toBe(true);

    // A moved file replaced in the media library: the provider overwrites it in the bucket, and the pipeline reads the
    // new bytes back from there (a private temporary copy) to hash them and make the new derivatives.
    const second = made[1]!;
    const secondFile = (await api(cms, 'GET', `/api/photos/${second.documentId}?populate[image]=true`)).body.data.image;
    const recrop = await makeTestJpeg({ seed: 704, width: 1000, height: 700 });
    const form = new FormData();
    form.append('files', new Blob([recrop], { type: 'image/jpeg' }), 'recrop.jpg');
    const replaced = await fetch(`${cms.url}/api/upload?id=${secondFile.id}`, { method: 'POST', headers: { Authorization: `Bearer ${cms.token}` }, body: form });
    expect(replaced.status).toBe(200);
    const after = (await api(cms, 'GET', `/api/photos/${second.documentId}?populate[image]=true`)).body.data;
    const recropSha = crypto.createHash('sha256').update(recrop).digest('hex');
    expect(after.sha256).toBe(recropSha);
    expect((await s3.list(`${PREFIX}derivatives/${recropSha.slice(0, 2)}/${recropSha}/`)).length).toBe(6);
    expect(await s3.list(`${PREFIX}derivatives/${second.sha256.slice(0, 2)}/${second.sha256}/`)).toEqual([]);
    expect(Buffer.from(await (await fetch(after.image.url)).arrayBuffer()).equals(recrop)).toBe(true);

    expect((await api(cms, 'DELETE', `/api/photos/${first!.documentId}`)).status).toBe(204);
    expect(await s3.list(`${PREFIX}derivatives/${first!.sha256.slice(0, 2)}/${first!.sha256}/`)).toEqual([]);
    expect((await api(cms, 'DELETE', `/api/upload/files/${photo.image.id}`)).status).toBe(200);
    const originals = (await s3.list(`${PREFIX}uploads/`)).map((o) => o.key);
    expect(originals.some((key) => photo.image.url.endsWith(key))).toBe(false);
    expect(originals).toHaveLength(4);
    expect(fs.readdirSync(emptyMedia, { recursive: true }).filter((e) => !fs.statSync(path.join(emptyMedia, String(e))).isDirectory())).toEqual([]);
  });
});
