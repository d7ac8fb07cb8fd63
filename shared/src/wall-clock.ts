/**
 * A date and time as read on the clock where the photo was taken, with the UTC offset when known.
 * Deliberately not a `Date`: a `Date` is an instant and would be shown in whatever zone the server runs in.
 */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Minutes east of UTC, or null when the source did not say. */
  offsetMinutes: number | null;
}

// EXIF writes "2019:10:26 16:07:24", ISO 8601 writes "2019-10-26T16:07:24"; either may carry fractions of a second
// (dropped: SubSecTime is a tag of its own) and an offset ("+02:00", "+0200", "Z").
const DATE_TIME_PATTERN =
  /^(\d{4})[:-](\d{2})[:-](\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const OFFSET_PATTERN = /^(?:(Z)|([+-])(\d{2}):?(\d{2}))$/i;
// Real offsets run from −12:00 to +14:00.
const LARGEST_OFFSET_MINUTES = 14 * 60;

/** Reads `"2019:10:26 16:07:24"`, `"2019-10-26T16:07:24-04:00"` and the like; null unless it is a real calendar date and time. */
export function parseWallClock(text: string): WallClock | null {
  const match = DATE_TIME_PATTERN.exec(text.trim());
  if (match === null) return null;
  const [, year, month, day, hour, minute, second, offset] = match;
  let offsetMinutes: number | null = null;
  if (offset !== undefined) {
    offsetMinutes = parseUtcOffset(offset);
    if (offsetMinutes === null) return null;
  }
  return toWallClock(Number(year), Number(month), Number(day), Number(hour), Number(minute), Number(second ?? 0), offsetMinutes);
}

/** Minutes east of UTC for `"+02:00"`, `"-0430"` or `"Z"`; null for anything else. */
export function parseUtcOffset(text: string): number | null {
  const match = OFFSET_PATTERN.exec(text.trim());
  if (match === null) return null;
  const [, zulu, sign, hours, minutes] = match;
  if (zulu !== undefined) return 0;
  const magnitude = Number(hours) * 60 + Number(minutes);
  if (Number(minutes) >= 60 || magnitude > LARGEST_OFFSET_MINUTES) return null;
  return sign === '-' ? -magnitude : magnitude;
}

/** A checked wall clock, or null when any field is out of range (month 13, 30 February, 24:00, …). */
export function toWallClock(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  offsetMinutes: number | null,
): WallClock | null {
  const fields = [year, month, day, hour, minute, second];
  if (!fields.every(Number.isInteger)) return null;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59 || hour < 0 || minute < 0 || second < 0) return null;
  return { year, month, day, hour, minute, second, offsetMinutes };
}

/** `2019-10-26T16:07:24+02:00`, or without the offset when it is unknown. */
export function wallClockToIso(clock: WallClock): string {
  const date = `${pad(clock.year, 4)}-${pad(clock.month)}-${pad(clock.day)}`;
  const time = `${pad(clock.hour)}:${pad(clock.minute)}:${pad(clock.second)}`;
  return `${date}T${time}${clock.offsetMinutes === null ? '' : isoOffset(clock.offsetMinutes)}`;
}

/** The instant as `toISOString()` writes it; a clock without an offset is read as UTC. */
export function wallClockToUtcIso(clock: WallClock): string {
  const asIfUtc = Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second);
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear undoes that.
  const instant = new Date(asIfUtc);
  instant.setUTCFullYear(clock.year);
  return new Date(instant.getTime() - (clock.offsetMinutes ?? 0) * 60_000).toISOString();
}

export function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

function isoOffset(offsetMinutes: number): string {
  const magnitude = Math.abs(offsetMinutes);
  return `${offsetMinutes < 0 ? '-' : '+'}${pad(Math.floor(magnitude / 60))}:${pad(magnitude % 60)}`;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
