import type { Core } from '@strapi/strapi';
import { lifeListStats, type FirstPhoto, type LifeListAnswer, type LifeListSpecies, type SpeciesCount } from './life-list-stats';

const SPECIES = 'api::species.species';
const PHOTO = 'api::photo.photo';

/** The fields of a species the life list gives; nothing a client asks for changes them. */
const SPECIES_FIELDS = ['id', 'documentId', 'commonName', 'scientificName', 'family', 'code', 'ebirdCode', 'taxonomicOrder', 'slug', 'hideLocation'];

/**
 * The life list's data in four database reads whatever the collection's size, aggregated by the database: every
 * species; the published photo count per species; each species' earliest published photo(s); the years with
 * photos. Table and column names come from Strapi's own metadata, so SQLite and PostgreSQL read the same.
 */
export async function readLifeList(strapi: Core.Strapi): Promise<LifeListAnswer> {
  const photos = strapi.db.metadata.get(PHOTO);
  const { name: linkTable, joinColumn, inverseJoinColumn } = (photos.attributes.species as unknown as {
    joinTable: { name: string; joinColumn: { name: string }; inverseJoinColumn: { name: string } };
  }).joinTable;
  const col = (attribute: string) => (photos.attributes[attribute] as unknown as { columnName?: string }).columnName ?? attribute;
  const knex = strapi.db.connection;
  const speciesId = `l.${inverseJoinColumn.name}`;
  // Links of published photos (every photo also has a draft row, linked too).
  const published = () =>
    knex(`${linkTable} as l`).join(`${photos.tableName} as p`, 'p.id', `l.${joinColumn.name}`).whereNotNull(`p.${col('publishedAt')}`);
  const earliest = published()
    .whereNotNull(`p.${col('takenAt')}`)
    .groupBy(speciesId)
    .select({ speciesId, takenAt: knex.raw('min(??)', [`p.${col('takenAt')}`]) })
    .as('e');

  const [species, counts, firstPhotos, years] = await Promise.all([
    strapi.db.query(SPECIES).findMany({ select: SPECIES_FIELDS }) as Promise<LifeListSpecies[]>,
    published().groupBy(speciesId).select({ speciesId, photoCount: knex.raw('count(distinct ??)', ['p.id']) }) as Promise<SpeciesCount[]>,
    published()
      .join(earliest, function on() {
        this.on('e.speciesId', '=', speciesId).andOn('e.takenAt', '=', `p.${col('takenAt')}`);
      })
      .select({
        speciesId,
        documentId: `p.${col('documentId')}`,
        takenAt: `p.${col('takenAt')}`,
        takenAtLocal: `p.${col('takenAtLocal')}`,
        takenYear: `p.${col('takenYear')}`,
      }) as Promise<FirstPhoto[]>,
    knex(photos.tableName).whereNotNull(col('publishedAt')).whereNotNull(col('takenYear')).distinct(col('takenYear')).pluck(col('takenYear')) as Promise<number[]>,
  ]);
  return lifeListStats(species, counts, firstPhotos, years);
}
