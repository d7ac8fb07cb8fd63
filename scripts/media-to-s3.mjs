// `npm run media:to-s3 [-- --dry-run] [--files-only] [--concurrency N]`: moves the media of a site that kept it on
// disk (MEDIA_DIR) into the S3-compatible bucket that UPLOAD_PROVIDER=s3 and the S3_* settings name.
//
// 1. Copies every file under MEDIA_DIR/uploads and MEDIA_DIR/derivatives to the same path under S3_PREFIX in the
//    bucket (content type from the name, derivatives cached as immutable). An object already there with the same
//    size is skipped, so a run that was cut short is finished by running it again.
// 2. Points the media library at the bucket: each `files` row of the local provider whose original (and Strapi's
//    thumbnail of it) is now in the bucket gets its URL at S3_PUBLIC_URL and the provider `aws-s3`, so the CMS
//    reads, replaces and deletes it there. Photos' `derivatives` need no change: their URL is the site path
//    /media/derivatives/…, which the site maps onto the bucket.
// Nothing is deleted from MEDIA_DIR: remove it yourself once the site runs from the bucket.
//
// Run step 1 with --files-only while the site still runs (the bulk of the bytes), then stop the CMS, run it again
// without --files-only (the few new files, then the database), and start the CMS with UPLOAD_PROVIDER=s3.
// Progress on stderr; a summary on stdout. Exit status 0 when everything is in the bucket, 1 when files named in the
// database were missing from MEDIA_DIR (their rows are left as they were), 2 when it could not start.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { parseArgs } from './lib/args.mjs';
import { loadEnv, fromRoot, repoRoot } from './lib/env.mjs';
import { databaseSettings, openDatabase } from './lib/database.mjs';
import { isTemporaryFile, listFiles } from './lib/files.mjs';
import { createProgress, formatBytes } from './lib/progress.mjs';
import { mediaRelPath, parseJson } from './lib/photo-media.mjs';

const USAGE = 'Usage: npm run media:to-s3 -- [--dry-run] [--files-only] [--concurrency N]';
const CONTENT_TYPES = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.jpe': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
  '.heic': 'image/heic',
  '.heif': 'image/heif',
};
const IMMUTABLE = 'public, max-age=31536000, immutable';

function fail(message) {
  console.error(message);
  process.exit(2);
}

let args;
try {
  args = parseArgs(process.argv.slice(2), { flags: ['dry-run', 'files-only', 'help'] });
} catch (error) {
  fail(`${error.message}\n${USAGE}`);
}
const { options } = args;
if (options.help) {
  console.error(USAGE);
  process.exit(0);
}
const concurrency = Number(options.concurrency ?? 4);
if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32) fail('--concurrency needs a whole number from 1 to 32');

loadEnv();
const storageEntry = path.join(repoRoot, 'cms', 'dist', 'src', 'media', 'object-storage.js');
if (!fs.existsSync(storageEntry)) fail('cms/dist is missing: run npm run build first (this command uses the CMS\'s object-storage settings).');
const requireHere = createRequire(import.meta.url);
const storage = requireHere(storageEntry);
const s3 = createRequire(storageEntry)('@aws-sdk/client-s3');

let settings;
try {
  settings = storage.readObjectStorageSettings(process.env);
} catch (error) {
  fail(error.message);
}
if (settings === null) fail('Set UPLOAD_PROVIDER=s3 and the S3_* settings (see config/.env.example) first: they name the bucket to copy to.');

const mediaDir = fromRoot(process.env.MEDIA_DIR);
const client = storage.createS3Client(settings);
const progress = createProgress('media:to-s3');
const publicUrlOf = (rel) => `${settings.publicUrl}/${storage.objectKey(settings, rel)}`;

/** Every object of this site in the bucket: key → size. */
async function bucketObjects() {
  const objects = new Map();
  let ContinuationToken;
  do {
    const page = await client.send(new s3.ListObjectsV2Command({ Bucket: settings.bucket, Prefix: settings.prefix || undefined, ContinuationToken }));
    for (const object of page.Contents ?? []) objects.set(object.Key, object.Size ?? 0);
    ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    progress.update(`listing the bucket: ${objects.size} objects`);
  } while (ContinuationToken);
  return objects;
}

/** The media files on disk, as paths relative to MEDIA_DIR, with their sizes. */
async function localFiles() {
  const files = [];
  for (const folder of ['uploads', 'derivatives']) {
    for (const rel of await listFiles(path.join(mediaDir, folder))) {
      if (isTemporaryFile(rel)) continue;
      files.push({ rel: `${folder}/${rel}`, size: fs.statSync(path.join(mediaDir, folder, rel)).size });
    }
  }
  return files;
}

async function upload({ rel, size }) {
  await client.send(
    new s3.PutObjectCommand({
      Bucket: settings.bucket,
      Key: storage.objectKey(settings, rel),
      Body: fs.createReadStream(path.join(mediaDir, rel)),
      ContentLength: size,
      ContentType: CONTENT_TYPES[path.extname(rel).toLowerCase()] ?? 'application/octet-stream',
      ...(rel.startsWith('derivatives/') ? { CacheControl: IMMUTABLE } : {}),
      ...(settings.acl !== null ? { ACL: settings.acl } : {}),
    }),
  );
}

/** Copies what the bucket lacks, `concurrency` files at a time. */
async function copyFiles(todo, objects) {
  const totalBytes = todo.reduce((sum, file) => sum + file.size, 0);
  let files = 0;
  let bytes = 0;
  const queue = [...todo];
  const worker = async () => {
    for (let file = queue.shift(); file; file = queue.shift()) {
      await upload(file);
      objects.set(storage.objectKey(settings, file.rel), file.size);
      files += 1;
      bytes += file.size;
      progress.update(`copying: ${files}/${todo.length} files, ${formatBytes(bytes)} of ${formatBytes(totalBytes)}`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, todo.length) }, worker));
  progress.done(`copied: ${files} files, ${formatBytes(bytes)}`);
}

/** Moves the local provider's `files` rows onto the bucket; returns { moved, missing }. */
async function moveLibraryRows(objects, dryRun) {
  const db = await openDatabase(databaseSettings(), { readonly: dryRun });
  const moved = [];
  const missing = [];
  try {
    const rows = await db.query("SELECT id, name, url, formats FROM files WHERE provider = 'local' ORDER BY id");
    for (const row of rows) {
      const formats = parseJson(row.formats);
      const rels = [row.url, ...Object.values(formats ?? {}).map((format) => format?.url)].map(mediaRelPath);
      const absent = rels.filter((rel) => rel === null || !objects.has(storage.objectKey(settings, rel)));
      if (formats === undefined || absent.length > 0) {
        missing.push({ id: Number(row.id), name: row.name, url: row.url, absent: absent.map((rel) => rel ?? '(a URL outside MEDIA_DIR)') });
        continue;
      }
      const url = publicUrlOf(mediaRelPath(row.url));
      const newFormats = formats === null ? null : Object.fromEntries(Object.entries(formats).map(([name, format]) => [name, { ...format, url: publicUrlOf(mediaRelPath(format.url)) }]));
      if (!dryRun) {
        await db.run("UPDATE files SET url = ?, provider = 'aws-s3', formats = ? WHERE id = ? AND provider = 'local'", [
          url,
          newFormats === null ? null : JSON.stringify(newFormats),
          row.id,
        ]);
      }
      moved.push({ id: Number(row.id), name: row.name, url });
      progress.update(`media library: ${moved.length}/${rows.length} files`);
    }
    progress.done(`media library: ${moved.length} files ${dryRun ? 'would point' : 'point'} at the bucket, ${missing.length} left as they were`);
  } finally {
    await db.close();
  }
  return { moved, missing };
}

const dryRun = Boolean(options['dry-run']);
try {
  const objects = await bucketObjects();
  const files = await localFiles();
  const todo = files.filter((file) => objects.get(storage.objectKey(settings, file.rel)) !== file.size);
  progress.done(`${files.length} files in ${mediaDir}, ${files.length - todo.length} already in s3://${settings.bucket}/${settings.prefix}, ${todo.length} to copy`);
  if (dryRun) for (const file of todo) objects.set(storage.objectKey(settings, file.rel), file.size);
  else await copyFiles(todo, objects);
  const library = options['files-only'] ? null : await moveLibraryRows(objects, dryRun);

  const summary = {
    bucket: settings.bucket,
    prefix: settings.prefix,
    dryRun,
    files: files.length,
    copied: dryRun ? 0 : todo.length,
    toCopy: dryRun ? todo.length : 0,
    libraryFilesMoved: library?.moved.length ?? 0,
    missing: library?.missing ?? [],
  };
  console.log(JSON.stringify(summary, null, 2));
  for (const file of summary.missing) progress.note(`not moved: file ${file.id} "${file.name}": ${file.absent.join(', ')} not in MEDIA_DIR or the bucket`);
  process.exit(summary.missing.length > 0 ? 1 : 0);
} catch (error) {
  fail(`media:to-s3 failed: ${error.message}`);
}
