import type { Species } from '@plumage/shared';
import { STRAPI_MAX_PAGE_SIZE, type StrapiList } from './photos';
import type { ReadOptions, StrapiClient } from './strapi-client';
import type { StrapiParams } from './strapi-query';
import { firstAndLatest } from './species-stats';

/** When a species was first photographed (its "lifer"): the earliest of its published photos by the instant taken. */
export interface Lifer {
  documentId: string;
  takenAt: string;
  takenAtLocal: string | null;
  takenYear: number | null;
}

/** A species with how many published photos show it, and its first dated photo. */
export interface CatalogSpecies extends Pick<Species, 'documentId' | 'commonName' | 'scientificName' | 'family' | 'code' | 'taxonomicOrder' | 'slug' | 'hideLocation'> {
  photoCount: number;
  /** Null when it has no photo with a date. */
  lifer: Lifer | null;
}

/** What the filter form and the species page offer: every species, and the years that have photos. */
export interface Catalog {
  /** In field-guide order (taxonomic order, then name). */
  species: CatalogSpecies[];
  /** Newest first. */
  years: number[];
}

type CatalogPhoto = { documentId: string; takenAt?: string | null; takenAtLocal?: string | null; takenYear: number | null };

type SpeciesRow = Pick<Species, 'documentId' | 'commonName' | 'scientificName' | 'family' | 'code' | 'taxonomicOrder' | 'hideLocation'> & {
  slug?: string | null;
  photos?: CatalogPhoto[] | null;
};

/** Species pages read at most this many times 100 species. */
const MAX_SPECIES_PAGES = 20;

/**
 * The query of one page of the species list, with each species' published photos' dates: the gallery's form, the
 * life list and the sitemap all read this one (cached) answer.
 */
export function catalogParams(page: number): StrapiParams {
  return {
    fields: ['commonName', 'scientificName', 'family', 'code', 'taxonomicOrder', 'slug', 'hideLocation'],
    populate: { photos: { fields: ['takenYear', 'takenAt', 'takenAtLocal'] } },
    sort: ['taxonomicOrder:asc', 'commonName:asc'],
    pagination: { page, pageSize: STRAPI_MAX_PAGE_SIZE },
    status: 'published',
  };
}

/**
 * Species with their photo counts and the years that have photos, from the species list (one request per 100
 * species; the answers are cached until content changes).
 */
export async function findCatalog(client: StrapiClient, options?: ReadOptions): Promise<Catalog> {
  const read = (page: number) => client.get<StrapiList<SpeciesRow>>('/api/species-list', catalogParams(page), options);
  const first = await read(1);
  const pageCount = Math.min(first.meta.pagination.pageCount, MAX_SPECIES_PAGES);
  const rest = await Promise.all(Array.from({ length: Math.max(0, pageCount - 1) }, (_, index) => read(index + 2)));
  return catalogFrom([first, ...rest].flatMap((answer) => (Array.isArray(answer.data) ? answer.data : [])));
}

/**
 * The catalog of species rows: counts and the first dated photo from each species' photos, the years of every
 * photo once.
 *
 * @example
 * catalogFrom([{ documentId: 'a', commonName: 'Snowy Owl', photos: [{ documentId: 'p', takenYear: 2019 }], … }]).years // [2019]
 */
export function catalogFrom(rows: readonly SpeciesRow[]): Catalog {
  const years = new Set<number>();
  const species = rows.map(({ photos, slug, ...row }) => {
    for (const photo of photos ?? []) if (typeof photo.takenYear === 'number') years.add(photo.takenYear);
    const first = firstAndLatest((photos ?? []).map((photo) => ({ ...photo, takenAt: photo.takenAt ?? null })))?.first ?? null;
    const lifer =
      first === null || first.takenAt === null
        ? null
        : { documentId: first.documentId, takenAt: first.takenAt, takenAtLocal: first.takenAtLocal ?? null, takenYear: first.takenYear ?? null };
    return { ...row, slug: slug ?? null, photoCount: photos?.length ?? 0, lifer };
  });
  return { species, years: [...years].sort((a, b) => b - a) };
}
