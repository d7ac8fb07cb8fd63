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

/** One link between a published photo and one of its species, with when the photo was taken. */
export interface PublishedPhotoLink {
  speciesId: number;
  documentId: string;
  /** As the database driver gives a datetime: an ISO string, epoch milliseconds or a Date; null when unknown. */
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
 * Per-species statistics of the collection from the species and the links of published photos to them: how many
 * photos show each species and its first dated photo (ties: the smaller documentId), and every year with a photo.
 *
 * @example
 * lifeListStats([{ id: 1, commonName: 'Snowy Owl', … }], [{ speciesId: 1, documentId: 'p', takenAt: '2019-01-10T17:00:00.000Z', takenYear: 2019, … }])
 * // { data: [{ commonName: 'Snowy Owl', photoCount: 1, lifer: { documentId: 'p', takenAt: '2019-01-10T17:00:00.000Z', … } }], meta: { years: [2019] } }
 */
export function lifeListStats(species: readonly LifeListSpecies[], links: readonly PublishedPhotoLink[]): LifeListAnswer {
  const photos = new Map<number, Set<string>>();
  const lifers = new Map<number, Lifer & { ms: number }>();
  const years = new Set<number>();
  for (const link of links) {
    const seen = photos.get(link.speciesId) ?? new Set<string>();
    seen.add(link.documentId);
    photos.set(link.speciesId, seen);
    if (typeof link.takenYear === 'number' && Number.isInteger(link.takenYear)) years.add(link.takenYear);
    const ms = instantOf(link.takenAt);
    if (ms === null) continue;
    const best = lifers.get(link.speciesId);
    if (best === undefined || ms < best.ms || (ms === best.ms && link.documentId < best.documentId)) {
      lifers.set(link.speciesId, {
        ms,
        documentId: link.documentId,
        takenAt: new Date(ms).toISOString(),
        takenAtLocal: link.takenAtLocal ?? null,
        takenYear: link.takenYear ?? null,
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
        photoCount: photos.get(id)?.size ?? 0,
        lifer: lifer === undefined ? null : { documentId: lifer.documentId, takenAt: lifer.takenAt, takenAtLocal: lifer.takenAtLocal, takenYear: lifer.takenYear },
      };
    });
  return { data, meta: { years: [...years].sort((a, b) => b - a) } };
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
