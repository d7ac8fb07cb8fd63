// What a backup folder holds, shared by `npm run backup` and `npm run restore`:
//   DIR/manifest.json              written last: its presence means the backup is complete
//   DIR/database/plumage.db        SQLite (an online copy through SQLite's backup API, one file, no -wal)
//   DIR/database/plumage.pgdump    or PostgreSQL (pg_dump --format=custom)
//   DIR/media/uploads/…            originals as the media library stores them
//   DIR/media/derivatives/…        derivatives
import fs from 'node:fs';
import path from 'node:path';

export const MANIFEST = 'manifest.json';
export const FORMAT = 'plumage-backup';
export const VERSION = 1;
export const MEDIA_FOLDERS = ['uploads', 'derivatives'];
export const DATABASE_FILES = { sqlite: 'database/plumage.db', postgres: 'database/plumage.pgdump' };

/** A path given on the command line: relative to where the user typed it (npm runs scripts from the repository root). */
export function userPath(given) {
  return path.resolve(process.env.INIT_CWD || process.cwd(), given);
}

/** Whether a folder is absent or holds nothing (empty subfolders count as nothing). */
export function isEmptyFolder(dir) {
  if (!fs.existsSync(dir)) return true;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || !isEmptyFolder(path.join(dir, entry.name))) return false;
  }
  return true;
}

export function readManifest(dir) {
  const file = path.join(dir, MANIFEST);
  if (!fs.existsSync(file)) throw new Error(`${dir} holds no ${MANIFEST}: not a Plumage backup, or one that did not finish.`);
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (manifest.format !== FORMAT || manifest.version !== VERSION) {
    throw new Error(`${file} is not a ${FORMAT} version ${VERSION} manifest.`);
  }
  return manifest;
}

export function writeManifest(dir, manifest) {
  const file = path.join(dir, MANIFEST);
  fs.writeFileSync(`${file}.partial`, `${JSON.stringify(manifest, null, 2)}\n`);
  fs.renameSync(`${file}.partial`, file);
}
