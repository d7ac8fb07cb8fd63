import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { downloadObject, objectStorage } from '../media/media-store';
import { isMissingObject } from '../media/s3-derivative-store';

export interface UploadFileRow {
  id: number;
  name: string;
  url: string;
  mime: string | null;
  provider: string;
}

const FILE = 'plugin::upload.file';

export async function loadUploadFile(strapi: Core.Strapi, id: number): Promise<UploadFileRow> {
  const row = await strapi.db.query(FILE).findOne({ where: { id }, select: ['id', 'name', 'url', 'mime', 'provider'] });
  if (!row) throw new errors.ValidationError(`The image (file ${id}) does not exist in the media library; upload it first.`);
  if (!String(row.mime ?? '').startsWith('image/')) {
    throw new errors.ValidationError(`"${row.name}" is not an image; a photo needs a JPEG, PNG, WebP, AVIF or TIFF file.`);
  }
  return row as UploadFileRow;
}

/**
 * Where the original's bytes are on disk (`withOriginalFile` also reaches a bucket). The local provider keeps them under the public
 * directory (MEDIA_DIR) at the file's URL; the URL is checked to stay inside it.
 */
export function originalPath(strapi: Core.Strapi, file: UploadFileRow): string {
  if (file.provider !== 'local') {
    throw new errors.ApplicationError(`The photo pipeline reads originals from the local provider only; "${file.name}" is stored by "${file.provider}".`);
  }
  const publicDir = path.resolve(strapi.dirs.static.public);
  const urlPath = decodeURIComponent(file.url.split('?')[0] ?? '');
  const resolved = path.resolve(publicDir, `.${urlPath}`);
  if (!resolved.startsWith(publicDir + path.sep)) {
    throw new errors.ApplicationError(`The stored URL of "${file.name}" points outside the media folder.`);
  }
  return resolved;
}

/**
 * The key of an original the S3 provider stored: its URL is `S3_PUBLIC_URL/<key>`. Null when the URL is not in
 * this bucket (a file uploaded with other settings).
 */
export function originalKey(publicUrl: string, file: Pick<UploadFileRow, 'url'>): string | null {
  const base = `${publicUrl}/`;
  if (!file.url.startsWith(base)) return null;
  const key = decodeURIComponent(file.url.slice(base.length).split('?')[0] ?? '');
  return key === '' || key.split('/').includes('..') ? null : key;
}

/**
 * Runs `use` with the original's bytes in a local file: the file itself under MEDIA_DIR, or, when the original is
 * in the bucket, a private temporary copy that is removed afterwards (sharp and the hash read a file).
 */
export async function withOriginalFile<T>(strapi: Core.Strapi, file: UploadFileRow, use: (filePath: string) => Promise<T>): Promise<T> {
  if (file.provider === 'local') return use(originalPath(strapi, file));
  const storage = objectStorage();
  const key = storage !== null && file.provider === 'aws-s3' ? originalKey(storage.settings.publicUrl, file) : null;
  if (storage === null || key === null) {
    throw new errors.ApplicationError(
      `"${file.name}" is stored by "${file.provider}" at ${file.url}, which this CMS's media settings (UPLOAD_PROVIDER, S3_PUBLIC_URL) do not reach.`,
    );
  }
  const copy = path.join(os.tmpdir(), `plumage-original-${randomUUID()}${path.extname(key)}`);
  try {
    await downloadObject(storage, key, copy).catch((error: unknown) => {
      if (isMissingObject(error)) throw new errors.ValidationError(`The original of "${file.name}" is missing from the bucket (${key}); upload it again.`);
      throw error;
    });
    return await use(copy);
  } finally {
    await rm(copy, { force: true });
  }
}

/** The media id in whatever shape a caller sends it: 5, "5", { id: 5 }, [5], { connect: [{ id: 5 }] }, { set: … }. */
export function mediaIdOf(value: unknown): number | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (typeof value === 'number') return Number.isInteger(value) ? value : undefined;
  if (typeof value === 'string') return /^\d+$/.test(value) ? Number(value) : undefined;
  if (Array.isArray(value)) return value.length === 0 ? null : mediaIdOf(value[0]);
  if (typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    if ('id' in obj) return mediaIdOf(obj.id);
    if ('set' in obj) return mediaIdOf(obj.set);
    if ('connect' in obj) return mediaIdOf(obj.connect);
  }
  return undefined;
}
