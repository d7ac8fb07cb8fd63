import type { Species } from '@plumage/shared';
import { STRAPI_MAX_PAGE_SIZE, type StrapiList } from './photos';
import type { ReadOptions, StrapiClient } from './strapi-client';
import type { StrapiParams } from './strapi-query';

/** A species with how many published photos show it. */
export interface CatalogSpecies extends Pick<Species, 'documentId' | 'commonName' | 'scientificName' | 'family' | 'code' | 'taxonomicOrder' | 'hideLocation'> {
  photoCount: number;
}

/** What the filter form and the species page offer: every species, and the years that have photos. */
export interface Catalog {
  /** In field-guide order (taxonomic order, then name). */
  species: CatalogSpecies[];
  /** Newest first. */
  years: number[];
}

type SpeciesRow = Pick<Species, 'documentId' | 'commonName' | 'scientificName' | 'family' | 'code' | 'taxonomicOrder' | 'hideLocation'> & {
  photos?: Array<{ documentId: string; takenYear: number | null }> | null;
};

/** Species pages read at most this many times 100 species. */
const MAX_SPECIES_PAGES = 20;

/** The query of one page of the species list, with each species' published photos' years. */
export function catalogParams(page: number): StrapiParams {
  return {
    fields: ['commonName', 'scientificName', 'family', 'code', 'taxonomicOrder', 'hideLocation'],
    populate: { photos: { fields: ['takenYear'] } },
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
  const answers = [first, ...rest];
  const known = built.get(first);
  if (known !== undefined && known.answers.length === answers.length && known.answers.every((answer, index) => answer === answers[index])) return known.catalog;
  const catalog = catalogFrom(answers.flatMap((answer) => (Array.isArray(answer.data) ? answer.data : [])));
  built.set(first, { answers, catalog });
  return catalog;
}

/**
 * Catalogs already built from the cached answers they came from (the client's cache gives the same objects until a
 * purge): kept as long as the answer is, so each is built once instead of on every page (a tenth of a gallery
 * page's CPU, bench/README.md). Shared between requests: nothing may change them.
 */
const built = new WeakMap<object, { answers: readonly object[]; catalog: Catalog }>();

/**
 * The catalog of species rows: counts from each species' photos, the years of every photo once.
 *
 * @example
 * catalogFrom([{ documentId: 'a', commonName: 'Snowy Owl', photos: [{ documentId: 'p', takenYear: 2019 }], … }]).years // [2019]
 */
export function catalogFrom(rows: readonly SpeciesRow[]): Catalog {
  const years = new Set<number>();
  const species = rows.map(({ photos, ...row }) => {
    for (const photo of photos ?? []) if (typeof photo.takenYear === 'number') years.add(photo.takenYear);
    return { ...row, photoCount: photos?.length ?? 0 };
  });
  return { species, years: [...years].sort((a, b) => b - a) };
}
