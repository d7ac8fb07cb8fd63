import type { Core } from '@strapi/strapi';
import { derivativeStore } from '../media/media-store';

const PHOTO = 'api::photo.photo';

/** Every hash held by any version (draft or published) of a document. */
export async function hashesOfDocument(strapi: Core.Strapi, documentId: string): Promise<string[]> {
  const rows = await strapi.db.query(PHOTO).findMany({ where: { documentId }, select: ['sha256'] });
  return [...new Set(rows.map((r: { sha256: string | null }) => r.sha256).filter((s): s is string => !!s))];
}

/**
 * Removes the derivatives (files under MEDIA_DIR, or objects in the bucket) of each hash that no photo row references any more. A published row
 * keeps its derivatives while its draft moves on to another image, until it is published again.
 */
export async function removeUnreferencedDerivatives(strapi: Core.Strapi, hashes: Iterable<string>): Promise<string[]> {
  const removed: string[] = [];
  for (const sha256 of new Set(hashes)) {
    const stillUsed = await strapi.db.query(PHOTO).count({ where: { sha256 } });
    if (stillUsed > 0) continue;
    await derivativeStore().removeAll(sha256);
    removed.push(sha256);
  }
  return removed;
}
