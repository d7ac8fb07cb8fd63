import { MONTH_NAMES } from '@plumage/shared';

/** What the statistics need of a photo: when it was taken (wall clock for year and month, UTC for the order). */
export interface DatedPhoto {
  documentId: string;
  takenAt: string | null;
  takenYear: number | null;
  takenMonth: number | null;
}

/** Photos per month of the year, January first (12 numbers); photos without a month are not counted. */
export type MonthCounts = number[];

/**
 * How many photos were taken in each month of the year, whatever the year: a species' season.
 *
 * @example
 * photosByMonth([{ takenMonth: 4 }, { takenMonth: 4 }, { takenMonth: 12 }, { takenMonth: null }])
 * // [0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 1]
 */
export function photosByMonth(photos: ReadonlyArray<Pick<DatedPhoto, 'takenMonth'>>): MonthCounts {
  const counts = new Array<number>(12).fill(0);
  for (const { takenMonth } of photos) {
    if (typeof takenMonth === 'number' && Number.isInteger(takenMonth) && takenMonth >= 1 && takenMonth <= 12) counts[takenMonth - 1] = (counts[takenMonth - 1] ?? 0) + 1;
  }
  return counts;
}

/** Month counts as a chart takes them: `{ label: 'Jan', value }`. */
export function monthBars(counts: MonthCounts): Array<{ label: string; value: number }> {
  return MONTH_NAMES.map((name, index) => ({ label: name.slice(0, 3), value: counts[index] ?? 0 }));
}

/**
 * The earliest and the latest dated photo (by the instant taken; undated photos are neither); null when none is dated.
 *
 * @example
 * firstAndLatest([{ documentId: 'b', takenAt: '2021-05-01T00:00:00Z' }, { documentId: 'a', takenAt: '2019-01-10T17:00:00Z' }])
 * // { first: { documentId: 'a', … }, latest: { documentId: 'b', … } }
 */
export function firstAndLatest<T extends Pick<DatedPhoto, 'documentId' | 'takenAt'>>(photos: readonly T[]): { first: T; latest: T } | null {
  const dated = photos.filter((photo) => instant(photo.takenAt) !== null);
  if (dated.length === 0) return null;
  const sorted = [...dated].sort((a, b) => (instant(a.takenAt) ?? 0) - (instant(b.takenAt) ?? 0) || a.documentId.localeCompare(b.documentId));
  return { first: sorted[0]!, latest: sorted[sorted.length - 1]! };
}

/**
 * The UTC instant of a `takenAt`, in milliseconds; null when absent or not a date.
 *
 * @example
 * instant('2019-01-10T17:00:00.000Z') // 1547139600000
 * instant(null) // null
 */
export function instant(takenAt: string | null | undefined): number | null {
  if (typeof takenAt !== 'string' || takenAt === '') return null;
  const ms = Date.parse(takenAt);
  return Number.isNaN(ms) ? null : ms;
}

/**
 * New species per year: for each year from the first lifer's to the last one's (years without a lifer count 0),
 * how many species were first photographed that year.
 *
 * @example
 * newSpeciesPerYear([2019, 2021, 2021, null]) // [{ year: 2019, count: 1 }, { year: 2020, count: 0 }, { year: 2021, count: 2 }]
 */
export function newSpeciesPerYear(liferYears: ReadonlyArray<number | null>): Array<{ year: number; count: number }> {
  const years = liferYears.filter((year): year is number => typeof year === 'number' && Number.isInteger(year));
  if (years.length === 0) return [];
  const first = Math.min(...years);
  const last = Math.max(...years);
  const counts = new Map<number, number>();
  for (const year of years) counts.set(year, (counts.get(year) ?? 0) + 1);
  return Array.from({ length: last - first + 1 }, (_, index) => ({ year: first + index, count: counts.get(first + index) ?? 0 }));
}
