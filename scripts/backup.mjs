// `npm run backup -- DIR`: an online, consistent copy of the database and the media while the site runs (and while
// an import adds photos). DIR must be new or empty. Progress on stderr; DIR/manifest.json (path, bytes, sha256 of
// every file) is written last, so a backup without it did not finish.
//
// Consistency: media files never change once written (originals get unique names, derivatives are named by the
// original's sha256), so the media are copied first, then the database is copied in one consistent snapshot, then
// the media that appeared meanwhile are copied. Every file the database copy names is then in the backup; files
// deleted or added around the snapshot may be there unreferenced (`npm run fsck` after a restore reports them).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from './lib/args.mjs';
import { loadEnv } from './lib/env.mjs';
import { DATABASE_FILES, FORMAT, MEDIA_FOLDERS, VERSION, isEmptyFolder, userPath, writeManifest } from './lib/backup-layout.mjs';
import { databaseSettings, libpqEnvironment, openDatabase } from './lib/database.mjs';
import { copyWithSha256, isInside, isTemporaryFile, listFiles, sha256File } from './lib/files.mjs';
import { createProgress, formatBytes } from './lib/progress.mjs';
import { readLibraryPaths, readPhotoMedia } from './lib/photo-media.mjs';

const { positional } = parseArgs(process.argv.slice(2));
if (positional.length !== 1) {
  console.error('Usage: npm run backup -- DIR   (DIR must be new or empty)');
  process.exit(2);
}
loadEnv();
const target = userPath(positional[0]);
const mediaDir = path.resolve(process.env.PLUMAGE_ROOT, process.env.MEDIA_DIR);
const db = databaseSettings(process.env);

function fail(message) {
  console.error(message);
  process.exit(1);
}

if (!isEmptyFolder(target)) fail(`${target} is not empty: back up into a new folder (for example one named by the date).`);
if (isInside(mediaDir, target)) fail(`${target} is inside MEDIA_DIR (${mediaDir}): choose a folder elsewhere.`);
if (!fs.existsSync(mediaDir)) fail(`MEDIA_DIR ${mediaDir} does not exist.`);
fs.mkdirSync(path.join(target, 'database'), { recursive: true });
const progress = createProgress('backup');
const started = new Date();

/** Copies the media files not copied yet; returns how many it copied. */
const copied = new Map();
const vanished = [];
async function copyMedia(pass) {
  const pending = [];
  for (const folder of MEDIA_FOLDERS) {
    for (const rel of await listFiles(path.join(mediaDir, folder))) {
      const name = `${folder}/${rel}`;
      if (!copied.has(name) && !isTemporaryFile(rel)) pending.push(name);
    }
  }
  let bytes = 0;
  let done = 0;
  for (const name of pending) {
    try {
      const sum = await copyWithSha256(path.join(mediaDir, name), path.join(target, 'media', name));
      copied.set(name, sum);
      bytes += sum.bytes;
    } catch (error) {
      if (error.code !== 'ENOENT') throw error;
      // Removed since it was listed (a photo deleted, its derivatives collected): nothing to keep.
      vanished.push(name);
    }
    done++;
    progress.update(`media (${pass}): ${done}/${pending.length} files, ${formatBytes(bytes)}`);
  }
  progress.done(`media (${pass}): ${done} files, ${formatBytes(bytes)}`);
  return done;
}

async function backupSqlite(file) {
  if (!fs.existsSync(file)) fail(`The database ${file} does not exist (DATABASE_FILENAME).`);
  const source = await openDatabase(db, { readonly: true });
  const destination = path.join(target, DATABASE_FILES.sqlite);
  let restarts = 0;
  let lastRemaining = Infinity;
  try {
    await source.raw.backup(destination, {
      progress({ totalPages, remainingPages }) {
        // SQLite restarts a stepwise backup when another connection writes; after a few restarts, copy the rest
        // in one step (one read transaction: the CMS keeps writing meanwhile, WAL readers never block it).
        if (remainingPages > lastRemaining) restarts++;
        lastRemaining = remainingPages;
        const pct = totalPages ? Math.round((100 * (totalPages - remainingPages)) / totalPages) : 100;
        progress.update(`database: ${pct}% of ${totalPages} pages${restarts ? ` (restarted ${restarts}×: the CMS is writing)` : ''}`);
        return restarts >= 3 ? 0x7fffffff : 1024;
      },
    });
  } finally {
    await source.close();
  }
  const copy = await openDatabase({ client: 'sqlite', file: destination }, { readonly: false });
  let photos;
  try {
    // One self-contained file: no -wal beside it.
    copy.raw.pragma('journal_mode = DELETE');
    const check = copy.raw.pragma('integrity_check', { simple: true });
    if (check !== 'ok') fail(`The database copy fails SQLite's integrity check: ${check}`);
    photos = (await copy.query('SELECT COUNT(*) AS n FROM photos'))[0].n;
  } finally {
    await copy.close();
  }
  const bytes = fs.statSync(destination).size;
  progress.done(`database: ${formatBytes(bytes)}, ${photos} photo rows, integrity ok${restarts ? `, restarted ${restarts}×` : ''}`);
  return { client: 'sqlite', path: DATABASE_FILES.sqlite, bytes, sha256: await sha256File(destination), photoRows: Number(photos) };
}

async function backupPostgres() {
  const destination = path.join(target, DATABASE_FILES.postgres);
  const pgDump = process.env.PG_DUMP || 'pg_dump';
  // One transaction, one snapshot: pg_dump's copy is consistent while the CMS writes.
  const child = spawn(pgDump, ['--format=custom', '--no-owner', '--no-privileges', '--verbose', '--file', destination], {
    env: { ...process.env, ...libpqEnvironment(db) },
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  let tables = 0;
  let errors = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => {
    for (const line of chunk.split('\n')) {
      if (/dumping contents of table/.test(line)) progress.update(`database: ${++tables} tables dumped`);
      else if (/error|fatal/i.test(line)) errors += `${line}\n`;
    }
  });
  const code = await new Promise((resolve, reject) => {
    child.once('error', (error) => reject(error.code === 'ENOENT' ? new Error(`${pgDump} is not installed: apt-get install postgresql-client`) : error));
    child.once('exit', resolve);
  });
  if (code !== 0) fail(`pg_dump failed (exit ${code}):\n${errors}`);
  const bytes = fs.statSync(destination).size;
  progress.done(`database: pg_dump of ${db.database}, ${tables} tables, ${formatBytes(bytes)}`);
  return { client: 'postgres', path: DATABASE_FILES.postgres, format: 'custom', bytes, sha256: await sha256File(destination) };
}

/** The paths the database copy names that are not in the backup (none, unless files vanished mid-way). */
async function unbackedReferences(database) {
  if (database.client !== 'sqlite') return [];
  const copy = await openDatabase({ client: 'sqlite', file: path.join(target, database.path) });
  try {
    const names = new Set(await readLibraryPaths(copy));
    for (const photo of (await readPhotoMedia(copy)).photos) {
      for (const d of photo.derivatives ?? []) if (typeof d?.url === 'string') names.add(d.url.replace(/^\/media\//, ''));
    }
    return [...names].filter((name) => !copied.has(name)).sort();
  } finally {
    await copy.close();
  }
}

// With UPLOAD_PROVIDER=s3 the media lives in the bucket, not MEDIA_DIR: the bucket's versioning or replication keeps it
// (config/deploy/scaling.md), and this backup holds the database only.
const mediaInBucket = (process.env.UPLOAD_PROVIDER ?? '').toLowerCase() === 's3';
if (mediaInBucket) progress.note(`media is in the bucket ${process.env.S3_BUCKET ?? ''} (UPLOAD_PROVIDER=s3): this backup holds the database only`);
if (!mediaInBucket) await copyMedia('pass 1');
const database = db.client === 'sqlite' ? await backupSqlite(db.file) : await backupPostgres();
if (!mediaInBucket) await copyMedia('pass 2, files added meanwhile');
const missing = mediaInBucket ? [] : await unbackedReferences(database);
for (const name of missing) progress.note(`warning: the database names ${name}, which left MEDIA_DIR before it could be copied`);

const files = [
  { path: database.path, bytes: database.bytes, sha256: database.sha256 },
  ...[...copied.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, sum]) => ({ path: `media/${name}`, ...sum })),
];
const mediaBytes = files.slice(1).reduce((sum, f) => sum + f.bytes, 0);
writeManifest(target, {
  format: FORMAT,
  version: VERSION,
  startedAt: started.toISOString(),
  finishedAt: new Date().toISOString(),
  host: os.hostname(),
  database,
  media: { files: copied.size, bytes: mediaBytes, vanished, missing },
  files,
});
console.log(
  `Backed up to ${target}: database ${formatBytes(database.bytes)} (${database.client}), ${copied.size} media files (${formatBytes(mediaBytes)}) in ${((Date.now() - started.getTime()) / 1000).toFixed(1)} s.`,
);
if (missing.length) {
  console.log(`${missing.length} files the database names were deleted while the backup ran; npm run fsck after a restore lists them.`);
  process.exitCode = 1;
}
