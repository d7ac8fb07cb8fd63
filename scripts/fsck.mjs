// `npm run fsck [-- --repair] [--deep] [--min-age MINUTES] [--json]`: checks that every photo's files are on disk
// and that MEDIA_DIR/derivatives holds nothing no photo names.
//
// It reads the database directly (SQLite file or PostgreSQL, as the settings say; no Strapi started, a few MB of
// memory) and may run while the site runs. Finds:
//   - photos whose original is missing (cannot be repaired here: restore it from a backup),
//   - photos whose derivatives are missing, of the wrong size, or not listed at all,
//   - files under MEDIA_DIR/derivatives that no photo row (draft or published) lists,
//   - with --deep, originals whose sha256 is no longer the photo's (bit rot, replaced by hand),
//   - files under MEDIA_DIR/uploads that the media library does not know (reported only).
// --repair makes the missing derivatives again with the CMS's pipeline (cms/dist/src/pipeline: makeDerivatives),
// updating a photo's `derivatives` list when it changes, and removes unreferenced derivative files older than
// --min-age minutes (default 10: an upload in progress writes its derivatives before its photo row exists).
// Exit status: 0 when nothing is wrong (or everything was repaired), 1 otherwise.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { parseArgs } from './lib/args.mjs';
import { loadEnv, repoRoot } from './lib/env.mjs';
import { databaseSettings, openDatabase } from './lib/database.mjs';
import { isTemporaryFile, listFiles, sha256File } from './lib/files.mjs';
import { createProgress } from './lib/progress.mjs';
import { mediaRelPath, readLibraryPaths, readPhotoMedia } from './lib/photo-media.mjs';

const { options } = parseArgs(process.argv.slice(2), { flags: ['repair', 'deep', 'json', 'help'] });
if (options.help) {
  console.error('Usage: npm run fsck -- [--repair] [--deep] [--min-age MINUTES] [--json]');
  process.exit(0);
}
const minAgeMs = Number(options['min-age'] ?? 10) * 60_000;
if (!Number.isFinite(minAgeMs) || minAgeMs < 0) {
  console.error('--min-age needs a number of minutes');
  process.exit(2);
}
loadEnv();
if ((process.env.UPLOAD_PROVIDER ?? '').toLowerCase() === 's3') {
  console.error('fsck checks the files under MEDIA_DIR; with UPLOAD_PROVIDER=s3 the media is in the bucket, which it does not read yet.');
  process.exit(2);
}
const mediaDir = path.resolve(process.env.PLUMAGE_ROOT, process.env.MEDIA_DIR);
const progress = createProgress('fsck');
/** Kinds that are reported but are not errors: nothing for fsck to do about them. */
const INFORMATIONAL = new Set(['unknown-upload', 'missing-library-format', 'recent-derivative']);
/** Kinds that --repair fixes (when the original is intact). */
const REPAIRABLE = new Set(['no-derivatives', 'bad-derivative-url', 'missing-derivative', 'damaged-derivative', 'unreferenced-derivative']);

function statOf(rel) {
  try {
    return fs.statSync(path.join(mediaDir, rel));
  } catch {
    return null;
  }
}

const isOwnDerivative = (rel, sha256) => typeof rel === 'string' && rel.startsWith(`derivatives/${sha256.slice(0, 2)}/${sha256}/`);

/** One pass over the database and the media folder; reads only. */
async function check(db, { deep }) {
  const problems = [];
  const report = (kind, detail) => problems.push({ kind, ...detail });
  const { photos, shaColumn } = await readPhotoMedia(db);
  const library = await readLibraryPaths(db);
  // A draft and its published version share one sha256, one original and one set of derivatives.
  const bySha = new Map();
  const referenced = new Set();
  const needsDerivatives = new Set();
  let checked = 0;
  for (const photo of photos) {
    progress.update(`photos: ${++checked}/${photos.length}`);
    const where = { photo: photo.id, documentId: photo.documentId, published: photo.published };
    if (!/^[0-9a-f]{64}$/.test(photo.sha256 ?? '')) {
      report('no-sha256', { ...where, detail: 'the photo has no sha256: the pipeline never ran on it' });
      continue;
    }
    if (!bySha.has(photo.sha256)) bySha.set(photo.sha256, []);
    bySha.get(photo.sha256).push(photo);
    if (!photo.image) report('no-image', { ...where, detail: 'no image is linked to the photo' });
    else if (photo.image.provider !== 'local') report('not-local', { ...where, detail: `the original is stored by "${photo.image.provider}"` });
    else if (!photo.image.path || !statOf(photo.image.path)) report('missing-original', { ...where, file: photo.image.path ?? photo.image.url, detail: 'cannot be made again: restore it from a backup' });
    for (const format of photo.image?.formats ?? []) {
      if (format.path && !statOf(format.path)) report('missing-library-format', { ...where, file: format.path, detail: `Strapi's ${format.name} preview of the original` });
    }
    if (photo.derivatives === undefined || photo.derivatives.length === 0) {
      report('no-derivatives', { ...where, detail: photo.derivatives === undefined ? 'the derivatives column is not JSON' : 'no derivatives are listed' });
      needsDerivatives.add(photo.sha256);
      continue;
    }
    for (const d of photo.derivatives) {
      const rel = mediaRelPath(d?.url);
      if (!isOwnDerivative(rel, photo.sha256)) {
        report('bad-derivative-url', { ...where, file: d?.url ?? null, detail: "not a derivative of this photo's original" });
        needsDerivatives.add(photo.sha256);
        continue;
      }
      referenced.add(rel);
      const stat = statOf(rel);
      if (!stat) {
        report('missing-derivative', { ...where, file: rel });
        needsDerivatives.add(photo.sha256);
      } else if (Number.isInteger(d.bytes) && d.bytes > 0 && stat.size !== d.bytes) {
        report('damaged-derivative', { ...where, file: rel, detail: `${stat.size} bytes on disk, ${d.bytes} listed` });
        needsDerivatives.add(photo.sha256);
      }
    }
  }
  progress.done(`photos: ${photos.length} rows, ${bySha.size} originals`);

  if (deep) {
    let hashed = 0;
    for (const [sha256, rows] of bySha) {
      progress.update(`hashing originals: ${++hashed}/${bySha.size}`);
      const rel = rows[0].image?.path;
      if (!rel || !statOf(rel)) continue;
      const actual = await sha256File(path.join(mediaDir, rel));
      if (actual !== sha256) report('original-changed', { photo: rows[0].id, documentId: rows[0].documentId, file: rel, detail: `its sha256 is now ${actual}` });
    }
    progress.done(`hashing originals: ${bySha.size} checked`);
  }

  const derivativeFiles = (await listFiles(path.join(mediaDir, 'derivatives'))).map((rel) => `derivatives/${rel}`);
  const now = Date.now();
  const unreferenced = [];
  for (const rel of derivativeFiles) {
    if (referenced.has(rel)) continue;
    const stat = statOf(rel);
    if (!stat) continue;
    if (now - stat.mtimeMs < minAgeMs) report('recent-derivative', { file: rel, detail: `unreferenced but younger than ${minAgeMs / 60000} min (an upload in progress?): kept` });
    else {
      report('unreferenced-derivative', { file: rel, detail: isTemporaryFile(rel) ? 'a leftover temporary file' : undefined });
      unreferenced.push(rel);
    }
  }
  for (const rel of (await listFiles(path.join(mediaDir, 'uploads'))).map((r) => `uploads/${r}`)) {
    if (!library.has(rel)) report('unknown-upload', { file: rel, detail: 'not in the media library (reported only, never removed)' });
  }
  progress.done(`derivatives: ${derivativeFiles.length} files, ${unreferenced.length} unreferenced`);
  return { photos, shaColumn, bySha, needsDerivatives, unreferenced, derivativeFiles, problems };
}

/** Makes the missing derivatives again and removes the unreferenced ones; returns what it did. */
async function repair(db, found) {
  const done = [];
  if (found.needsDerivatives.size) {
    const pipelineEntry = path.join(repoRoot, 'cms', 'dist', 'src', 'pipeline', 'index.js');
    if (!fs.existsSync(pipelineEntry)) throw new Error('cms/dist is missing: run npm run build first (fsck --repair uses the CMS pipeline).');
    const pipeline = createRequire(import.meta.url)(pipelineEntry);
    // One image at a time, no sharp cache: the CMS's own memory settings (a 1 GB host runs both).
    pipeline.configureSharp();
    let n = 0;
    for (const sha256 of found.needsDerivatives) {
      progress.update(`re-deriving: ${++n}/${found.needsDerivatives.size}`);
      const rows = found.bySha.get(sha256) ?? [];
      const rel = rows.find((p) => p.image?.path)?.image.path;
      if (!rel || !statOf(rel)) continue;
      // Never derive from an original that is no longer the photo's image (bit rot, replaced by hand).
      const actual = await sha256File(path.join(mediaDir, rel));
      if (actual !== sha256) {
        done.push({ kind: 'skipped-changed-original', sha256, file: rel });
        continue;
      }
      // A file of the wrong size would count as made: remove it first (each new file is written atomically).
      for (const photo of rows) {
        for (const d of photo.derivatives ?? []) {
          const file = mediaRelPath(d?.url);
          const stat = isOwnDerivative(file, sha256) ? statOf(file) : null;
          if (stat && Number.isInteger(d.bytes) && stat.size !== d.bytes) fs.rmSync(path.join(mediaDir, file));
        }
      }
      const derivatives = await pipeline.makeDerivatives(path.join(mediaDir, rel), { sha256, mediaDir });
      const json = JSON.stringify(derivatives);
      let rowsUpdated = 0;
      for (const photo of rows) {
        if (JSON.stringify(photo.derivatives ?? null) !== json) rowsUpdated += await db.run('UPDATE photos SET derivatives = ? WHERE id = ?', [json, photo.id]);
      }
      done.push({ kind: 'derivatives-made', sha256, files: derivatives.length, rowsUpdated });
    }
    progress.done(`re-deriving: ${found.needsDerivatives.size} originals`);
  }
  if (found.unreferenced.length) {
    const root = path.join(mediaDir, 'derivatives');
    for (const rel of found.unreferenced) {
      fs.rmSync(path.join(mediaDir, rel), { force: true });
      for (let dir = path.dirname(path.join(mediaDir, rel)); dir !== root && dir.startsWith(root); dir = path.dirname(dir)) {
        try {
          fs.rmdirSync(dir);
        } catch {
          break;
        }
      }
    }
    done.push({ kind: 'unreferenced-removed', files: found.unreferenced.length });
    progress.done(`unreferenced derivatives: ${found.unreferenced.length} removed`);
  }
  return done;
}

function describe(p) {
  const who = p.photo ? ` photo ${p.photo} (${p.documentId}, ${p.published ? 'published' : 'draft'})` : '';
  return `  - ${p.kind}${who}${p.file ? ` ${p.file}` : ''}${p.detail ? `: ${p.detail}` : ''}`;
}

const db = await openDatabase(databaseSettings(process.env), { readonly: !options.repair });
let found;
let repaired = [];
let remaining;
try {
  found = await check(db, { deep: Boolean(options.deep) });
  remaining = found.problems;
  if (options.repair && found.problems.some((p) => !INFORMATIONAL.has(p.kind))) {
    repaired = await repair(db, found);
    progress.note('checking again after the repair');
    remaining = (await check(db, { deep: false })).problems;
    // --deep findings are not repaired: keep them.
    remaining.push(...found.problems.filter((p) => p.kind === 'original-changed'));
  }
} finally {
  await db.close();
}

const errors = remaining.filter((p) => !INFORMATIONAL.has(p.kind));
const counts = {};
for (const p of found.problems) counts[p.kind] = (counts[p.kind] ?? 0) + 1;
if (options.json) {
  console.log(JSON.stringify({ mediaDir, shaColumn: found.shaColumn, photoRows: found.photos.length, originals: found.bySha.size, derivativeFiles: found.derivativeFiles.length, counts, problems: found.problems, repaired, remaining }, null, 2));
} else {
  console.log(`Checked ${found.photos.length} photo rows (${found.bySha.size} originals) and ${found.derivativeFiles.length} derivative files in ${mediaDir}.`);
  if (found.problems.length === 0) console.log('Everything is in place.');
  for (const [kind, n] of Object.entries(counts)) console.log(`  ${kind}: ${n}${INFORMATIONAL.has(kind) ? ' (for information)' : ''}`);
  for (const p of found.problems.slice(0, 50)) console.log(describe(p));
  if (found.problems.length > 50) console.log(`  … and ${found.problems.length - 50} more (--json lists them all)`);
  for (const r of repaired) {
    if (r.kind === 'derivatives-made') console.log(`Repaired: ${r.files} derivatives of ${r.sha256} made (${r.rowsUpdated} rows updated)`);
    else if (r.kind === 'unreferenced-removed') console.log(`Repaired: ${r.files} unreferenced derivative files removed`);
    else console.log(`Not repaired: ${r.file} is no longer the original of ${r.sha256} (its sha256 differs): restore it from a backup`);
  }
  if (options.repair && repaired.length) console.log(errors.length ? `${errors.length} problems remain:\n${errors.map(describe).join('\n')}` : 'Repaired: everything is in place now.');
  else if (errors.some((p) => REPAIRABLE.has(p.kind))) console.log('Run npm run fsck -- --repair to make missing derivatives again and remove unreferenced ones.');
}
process.exitCode = errors.length ? 1 : 0;
