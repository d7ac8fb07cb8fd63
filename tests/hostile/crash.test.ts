/**
 * kill -9 of the CMS (`strapi start`, its own process, as production runs it) in the middle of `npm run import`,
 * several times at different moments; after each: the SQLite file passes `PRAGMA integrity_check`, the CMS starts
 * again on it, `npm run fsck` finds no photo without its derivatives and no orphan file, and re-running the import
 * finishes the job without a duplicate.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { repoRoot } from '../support/cms';
import { cmsEnv, createTokenWithScript, startCmsProcess, tempDir, type CmsProcess } from '../support/cms-process';
import { writePhoto } from '../importer/fixtures/predecessor-sites';
import { fsckProblems } from './support/fsck';
import { importRun } from './support/import-run';
import { createTally } from './support/tally';

const Database = createRequire(path.join(repoRoot, 'cms', 'package.json'))('better-sqlite3');
const SCALE = Math.max(1, Number(process.env.HOSTILE_SCALE ?? 1));
const PHOTOS = 10;
/** Kill after this many photos imported, one crash per entry. */
const KILL_AFTER = [1, 3, 5, ...(SCALE > 1 ? [2, 4, 7] : [])];

let dataDir: string;
let env: Record<string, string>;
let cms: CmsProcess | null = null;
let token: string;
let root: string;
const NOTE = `kill -9 of the CMS during npm run import (${PHOTOS} photos), restart, integrity_check, fsck, re-run`;
const crashes = createTally('crash-kill-9', NOTE);
const recovery = { files: 0, derivatives: 0 };

beforeAll(async () => {
  dataDir = tempDir('plumage-hostile-crash-');
  env = await cmsEnv(dataDir);
  cms = await startCmsProcess(env);
  token = createTokenWithScript(env);
  root = tempDir('plumage-hostile-crash-photos-');
  // Camera-sized, so that the CMS is busy with a photo when it dies.
  for (let i = 0; i < PHOTOS; i++) await writePhoto(root, { file: `${i % 2 ? 'Snow Bunting' : 'Horned Lark'}/IMG_${7000 + i}.jpg`, seed: 7000 + i, width: 2000, height: 1333 });
});

afterAll(async () => {
  crashes.save();
  await cms?.stop('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(root, { recursive: true, force: true });
});

function integrity(): string {
  const db = new Database(env.DATABASE_FILENAME, { readonly: true });
  try {
    return (db.pragma('integrity_check') as Array<{ integrity_check: string }>).map((row) => row.integrity_check).join('; ');
  } finally {
    db.close();
  }
}

/** Documents per sha256 (a duplicate would be two documents with one image) and photos per documentId. */
function duplicates(): { documents: number; shas: number } {
  const db = new Database(env.DATABASE_FILENAME, { readonly: true });
  try {
    const row = db.prepare('SELECT COUNT(DISTINCT document_id) AS documents, COUNT(DISTINCT sha_256) AS shas FROM photos').get() as { documents: number; shas: number };
    return row;
  } finally {
    db.close();
  }
}

describe('kill -9 of the CMS during an import', () => {
  test.each(KILL_AFTER)('killed after %i photos: integrity ok, the CMS starts, fsck clean, a re-run adds the rest once', async (after) => {
    // A fresh start for this round's import: the photos of earlier rounds go, so that this import has work to do.
    if (after !== KILL_AFTER[0]) {
      for (const { documentId } of (await (await fetch(`${cms!.url}/api/photos?status=draft&pagination[pageSize]=100&fields[0]=documentId`, { headers: { Authorization: `Bearer ${token}` } })).json()).data) {
        await fetch(`${cms!.url}/api/photos/${documentId}`, { method: 'DELETE', headers: { Authorization: `Bearer ${token}` } });
      }
      const files = await (await fetch(`${cms!.url}/api/upload/files`, { headers: { Authorization: `Bearer ${token}` } })).json();
      for (const file of files) await fetch(`${cms!.url}/api/upload/files/${file.id}`, { method: 'DELETE', headers: { Authorization: `Bearer ${token}` } });
    }
    let killedAt: number | null = null;
    const run = importRun(root, { url: cms!.url, token }, { onImported: (count) => {
      if (killedAt === null && count >= after) {
        killedAt = count;
        cms!.child.kill('SIGKILL');
      }
    } });
    const [result, exit] = await Promise.all([run, cms!.exited]);
    const problems: string[] = [];
    if (exit.signal !== 'SIGKILL') problems.push(`the CMS ended with ${exit.code ?? exit.signal}, not killed`);
    if (result.code === 0) problems.push('the import said it succeeded although its CMS died');

    const check = integrity();
    if (check !== 'ok') problems.push(`integrity_check: ${check}`);

    cms = await startCmsProcess(env);
    // What the restart's recovery found (originals of ingests without a photo, derivative folders without a photo).
    const recovered = /Removed what an interrupted upload left: (\d+) originals without a photo, (\d+) derivative folders/.exec(cms.output());
    recovery.files += Number(recovered?.[1] ?? 0);
    recovery.derivatives += Number(recovered?.[2] ?? 0);
    const afterCrash = await fsckProblems(env.DATABASE_FILENAME!, env.MEDIA_DIR!);
    problems.push(...afterCrash.problems.map((p) => `after the restart, fsck: ${p.kind} ${p.file ?? ''}`));

    const rerun = await importRun(root, { url: cms!.url, token });
    if (rerun.code !== 0) problems.push(`the re-run failed (${rerun.code}): ${rerun.stdout.slice(0, 300)}`);
    if (!/^(Imported \d+ photos?, \d+ already there, 0 failed|Nothing new)/.test(rerun.stdout)) problems.push(`the re-run said: ${rerun.stdout.slice(0, 200)}`);
    const { documents, shas } = duplicates();
    if (documents !== PHOTOS || shas !== PHOTOS) problems.push(`${documents} photos with ${shas} images, not ${PHOTOS}`);
    const final = await fsckProblems(env.DATABASE_FILENAME!, env.MEDIA_DIR!);
    problems.push(...final.problems.map((p) => `after the re-run, fsck: ${p.kind} ${p.file ?? ''}`));
    // Every library file is some photo's image: nothing half-ingested stays in the media library.
    const db = new Database(env.DATABASE_FILENAME, { readonly: true });
    const unused = db
      .prepare("SELECT f.name FROM files f WHERE NOT EXISTS (SELECT 1 FROM files_related_mph m WHERE m.file_id = f.id AND m.related_type = 'api::photo.photo')")
      .all() as Array<{ name: string }>;
    db.close();
    problems.push(...unused.map((f) => `library file ${f.name} belongs to no photo`));
    if (integrity() !== 'ok') problems.push('integrity_check failed after the re-run');

    const lost = afterCrash.problems.length + final.problems.length + unused.length + Math.max(0, PHOTOS - documents);
    crashes.count(problems.length === 0, lost);
    crashes.row.note = `${NOTE}; killed after ${KILL_AFTER.join(', ')} imported; the restarts removed ${recovery.files} stranded originals and ${recovery.derivatives} derivative folders`;
    expect(problems, `killed after ${killedAt} imported`).toEqual([]);
  });
});
