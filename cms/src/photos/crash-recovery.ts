import fs from 'node:fs/promises';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { isSha256 } from '@plumage/shared';
import { derivativesRoot } from '../pipeline/media-paths';
import { mediaDir } from '../lib/paths';
import { removeUnreferencedDerivatives } from './derivative-gc';

const PHOTO = 'api::photo.photo';
const FILE = 'plugin::upload.file';
const FOLDER = 'plugin::upload.folder';

/**
 * The media-library folder an ingest's original sits in until its photo exists. A CMS killed between the two (kill -9,
 * power loss) leaves the file there, so the next start can tell it from the files the owner keeps in the library.
 */
export const INGEST_FOLDER_NAME = 'Ingest in progress';

let ingestFolder: Promise<number> | null = null;

/** The id of the ingest folder, made on first use (one creation even when ingests arrive together). */
export function ingestFolderId(strapi: Core.Strapi): Promise<number> {
  ingestFolder ??= (async () => {
    const folders = strapi.plugin('upload').service('folder');
    const found = await strapi.db.query(FOLDER).findOne({ where: { name: INGEST_FOLDER_NAME, parent: null }, select: ['id'] });
    return (found ?? (await folders.create({ name: INGEST_FOLDER_NAME }))).id as number;
  })().catch((error) => {
    ingestFolder = null;
    throw error;
  });
  return ingestFolder;
}

/** Forgets the cached folder (a new Strapi instance in the same process, as tests make). */
export function resetIngestFolder(): void {
  ingestFolder = null;
}

/** The photo exists: its original leaves the ingest folder for the library's root, where uploads go. */
export async function releaseIngestFile(strapi: Core.Strapi, fileId: number): Promise<void> {
  await strapi.db.query(FILE).update({ where: { id: fileId }, data: { folder: null, folderPath: '/' } });
}

/**
 * What a crash in the middle of an upload leaves, removed before the CMS serves: originals of ingests whose photo was
 * never made (kept, moved to the library's root, when the photo was made after all), and derivative folders that no
 * photo names (written by the pipeline before its row). Runs from bootstrap, when this process has nothing in flight;
 * `PLUMAGE_SKIP_RECOVERY=1` skips it in processes that load Strapi beside a running CMS (token:create, admin:create),
 * whose uploads in flight are not theirs to judge.
 */
export async function recoverInterruptedUploads(strapi: Core.Strapi): Promise<{ files: number; derivatives: number }> {
  if (process.env.PLUMAGE_SKIP_RECOVERY === '1') return { files: 0, derivatives: 0 };
  let files = 0;
  const folder = await strapi.db.query(FOLDER).findOne({ where: { name: INGEST_FOLDER_NAME, parent: null }, select: ['id'] });
  if (folder) {
    const upload = strapi.plugin('upload').service('upload');
    const stranded = await strapi.db.query(FILE).findMany({ where: { folder: { id: folder.id } } });
    for (const file of stranded) {
      const used = await strapi.db.query(PHOTO).count({ where: { image: { id: file.id } } });
      if (used > 0) await releaseIngestFile(strapi, file.id);
      else {
        await upload.remove(file);
        files++;
      }
    }
  }
  const root = derivativesRoot(mediaDir());
  const candidates: string[] = [];
  for (const prefix of await fs.readdir(root).catch(() => [] as string[])) {
    for (const sha256 of await fs.readdir(path.join(root, prefix)).catch(() => [] as string[])) if (isSha256(sha256)) candidates.push(sha256);
  }
  // One query for every hash in use (a count per folder would take minutes on a large collection).
  const rows: Array<{ sha256: string | null }> = await strapi.db.query(PHOTO).findMany({ select: ['sha256'] });
  const named = new Set(rows.map((row) => row.sha256));
  const removed = await removeUnreferencedDerivatives(
    strapi,
    candidates.filter((sha256) => !named.has(sha256)),
  );
  if (files || removed.length) strapi.log.warn(`Removed what an interrupted upload left: ${files} originals without a photo, ${removed.length} derivative folders without a photo.`);
  return { files, derivatives: removed.length };
}
