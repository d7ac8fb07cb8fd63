import { parseRational } from './rational.js';
import { EARLIEST_YEAR, LATEST_YEAR } from './selection.js';
import type { RationalInput } from './types.js';
import {
  parseUtcOffset,
  parseWallClock,
  toWallClock,
  wallClockToIso,
  wallClockToUtcIso,
  type WallClock,
} from './wall-clock.js';

/** When a photo was taken, in the forms a photo record stores (see `ExifFields`). */
export interface ExifDateTime {
  /** Wall clock where the photo was taken, with the offset when known: `2019-10-26T16:07:24+02:00` or `2019-10-26T16:07:24`. */
  local: string;
  /** The instant in UTC (`toISOString()` form); without an offset the wall clock is taken as UTC. */
  utc: string;
  /** Year and month of the wall clock, not of the UTC instant. */
  year: number;
  month: number;
}

/**
 * Reads an EXIF date such as `DateTimeOriginal`, with the offset from `OffsetTimeOriginal` when the camera wrote one.
 * An offset written inside the date string itself wins over the separate one. Placeholders that cameras write
 * when their clock was never set (`"0000:00:00 00:00:00"`, blanks), impossible dates and years outside
 * 1800–2100 give null.
 *
 * Prefer strings: read EXIF with exifr's `reviveValues: false`. With exifr's default, dates arrive as `Date`
 * objects that exifr built with the local-time constructor of the machine running the CMS; the wall clock is then
 * read back here with the local getters (`getFullYear()`, `getHours()`, …), never with `toISOString()`. That
 * round trip fails for a time that does not exist in the server's zone (a spring-forward hour, which `Date` moves
 * on by an hour), and exifr misreads a string that carries its own offset: it loses the time of day after `+hh:mm`
 * and the offset after `-hh:mm`.
 *
 * @example
 * parseExifDateTime('2019:10:26 16:07:24', '+02:00')
 * // { local: '2019-10-26T16:07:24+02:00', utc: '2019-10-26T14:07:24.000Z', year: 2019, month: 10 }
 * parseExifDateTime('2019:10:26 16:07:24')
 * // { local: '2019-10-26T16:07:24', utc: '2019-10-26T16:07:24.000Z', year: 2019, month: 10 }
 * parseExifDateTime('0000:00:00 00:00:00') // null
 */
export function parseExifDateTime(value: string | Date | null | undefined, offset?: string | null): ExifDateTime | null {
  const clock = typeof value === 'string' ? parseWallClock(value) : value instanceof Date ? wallClockFromLocalDate(value) : null;
  if (clock === null || clock.year < EARLIEST_YEAR || clock.year > LATEST_YEAR) return null;
  // A malformed OffsetTimeOriginal ("   :  ") is common; the date is still good without it.
  const separateOffset = typeof offset === 'string' ? parseUtcOffset(offset) : null;
  const located: WallClock = { ...clock, offsetMinutes: clock.offsetMinutes ?? separateOffset };
  return { local: wallClockToIso(located), utc: wallClockToUtcIso(located), year: located.year, month: located.month };
}

/**
 * An EXIF number as a plain number: rationals as exifr, ExifTool or raw TIFF readers give them.
 * Null for absent, malformed, infinite and divide-by-zero values (`"0/0"` is how some cameras write "unknown").
 *
 * @example
 * toNumber([63, 10]) // 6.3
 * toNumber('63/10') // 6.3
 * toNumber(6.3) // 6.3
 * toNumber('1/0') // null
 */
export function toNumber(value: RationalInput): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  return parseRational(value)?.valueOf() ?? null;
}

function wallClockFromLocalDate(date: Date): WallClock | null {
  if (Number.isNaN(date.getTime())) return null;
  return toWallClock(
    date.getFullYear(),
    date.getMonth() + 1,
    date.getDate(),
    date.getHours(),
    date.getMinutes(),
    date.getSeconds(),
    null,
  );
}
