/** What the privacy rules need of a photo: its place, its coordinates and whether any of its species hides them. */
export interface LocatedPhoto {
  location: string | null;
  latitude?: number | null;
  longitude?: number | null;
  species: ReadonlyArray<{ hideLocation?: boolean | null }>;
}

/** Coordinates as a visitor may see them: rounded to the site's precision. */
export interface VisibleCoordinates {
  latitude: number;
  longitude: number;
  /** Decimal places kept. */
  precision: number;
}

/** The most decimal places PUBLIC_COORDINATE_PRECISION may ask for (5 ≈ 1 m: the camera's own precision). */
export const MAX_COORDINATE_PRECISION = 5;
/** The default: 1 decimal place, a cell of about 11 km north–south. */
export const DEFAULT_COORDINATE_PRECISION = 1;

/**
 * PUBLIC_COORDINATE_PRECISION read: decimal places (0–5) kept of the coordinates shown to visitors, or null
 * (`off`, `none`) to show none. Unset or malformed: the default, 1.
 *
 * @example
 * parseCoordinatePrecision('2') // 2
 * parseCoordinatePrecision('off') // null
 * parseCoordinatePrecision(undefined) // 1
 */
export function parseCoordinatePrecision(value: string | null | undefined): number | null {
  const text = value?.trim().toLowerCase() ?? '';
  if (text === 'off' || text === 'none' || text === 'false') return null;
  if (!/^\d$/.test(text)) return DEFAULT_COORDINATE_PRECISION;
  return Math.min(Number(text), MAX_COORDINATE_PRECISION);
}

/**
 * Whether a photo's whereabouts must stay hidden: one of its species hides its location.
 *
 * @example
 * hidesLocation({ species: [{ hideLocation: false }, { hideLocation: true }] }) // true
 */
export function hidesLocation(photo: Pick<LocatedPhoto, 'species'>): boolean {
  return photo.species.some((species) => species.hideLocation === true);
}

/**
 * A coordinate rounded to `precision` decimal places (half away from zero), without a negative zero.
 *
 * @example
 * roundCoordinate(41.63212, 1) // 41.6
 * roundCoordinate(-83.19, 0) // -83
 * roundCoordinate(-0.04, 1) // 0
 */
export function roundCoordinate(value: number, precision: number): number {
  const factor = 10 ** precision;
  const rounded = (Math.sign(value) * Math.round(Math.abs(value) * factor)) / factor;
  return rounded === 0 ? 0 : rounded;
}

/**
 * The coordinates a visitor may see: none when a species of the photo hides its location, when the site shows
 * no coordinates (precision null) or when the photo has none; otherwise rounded.
 *
 * @example
 * visibleCoordinates({ location: null, latitude: 41.63212, longitude: -83.19454, species: [] }, 2)
 * // { latitude: 41.63, longitude: -83.19, precision: 2 }
 */
export function visibleCoordinates(photo: LocatedPhoto, precision: number | null): VisibleCoordinates | null {
  if (precision === null || hidesLocation(photo)) return null;
  const { latitude, longitude } = photo;
  if (typeof latitude !== 'number' || typeof longitude !== 'number' || !Number.isFinite(latitude) || !Number.isFinite(longitude)) return null;
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return null;
  return { latitude: roundCoordinate(latitude, precision), longitude: roundCoordinate(longitude, precision), precision };
}

/**
 * Coordinates as the page writes them, hemisphere letters and the rounding said.
 *
 * @example
 * formatCoordinates({ latitude: 41.6, longitude: -83.2, precision: 1 }) // '41.6° N, 83.2° W'
 */
export function formatCoordinates(coordinates: VisibleCoordinates): string {
  const { latitude, longitude, precision } = coordinates;
  const part = (value: number, positive: string, negative: string) =>
    `${Math.abs(value).toFixed(precision)}° ${value < 0 ? negative : positive}`;
  return `${part(latitude, 'N', 'S')}, ${part(longitude, 'E', 'W')}`;
}

/**
 * How coarse the rounding is, in words, for the page (a degree of latitude is about 111 km).
 *
 * @example
 * roundingInWords(1) // 'about 11 km'
 * roundingInWords(3) // 'about 110 m'
 */
export function roundingInWords(precision: number): string {
  const metres = 111_320 / 10 ** precision;
  if (metres >= 1000) return `about ${Math.round(metres / 1000)} km`;
  return `about ${Math.round(metres / 10) * 10 || 1} m`;
}
