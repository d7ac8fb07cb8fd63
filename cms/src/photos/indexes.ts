import type { Core } from '@strapi/strapi';

/**
 * Indexes Strapi's schema cannot express. Strapi keeps indexes it did not create (its schema
 * diff only drops the ones it made itself), so these are created once and survive restarts.
 *
 * The sha256 index is partial: with Draft & Publish every document has a draft row and, once
 * published, a published row with the same hash. Only draft rows must be unique, and every
 * document has exactly one draft, so "one draft per hash" is "one photo per image".
 */
export async function ensurePhotoIndexes(strapi: Core.Strapi): Promise<void> {
  // Column names come from Strapi's metadata: it spells sha256 as sha_256, takenAt as taken_at.
  const column = (uid: string, attribute: string) => {
    const meta = strapi.db.metadata.get(uid as any);
    return { table: meta.tableName, name: (meta.attributes[attribute] as { columnName?: string }).columnName ?? attribute };
  };
  const sha = column('api::photo.photo', 'sha256');
  const published = column('api::photo.photo', 'publishedAt');
  const takenAt = column('api::photo.photo', 'takenAt');
  const year = column('api::photo.photo', 'takenYear');
  const month = column('api::photo.photo', 'takenMonth');
  const commonName = column('api::species.species', 'commonName');
  const photos = sha.table;
  const statements = [
    `CREATE UNIQUE INDEX IF NOT EXISTS photos_sha256_draft_unique ON ${photos} (${sha.name}) WHERE ${published.name} IS NULL`,
    `CREATE INDEX IF NOT EXISTS photos_sha256_idx ON ${photos} (${sha.name})`,
    `CREATE INDEX IF NOT EXISTS photos_taken_at_idx ON ${photos} (${takenAt.name})`,
    `CREATE INDEX IF NOT EXISTS photos_taken_year_month_idx ON ${photos} (${year.name}, ${month.name})`,
    `CREATE INDEX IF NOT EXISTS photos_taken_month_idx ON ${photos} (${month.name})`,
    `CREATE INDEX IF NOT EXISTS species_common_name_idx ON ${commonName.table} (${commonName.name})`,
  ];
  for (const sql of statements) await strapi.db.connection.raw(sql);
}
