import type { Core } from '@strapi/strapi';
import { nearestLookAlike } from '../pipeline';

const PHOTO = 'api::photo.photo';

/**
 * Hamming distance (of 64 bits) at or under which a new image is flagged as looking like a stored one. Measured on
 * the real camera fixtures (/work/shared/fixtures/camera), hashing as the pipeline does (the 400 px thumbnail):
 * - re-exports of 4 photos (JPEG q70, half size q80, through WebP q60, 10% brighter): 0–7 bits;
 * - re-crops: 3% off every side 6–8, 5% 8–14, 8% 12–18, 10% 12–21;
 * - different photos: 10 pairs of the 5 real photos 27–42 (median 33); the nearest of all 50 unrelated pairs, 13,
 *   is a near-blank synthetic test image (orient-*) against a low-contrast photo.
 * 10 flags every re-export and every light (3%) re-crop, and stays 3 bits under that near-blank pair and 17 under
 * any two real photos. A flag is only a note for the owner, never a refusal.
 */
export const LOOK_ALIKE_MAX_DISTANCE = 10;

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
