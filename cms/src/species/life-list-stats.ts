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

/** How many published photos show a species in one year (the year null for undated photos), and the earliest. */
export interface SpeciesYearCount {
  speciesId: number;
  takenYear: number | string | null;
  /** A number, or a string from PostgreSQL's bigint count(). */
  photoCount: number | string;
  /** The earliest `takenAt` of those photos, as the driver gives it; null when none is dated. */
  firstTakenAt: string | number | Date | null;
}

/** A published photo of a species that may be its first (the query may give others taken at the same instants). */
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
 * count and first photo (the earliest candidate; of ties, the smaller documentId), and the years that have photos.
 *
 * @example
 * lifeListStats([{ id: 1, commonName: 'Snowy Owl', … }], [{ speciesId: 1, takenYear: 2019, photoCount: 1, firstTakenAt: … }],
 *   [{ speciesId: 1, documentId: 'p', takenAt: '2019-01-10T17:00:00.000Z', takenYear: 2019, … }])
 * // { data: [{ commonName: 'Snowy Owl', photoCount: 1, lifer: { documentId: 'p', takenAt: '2019-01-10T17:00:00.000Z', … } }], meta: { years: [2019] } }
 */
export function lifeListStats(species: readonly LifeListSpecies[], yearCounts: readonly SpeciesYearCount[], candidates: readonly FirstPhoto[]): LifeListAnswer {
  const photoCounts = new Map<number, number>();
  const years = new Set<number>();
  for (const row of yearCounts) {
    photoCounts.set(row.speciesId, (photoCounts.get(row.speciesId) ?? 0) + Number(row.photoCount));
    const year = row.takenYear === null ? Number.NaN : Number(row.takenYear);
    if (Number.isInteger(year)) years.add(year);
  }
  const lifers = new Map<number, Lifer & { ms: number }>();
  for (const photo of candidates) {
    const ms = instantOf(photo.takenAt);
    if (ms === null) continue;
    const best = lifers.get(photo.speciesId);
    if (best === undefined || ms < best.ms || (ms === best.ms && photo.documentId < best.documentId)) {
      lifers.set(photo.speciesId, {
        ms,
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
    .map(({ id, ...fields }) => {
      const lifer = lifers.get(id);
      return {
        ...fields,
        photoCount: photoCounts.get(id) ?? 0,
        lifer: lifer === undefined ? null : { documentId: lifer.documentId, takenAt: lifer.takenAt, takenAtLocal: lifer.takenAtLocal, takenYear: lifer.takenYear },
      };
    });
  return { data, meta: { years: [...years].sort((a, b) => b - a) } };
}

/**
 * The earliest `takenAt` of each species, as the database gave them (to look those photos up again), without repeats.
 *
 * @example
 * earliestTakenAt([{ speciesId: 1, firstTakenAt: 20, … }, { speciesId: 1, firstTakenAt: 10, … }, { speciesId: 2, firstTakenAt: 10, … }]) // [10]
 */
export function earliestTakenAt(yearCounts: readonly SpeciesYearCount[]): Array<string | number | Date> {
  const earliest = new Map<number, { ms: number; raw: string | number | Date }>();
  for (const row of yearCounts) {
    const ms = instantOf(row.firstTakenAt);
    if (ms === null || row.firstTakenAt === null) continue;
    const best = earliest.get(row.speciesId);
    if (best === undefined || ms < best.ms) earliest.set(row.speciesId, { ms, raw: row.firstTakenAt });
  }
  const seen = new Set<number>();
  return [...earliest.values()].filter(({ ms }) => !seen.has(ms) && seen.add(ms)).map(({ raw }) => raw);
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
