/** A species as the life list reads it. */
export interface LifeListSpecies {
  id: number;
  documentId: string;
  commonName: string;
  scientificName: string | null;
  family: string | null;
  code: string | null;
  ebirdCode: string | null;
  taxonomicOrder: number | null;
  slug: string | null;
  hideLocation: boolean | null;
}

/** How many published photos show a species. */
export interface SpeciesCount {
  speciesId: number;
  photoCount: number | string;
}

/** A published photo of a species taken at the earliest instant of that species' photos (ties give several). */
export interface FirstPhoto {
  speciesId: number;
  documentId: string;
  /** As the database driver gives a datetime: an ISO string, epoch milliseconds or a Date. */
  takenAt: string | number | Date | null;
  takenAtLocal: string | null;
  takenYear: number | null;
}

/** The species' first dated photo ("lifer"). */
export interface Lifer {
  documentId: string;
  /** ISO 8601, UTC. */
  takenAt: string;
  takenAtLocal: string | null;
  takenYear: number | null;
}

export interface SpeciesStats extends Omit<LifeListSpecies, 'id'> {
  photoCount: number;
  lifer: Lifer | null;
}

export interface LifeListAnswer {
  /** Every species, in field-guide order (taxonomic order, species without one last, then common name). */
  data: SpeciesStats[];
  /** The years that have photos, newest first. */
  meta: { years: number[] };
}

/**
 * The life list from what the database aggregated: every species in field-guide order with its published photo
 * count and first photo (of tied first photos, the smaller documentId), and the years that have photos.
 *
 * @example
 * lifeListStats([{ id: 1, commonName: 'Snowy Owl', … }], [{ speciesId: 1, photoCount: 1 }],
 *   [{ speciesId: 1, documentId: 'p', takenAt: '2019-01-10T17:00:00.000Z', takenYear: 2019, … }], [2019])
 * // { data: [{ commonName: 'Snowy Owl', photoCount: 1, lifer: { documentId: 'p', takenAt: '2019-01-10T17:00:00.000Z', … } }], meta: { years: [2019] } }
 */
export function lifeListStats(
  species: readonly LifeListSpecies[],
  counts: readonly SpeciesCount[],
  firstPhotos: readonly FirstPhoto[],
  years: ReadonlyArray<number | string | null>,
): LifeListAnswer {
  // PostgreSQL's count() comes back as a string (bigint).
  const photoCounts = new Map(counts.map((row) => [row.speciesId, Number(row.photoCount)]));
  const lifers = new Map<number, Lifer>();
  for (const photo of firstPhotos) {
    const ms = instantOf(photo.takenAt);
    if (ms === null) continue;
    const best = lifers.get(photo.speciesId);
    if (best === undefined || photo.documentId < best.documentId) {
      lifers.set(photo.speciesId, {
        documentId: photo.documentId,
        takenAt: new Date(ms).toISOString(),
        takenAtLocal: photo.takenAtLocal ?? null,
        takenYear: photo.takenYear ?? null,
      });
    }
  }
  const rank = (one: LifeListSpecies) => (typeof one.taxonomicOrder === 'number' ? one.taxonomicOrder : Number.POSITIVE_INFINITY);
  const data = [...species]
    .sort((a, b) => rank(a) - rank(b) || a.commonName.localeCompare(b.commonName, 'en'))
    .map(({ id, ...fields }) => ({ ...fields, photoCount: photoCounts.get(id) ?? 0, lifer: lifers.get(id) ?? null }));
  const distinctYears = new Set(years.filter((year) => year !== null && year !== '').map(Number).filter((year) => Number.isInteger(year)));
  return { data, meta: { years: [...distinctYears].sort((a, b) => b - a) } };
}

/**
 * A datetime as the drivers give it (SQLite: epoch milliseconds or text; PostgreSQL: a Date) in epoch milliseconds.
 *
 * @example
 * instantOf(1547139600000) // 1547139600000
 * instantOf('2019-01-10T17:00:00.000Z') // 1547139600000
 * instantOf(null) // null
 */
export function instantOf(value: string | number | Date | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
}
