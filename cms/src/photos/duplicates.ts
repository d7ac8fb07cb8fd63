import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

const PHOTO = 'api::photo.photo';

export interface PhotoRef {
  documentId: string;
  title: string | null;
  /** The name of the original as it was uploaded, for photos without a title. */
  fileName?: string | null;
}

/** The photo (any version, draft or published) that already holds an image with this hash. */
export async function findPhotoBySha256(strapi: Core.Strapi, sha256: string, exceptDocumentId?: string): Promise<PhotoRef | null> {
  const where: Record<string, unknown> = { sha256 };
  if (exceptDocumentId) where.documentId = { $ne: exceptDocumentId };
  const row = await strapi.db.query(PHOTO).findOne({ where, select: ['documentId', 'title'], populate: { image: { select: ['name'] } } });
  return row ? { documentId: row.documentId, title: row.title ?? null, fileName: row.image?.name ?? null } : null;
}

/** Names a photo the way an owner recognises it: its title when it has one, else its id. */
export function describePhoto(photo: PhotoRef): string {
  if (photo.title) return `"${photo.title}" (${photo.documentId})`;
  if (photo.fileName) return `photo ${photo.documentId} (uploaded as ${photo.fileName})`;
  return `photo ${photo.documentId}`;
}

/** The contract's duplicate answer: HTTP 400, a sentence naming the existing photo, `details.duplicateOf`. */
export function duplicateError(existing: PhotoRef, fileName?: string): errors.ValidationError {
  const what = fileName ? `"${fileName}"` : 'This image';
  return new errors.ValidationError(
    `${what} is already in the collection as ${describePhoto(existing)}; it was not added again.`,
    { duplicateOf: existing.documentId },
  );
}

/** True when a database error is our unique index on photos.sha256 refusing a second draft. */
export function isSha256UniqueViolation(error: unknown): boolean {
  const text = [
    (error as { message?: string })?.message,
    (error as { code?: string })?.code,
    (error as { constraint?: string })?.constraint,
    (error as { cause?: { message?: string } })?.cause?.message,
  ].join(' ');
  return /(sha_?256)/i.test(text) && /(UNIQUE|23505|duplicate key)/i.test(text);
}
