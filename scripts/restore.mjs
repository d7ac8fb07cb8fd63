// `npm run restore -- DIR [--force]`: puts a backup made by `npm run backup` back where the settings say
// (DATABASE_FILENAME or the PostgreSQL database, and MEDIA_DIR), checking the sha256 of every file against the
// manifest. Refuses a database or media folder that already holds something unless --force (which first empties
// them, and refuses while a CMS answers on STRAPI_URL). Start the CMS afterwards: it opens the restored data as is.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from './lib/args.mjs';
import { loadEnv } from './lib/env.mjs';
import { MEDIA_FOLDERS, isEmptyFolder, readManifest, userPath } from './lib/backup-layout.mjs';
import { databaseSettings, libpqEnvironment, openDatabase } from './lib/database.mjs';
import { copyWithSha256, sha256File } from './lib/files.mjs';
import { createProgress, formatBytes } from './lib/progress.mjs';

const { options, positional } = parseArgs(process.argv.slice(2), { flags: ['force'] });
if (positional.length !== 1) {
  console.error('Usage: npm run restore -- DIR [--force]   (DIR: a folder made by npm run backup)');
  process.exit(2);
}
loadEnv();
const source = userPath(positional[0]);
const mediaDir = path.resolve(process.env.PLUMAGE_ROOT, process.env.MEDIA_DIR);
const db = databaseSettings(process.env);
const progress = createProgress('restore');

function fail(message) {
  console.error(message);
  process.exit(1);
}

let manifest;
try {
  manifest = readManifest(source);
} catch (error) {
  fail(error.message);
}
if (manifest.database.client !== db.client) {
  fail(`The backup holds a ${manifest.database.client} database but DATABASE_CLIENT is ${db.client}; restore it with the same client.`);
}
const sqliteFiles = db.client === 'sqlite' ? ['', '-wal', '-shm', '-journal'].map((suffix) => `${db.file}${suffix}`) : [];

async function databaseHoldsData() {
  if (db.client === 'sqlite') return sqliteFiles.some((file) => fs.existsSync(file) && fs.statSync(file).size > 0);
  const conn = await openDatabase(db);
  try {
    const [{ n }] = await conn.query('SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = ?', [db.schema]);
    return Number(n) > 0;
  } finally {
    await conn.close();
  }
}

async function cmsAnswers() {
  try {
    const res = await fetch(`${process.env.STRAPI_URL}/_health`, { signal: AbortSignal.timeout(1500) });
    return res.status < 500;
  } catch {
    return false;
  }
}

const occupied = [];
if (await databaseHoldsData()) occupied.push(db.client === 'sqlite' ? `the database ${db.file}` : `the database ${db.database}`);
for (const folder of MEDIA_FOLDERS) if (!isEmptyFolder(path.join(mediaDir, folder))) occupied.push(`${path.join(mediaDir, folder)}`);
if (occupied.length && !options.force) {
  fail(`Not restoring over existing data: ${occupied.join(', ')} already hold something. Restore into an empty data directory, or add --force to replace it.`);
}
if (occupied.length) {
  if (await cmsAnswers()) fail(`A CMS answers on ${process.env.STRAPI_URL}: stop it first (pm2 stop plumage-cms), then restore.`);
  progress.note(`--force: emptying ${occupied.join(', ')}`);
  for (const file of sqliteFiles) fs.rmSync(file, { force: true });
  for (const folder of MEDIA_FOLDERS) fs.rmSync(path.join(mediaDir, folder), { recursive: true, force: true });
}

// Media first, the database last: a database that refers to files appears only once they are all in place.
const bad = [];
const mediaFiles = manifest.files.filter((f) => f.path.startsWith('media/'));
let done = 0;
let bytes = 0;
for (const file of mediaFiles) {
  const rel = path.posix.normalize(file.path.slice('media/'.length));
  if (rel.startsWith('..') || path.isAbsolute(rel)) fail(`The manifest names ${file.path}, outside the media folder.`);
  const sum = await copyWithSha256(path.join(source, file.path), path.join(mediaDir, rel));
  if (sum.sha256 !== file.sha256 || sum.bytes !== file.bytes) bad.push(file.path);
  bytes += sum.bytes;
  progress.update(`media: ${++done}/${mediaFiles.length} files, ${formatBytes(bytes)} (sums checked)`);
}
for (const folder of MEDIA_FOLDERS) fs.mkdirSync(path.join(mediaDir, folder), { recursive: true });
progress.done(`media: ${done} files, ${formatBytes(bytes)}, ${bad.length ? `${bad.length} DAMAGED` : 'every sum matches'}`);

const dump = path.join(source, manifest.database.path);
const dumpSum = await sha256File(dump);
if (dumpSum !== manifest.database.sha256) fail(`The database file ${dump} does not match its sum in the manifest: the backup is damaged; nothing was written to the database.`);

if (db.client === 'sqlite') {
  fs.mkdirSync(path.dirname(db.file), { recursive: true });
  const sum = await copyWithSha256(dump, db.file);
  if (sum.sha256 !== manifest.database.sha256) fail(`The restored database ${db.file} does not match the manifest.`);
  const restored = await openDatabase(db, { readonly: false });
  try {
    const check = restored.raw.pragma('integrity_check', { simple: true });
    if (check !== 'ok') fail(`The restored database fails SQLite's integrity check: ${check}`);
    // The CMS's own setting, so that the first start does not have to switch it.
    restored.raw.pragma('journal_mode = WAL');
  } finally {
    await restored.close();
  }
  progress.done(`database: ${db.file}, ${formatBytes(sum.bytes)}, integrity ok`);
} else {
  const pgRestore = process.env.PG_RESTORE || 'pg_restore';
  const args = ['--no-owner', '--no-privileges', '--exit-on-error', '--verbose', '--dbname', db.database];
  if (options.force) args.push('--clean', '--if-exists');
  const child = spawn(pgRestore, [...args, dump], { env: { ...process.env, ...libpqEnvironment(db) }, stdio: ['ignore', 'inherit', 'pipe'] });
  let steps = 0;
  let errors = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => {
    for (const line of chunk.split('\n')) {
      if (/processing data for table|creating/i.test(line)) progress.update(`database: ${++steps} steps`);
      if (/error/i.test(line)) errors += `${line}\n`;
    }
  });
  const code = await new Promise((resolve, reject) => {
    child.once('error', (error) => reject(error.code === 'ENOENT' ? new Error(`${pgRestore} is not installed: apt-get install postgresql-client`) : error));
    child.once('exit', resolve);
  });
  if (code !== 0) fail(`pg_restore failed (exit ${code}):\n${errors}`);
  progress.done(`database: ${db.database} restored (${steps} steps)`);
}

if (bad.length) {
  console.error(`${bad.length} media files do not match their sums in the manifest (the backup is damaged):\n  ${bad.join('\n  ')}`);
  console.error('Run npm run fsck to see which photos they belong to; npm run fsck -- --repair makes derivatives again from intact originals.');
  process.exit(1);
}
console.log(`Restored ${source} (backup of ${manifest.finishedAt}): ${done} media files and the ${db.client} database; every sum matches.`);
