import type { Species } from '@plumage/shared';
import type { ReadOptions, StrapiClient } from './strapi-client';

/** When a species was first photographed (its "lifer"): the earliest of its published photos by the instant taken. */
export interface Lifer {
  documentId: string;
  takenAt: string;
  takenAtLocal: string | null;
  takenYear: number | null;
}

/** A species with how many published photos show it, and its first dated photo. */
export interface CatalogSpecies
  extends Pick<Species, 'documentId' | 'commonName' | 'scientificName' | 'family' | 'code' | 'ebirdCode' | 'taxonomicOrder' | 'slug' | 'hideLocation'> {
  photoCount: number;
  /** Null when it has no photo with a date. */
  lifer: Lifer | null;
}

/** What the filter form, the life list and the sitemap offer: every species, and the years that have photos. */
export interface Catalog {
  /** In field-guide order (taxonomic order, then name). */
  species: CatalogSpecies[];
  /** Newest first. */
  years: number[];
}

/** The CMS's `GET /api/life-list` answer (cms/src/species/life-list-stats.ts). */
interface LifeListAnswer {
  data?: unknown;
  meta?: { years?: unknown };
}

/**
 * Every species with its photo count and first photo, and the years that have photos: one request to the CMS's
 * life-list route, whatever the number of species (cached until content changes).
 */
export async function findCatalog(client: StrapiClient, options?: ReadOptions): Promise<Catalog> {
  const answer = await client.get<LifeListAnswer>('/api/life-list', {}, options);
  let catalog = built.get(answer);
  if (catalog === undefined) {
    catalog = catalogFrom(answer);
    built.set(answer, catalog);
  }
  return catalog;
}

/**
 * Catalogs already built from the cached answer they came from (the client's cache gives the same object until a
 * purge): kept as long as the answer is, so each is built once instead of on every page (a tenth of a gallery
 * page's CPU, bench/README.md). Shared between requests: nothing may change them.
 */
const built = new WeakMap<object, Catalog>();

/**
 * The catalog in a life-list answer; what is not shaped as expected is left out rather than trusted.
 *
 * @example
 * catalogFrom({ data: [{ documentId: 'a', commonName: 'Snowy Owl', photoCount: 1, lifer: null, … }], meta: { years: [2019] } }).years // [2019]
 */
export function catalogFrom(answer: LifeListAnswer): Catalog {
  const rows = Array.isArray(answer.data) ? answer.data : [];
  const species = rows.filter(
    (row): row is CatalogSpecies =>
      typeof row === 'object' && row !== null && typeof row.documentId === 'string' && typeof row.commonName === 'string' && typeof row.photoCount === 'number',
  );
  const years = Array.isArray(answer.meta?.years) ? answer.meta.years.filter((year): year is number => Number.isInteger(year)) : [];
  return {
    species: species.map((one) => ({ ...one, slug: one.slug ?? null, lifer: isLifer(one.lifer) ? one.lifer : null })),
    years,
  };
}

function isLifer(value: unknown): value is Lifer {
  return typeof value === 'object' && value !== null && typeof (value as Lifer).documentId === 'string' && typeof (value as Lifer).takenAt === 'string';
}
