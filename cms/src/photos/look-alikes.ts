import type { Core } from '@strapi/strapi';
import { nearestLookAlike } from '../pipeline';

const PHOTO = 'api::photo.photo';

/**
 * Hamming distance (of 64 bits) at or under which a new image is flagged as looking like a stored one.
 * Measured with `perceptualHash` on the real camera fixtures (/work/shared/fixtures/camera, 4 photos):
 * - re-exports (JPEG q70, half size q80, through WebP q60): 0–10 bits; 10% brighter: 0–13;
 * - re-crops: 3% off every side 6–13, 5% 10–13, 8% 13–18, 10% 13–19, 15% 21–23, 10% off one side 14–23;
 * - unrelated pairs (50 pairs of the fixtures): nearest 17 (a near-flat test image against a low-contrast photo),
 *   median 33.
 * 12 flags every re-export and most light re-crops, and stays 5 bits under the nearest unrelated pair; a flag is
 * only a note for the owner, never a refusal.
 */
export const LOOK_ALIKE_MAX_DISTANCE = 12;

/** The photo (any version) whose perceptual hash is nearest to `phash` within the threshold, other than `exceptDocumentId`. */
export async function findLookAlike(
  strapi: Core.Strapi,
  phash: string,
  exceptDocumentId?: string,
): Promise<{ documentId: string; distance: number } | null> {
  // Every photo has a draft row: reading only those reads each photo once. 16 hex digits a photo: 100,000
  // photos are 1.6 MB read, compared in a few milliseconds.
  const where: Record<string, unknown> = { publishedAt: null, phash: { $notNull: true } };
  if (exceptDocumentId) where.documentId = { $ne: exceptDocumentId };
  const rows: Array<{ documentId: string; phash: string | null }> = await strapi.db.query(PHOTO).findMany({ where, select: ['documentId', 'phash'] });
  const nearest = nearestLookAlike(phash, rows, LOOK_ALIKE_MAX_DISTANCE);
  return nearest === null ? null : { documentId: nearest.candidate.documentId, distance: nearest.distance };
}
