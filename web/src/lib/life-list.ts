import { formatTakenDate } from '@plumage/shared';
import type { CatalogSpecies } from './catalog';
import { newSpeciesPerYear } from './species-stats';

/** How the life list is ordered: as a field guide (grouped by family) or by the date each species was first photographed. */
export type LifeListOrder = 'field-guide' | 'lifer';

export const LIFE_LIST_ORDERS: ReadonlyArray<{ order: LifeListOrder; label: string }> = [
  { order: 'field-guide', label: 'Field-guide order' },
  { order: 'lifer', label: 'First photographed' },
];

/** One species of the life list. */
export interface LifeListEntry {
  /** 1 for the first species ever photographed, and so on; null for species whose photos have no date. */
  number: number | null;
  commonName: string;
  scientificName: string | null;
  family: string | null;
  slug: string | null;
  photoCount: number;
  /** The date of the first photo (`12 April 2021`), its wall-clock ISO time and year; null when undated. */
  liferDate: string | null;
  liferAtLocal: string | null;
  liferYear: number | null;
}

/** A family heading and its species; the lifer order has one group without a family. */
export interface LifeListGroup {
  family: string | null;
  species: LifeListEntry[];
}

export interface LifeList {
  order: LifeListOrder;
  groups: LifeListGroup[];
  /** Species photographed. */
  total: number;
  newPerYear: Array<{ year: number; count: number }>;
}

/**
 * The order a `?order=` value asks for; the field-guide order when absent or unknown.
 *
 * @example
 * parseLifeListOrder('lifer') // 'lifer'
 * parseLifeListOrder('<x>') // 'field-guide'
 */
export function parseLifeListOrder(value: string | null | undefined): LifeListOrder {
  return value === 'lifer' ? 'lifer' : 'field-guide';
}

/**
 * The life list of a catalog (species already in field-guide order): the species with at least one photo, numbered
 * in the order first photographed, grouped by family in field-guide order (families in the order of their first
 * species; species without a family last), or one list by lifer date (undated species last).
 *
 * @example
 * lifeList(catalog.species, 'lifer').groups[0].species.map((s) => s.number) // [1, 2, 3]
 */
export function lifeList(species: readonly CatalogSpecies[], order: LifeListOrder): LifeList {
  const seen = species.filter((one) => one.photoCount > 0);
  const byLifer = [...seen]
    .filter((one) => one.lifer !== null)
    .sort((a, b) => Date.parse(a.lifer!.takenAt) - Date.parse(b.lifer!.takenAt) || a.commonName.localeCompare(b.commonName, 'en'));
  const numbers = new Map(byLifer.map((one, index) => [one, index + 1]));
  const entry = (one: CatalogSpecies): LifeListEntry => ({
    number: numbers.get(one) ?? null,
    commonName: one.commonName,
    scientificName: one.scientificName,
    family: one.family?.trim() || null,
    slug: one.slug,
    photoCount: one.photoCount,
    liferDate: formatTakenDate(one.lifer?.takenAtLocal ?? null) ?? (one.lifer === null ? null : formatTakenDate(one.lifer.takenAt)),
    liferAtLocal: one.lifer?.takenAtLocal ?? one.lifer?.takenAt ?? null,
    liferYear: one.lifer?.takenYear ?? (one.lifer === null ? null : new Date(one.lifer.takenAt).getUTCFullYear()),
  });
  const entries = seen.map(entry);
  const newPerYear = newSpeciesPerYear(entries.map((one) => one.liferYear));

  if (order === 'lifer') {
    const undated = entries.filter((one) => one.number === null);
    const dated = entries.filter((one) => one.number !== null).sort((a, b) => a.number! - b.number!);
    return { order, groups: entries.length === 0 ? [] : [{ family: null, species: [...dated, ...undated] }], total: entries.length, newPerYear };
  }
  const groups = new Map<string | null, LifeListEntry[]>();
  for (const one of entries) {
    const list = groups.get(one.family) ?? [];
    list.push(one);
    groups.set(one.family, list);
  }
  const named = [...groups].filter(([family]) => family !== null);
  const unnamed = groups.get(null);
  return {
    order,
    groups: [...named.map(([family, list]) => ({ family, species: list })), ...(unnamed ? [{ family: null, species: unnamed }] : [])],
    total: entries.length,
    newPerYear,
  };
}

/**
 * The link of a species' own page; null when it has no slug yet.
 *
 * @example
 * speciesPageHref('yellow-warbler') // '/species/yellow-warbler'
 */
export function speciesPageHref(slug: string | null | undefined): string | null {
  return typeof slug === 'string' && slug !== '' ? `/species/${encodeURIComponent(slug)}` : null;
}
