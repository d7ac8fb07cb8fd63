import type { Photo, Species } from '@plumage/shared';
import type { GridSpecies, StrapiList } from './photos';
import type { ReadOptions, StrapiClient } from './strapi-client';
import type { StrapiParams } from './strapi-query';

/** A published photo of a species, as its page and feed show it. */
export type SpeciesPhoto = Pick<
  Photo,
  'documentId' | 'title' | 'caption' | 'location' | 'takenAt' | 'takenAtLocal' | 'takenYear' | 'takenMonth' | 'derivatives'
> & {
  publishedAt: string | null;
  /** Every species of the photo: one that hides its location hides the photo's place. */
  species: GridSpecies[];
};

/** A species with its published photos. */
export type SpeciesWithPhotos = Pick<
  Species,
  'documentId' | 'commonName' | 'scientificName' | 'family' | 'code' | 'taxonomicOrder' | 'slug' | 'hideLocation'
> & { ebirdCode?: string | null; photos: SpeciesPhoto[] };

/** What a slug may look like (Strapi's uid alphabet, bounded): anything else is not looked up. */
const SLUG = /^[A-Za-z0-9_.~-]{1,120}$/;

/**
 * Whether a string can be a species slug (checked before it goes into a query).
 *
 * @example
 * isSlug('yellow-warbler') // true
 * isSlug('../x') // false
 */
export function isSlug(value: string | undefined): value is string {
  return typeof value === 'string' && SLUG.test(value) && !/^\.+$/.test(value);
}

/** The query of a species by slug with its published photos and their species (one request). */
export function speciesBySlugParams(slug: string): StrapiParams {
  return {
    filters: { slug: { $eq: slug } },
    fields: ['commonName', 'scientificName', 'family', 'code', 'ebirdCode', 'taxonomicOrder', 'slug', 'hideLocation'],
    populate: {
      photos: {
        fields: ['title', 'caption', 'location', 'takenAt', 'takenAtLocal', 'takenYear', 'takenMonth', 'publishedAt', 'derivatives'],
        populate: { species: { fields: ['commonName', 'taxonomicOrder', 'hideLocation'] } },
      },
    },
    pagination: { page: 1, pageSize: 1 },
    status: 'published',
  };
}

/** The species with this slug and its published photos, newest first; null when there is none. */
export async function findSpeciesBySlug(client: StrapiClient, slug: string, options?: ReadOptions): Promise<SpeciesWithPhotos | null> {
  if (!isSlug(slug)) return null;
  const answer = await client.get<StrapiList<SpeciesWithPhotos>>('/api/species-list', speciesBySlugParams(slug), options);
  const found = Array.isArray(answer.data) ? answer.data[0] : undefined;
  if (found === undefined) return null;
  const photos = (Array.isArray(found.photos) ? found.photos : []).map((photo) => ({ ...photo, species: Array.isArray(photo.species) ? photo.species : [] }));
  return { ...found, photos: newestFirst(photos) };
}

/**
 * Photos newest first by the instant taken; undated ones after, newest added first.
 *
 * @example
 * newestFirst([{ takenAt: '2019-01-01T00:00:00Z' }, { takenAt: null }, { takenAt: '2021-01-01T00:00:00Z' }]).map((p) => p.takenAt)
 * // ['2021-01-01T00:00:00Z', '2019-01-01T00:00:00Z', null]
 */
export function newestFirst<T extends { documentId: string; takenAt: string | null; publishedAt?: string | null }>(photos: readonly T[]): T[] {
  const time = (value: string | null | undefined) => {
    const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
    return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms;
  };
  return [...photos].sort(
    (a, b) => time(b.takenAt) - time(a.takenAt) || time(b.publishedAt) - time(a.publishedAt) || a.documentId.localeCompare(b.documentId),
  );
}
