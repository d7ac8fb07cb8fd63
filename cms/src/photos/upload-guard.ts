import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { ImageRejectedError, inspectImage, sha256File, defaultLimits } from '../pipeline';
import { duplicateError, findPhotoBySha256 } from './duplicates';
import { requestRederive } from './document-middleware';

const PHOTO = 'api::photo.photo';

interface IncomingFile {
  filepath: string;
  originalFilename?: string | null;
  mimetype?: string | null;
  size?: number;
}

/** File name endings for each format `inspectImage` names; the first is the one given to a file without one of them. */
const EXTENSIONS: Record<string, readonly string[]> = {
  jpeg: ['.jpg', '.jpeg', '.jpe'],
  png: ['.png'],
  webp: ['.webp'],
  avif: ['.avif'],
  tiff: ['.tif', '.tiff'],
  heif: ['.heic', '.heif'],
};

/**
 * The name with an ending that says what the bytes are. Strapi stores an upload under its name's ending and the
 * static server picks the Content-Type from it: a JPEG/HTML polyglot named "x.html" would be served as a web page
 * from the CMS's own origin (where the admin panel lives).
 */
export function withImageExtension(fileName: string, format: string): string {
  const endings = EXTENSIONS[format];
  if (!endings) return fileName;
  const ext = path.extname(fileName);
  if (endings.includes(ext.toLowerCase())) return fileName;
  return `${ext ? fileName.slice(0, -ext.length) : fileName}${endings[0]}`;
}

function asList<T>(value: T | T[] | undefined | null): T[] {
  if (value == null) return [];
  return Array.isArray(value) ? value : [value];
}

/** The documents whose image is this media-library file. */
async function photosUsingFile(strapi: Core.Strapi, fileId: number): Promise<Array<{ documentId: string; publishedAt: string | null }>> {
  return strapi.db.query(PHOTO).findMany({ where: { image: { id: fileId } }, select: ['documentId', 'publishedAt'] });
}

/**
 * Looks at each incoming file before Strapi writes anything: an image we can decode, within the
 * limits, and not already in the collection. The sentence reaches the owner in the media dialog.
 */
export async function guardIncomingFiles(strapi: Core.Strapi, files: IncomingFile | IncomingFile[] | undefined, replacingFileId?: number): Promise<void> {
  const allowedOwners = replacingFileId ? new Set((await photosUsingFile(strapi, replacingFileId)).map((p) => p.documentId)) : new Set<string>();
  for (const file of asList(files)) {
    const name = file.originalFilename || 'The file';
    let format: string;
    try {
      ({ format } = await inspectImage(file.filepath, defaultLimits));
    } catch (error) {
      if (error instanceof ImageRejectedError) throw new errors.ValidationError(`"${name}": ${error.message}`, { reason: error.reason });
      throw error;
    }
    // What the file is comes from its bytes, not from what the client claimed.
    if (file.originalFilename) file.originalFilename = withImageExtension(file.originalFilename, format);
    file.mimetype = `image/${format}`;
    const sha256 = await sha256File(file.filepath);
    const existing = await findPhotoBySha256(strapi, sha256);
    if (existing && !allowedOwners.has(existing.documentId)) throw duplicateError(existing, name);
  }
}

/** After a media-library replace, every photo showing that file is derived again (and re-published if it was live). */
export async function rederivePhotosUsingFile(strapi: Core.Strapi, fileId: number): Promise<void> {
  const rows = await photosUsingFile(strapi, fileId);
  const documents = new Map<string, boolean>();
  for (const row of rows) documents.set(row.documentId, (documents.get(row.documentId) ?? false) || row.publishedAt != null);
  for (const [documentId, wasPublished] of documents) {
    requestRederive(documentId);
    await strapi.documents(PHOTO).update({ documentId, data: {} } as any);
    if (wasPublished) await strapi.documents(PHOTO).publish({ documentId } as any);
  }
}
