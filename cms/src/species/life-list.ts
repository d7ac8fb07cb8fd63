import type { Core } from '@strapi/strapi';
import { lifeListStats, type LifeListAnswer, type LifeListSpecies, type PublishedPhotoLink } from './life-list-stats';

const SPECIES = 'api::species.species';
const PHOTO = 'api::photo.photo';

/** The fields of a species the life list gives; nothing a client asks for changes them. */
const SPECIES_FIELDS = ['id', 'documentId', 'commonName', 'scientificName', 'family', 'code', 'ebirdCode', 'taxonomicOrder', 'slug', 'hideLocation'];

/**
 * The life list's data in two database reads whatever the collection's size: every species, and one row per link of
 * a published photo to a species (its documentId and when it was taken), aggregated by `lifeListStats`. Table and
 * column names come from Strapi's own metadata, so SQLite and PostgreSQL read the same.
 */
export async function readLifeList(strapi: Core.Strapi): Promise<LifeListAnswer> {
  const species: LifeListSpecies[] = await strapi.db.query(SPECIES).findMany({ select: SPECIES_FIELDS });
  const photos = strapi.db.metadata.get(PHOTO);
  const relation = photos.attributes.species as unknown as {
    joinTable: { name: string; joinColumn: { name: string }; inverseJoinColumn: { name: string } };
  };
  const column = (attribute: string) => `p.${(photos.attributes[attribute] as unknown as { columnName?: string }).columnName ?? attribute}`;
  const { name, joinColumn, inverseJoinColumn } = relation.joinTable;
  const links: PublishedPhotoLink[] = await strapi.db
    .connection(`${name} as l`)
    .join(`${photos.tableName} as p`, `p.id`, `l.${joinColumn.name}`)
    .whereNotNull(column('publishedAt'))
    .select({
      speciesId: `l.${inverseJoinColumn.name}`,
      documentId: column('documentId'),
      takenAt: column('takenAt'),
      takenAtLocal: column('takenAtLocal'),
      takenYear: column('takenYear'),
    });
  return lifeListStats(species, links);
}
