import { Fraction } from 'fraction.js';
import { parseRational } from './rational.js';
import { MONTH_NAMES } from './selection.js';
import type { Photo, RationalInput } from './types.js';
import { pad, parseWallClock, type WallClock } from './wall-clock.js';

/** One line of a photo page's shooting data. */
export interface ShootingDatum {
  key: 'aperture' | 'exposure' | 'focalLength' | 'iso' | 'exposureBias' | 'camera' | 'lens';
  label: string;
  value: string;
}

/** The photo fields `shootingData` reads; any may be missing. */
export type ShootingDataSource = Partial<
  Pick<Photo, 'fNumber' | 'exposureTime' | 'focalLength' | 'focalLength35mm' | 'iso' | 'exposureBias' | 'camera' | 'lens'>
>;

/** Options of `formatTakenAt`. */
export interface TakenAtOptions {
  /** Append the UTC offset when the time carries one, e.g. ` (UTC−4)`. Default true. */
  showOffset?: boolean;
}

const MINUS_SIGN = '\u2212';

// Third- and half-stop shutter speeds (as 1/N), 1/4 s to the 1/32000 s of electronic shutters.
const STANDARD_SHUTTER_DENOMINATORS = [
  4, 5, 6, 8, 10, 13, 15, 20, 25, 30, 40, 45, 50, 60, 80, 90, 100, 125, 160, 180, 200, 250, 320, 350, 400, 500, 640,
  750, 800, 1000, 1250, 1500, 1600, 2000, 2500, 3000, 3200, 4000, 5000, 6000, 6400, 8000, 10000, 12000, 12800, 16000,
  20000, 25600, 32000,
];
// Neighbouring standard speeds are at least 5% apart, so a 1% window picks at most one of them.
const SHUTTER_SNAP_TOLERANCE = 0.01;

// Makers as cameras spell them in the Make tag, keyed by that tag's first word in lower case.
const BRAND_NAMES: Record<string, string> = {
  apple: 'Apple',
  canon: 'Canon',
  casio: 'Casio',
  dji: 'DJI',
  eastman: 'Kodak',
  fuji: 'Fujifilm',
  fujifilm: 'Fujifilm',
  google: 'Google',
  gopro: 'GoPro',
  hasselblad: 'Hasselblad',
  huawei: 'Huawei',
  kodak: 'Kodak',
  konica: 'Konica Minolta',
  leica: 'Leica',
  lge: 'LG',
  minolta: 'Minolta',
  motorola: 'Motorola',
  nikon: 'Nikon',
  olympus: 'Olympus',
  om: 'OM System',
  oneplus: 'OnePlus',
  panasonic: 'Panasonic',
  pentax: 'Pentax',
  ricoh: 'Ricoh',
  samsung: 'Samsung',
  sigma: 'Sigma',
  sony: 'Sony',
  xiaomi: 'Xiaomi',
};
// Trailing words of a Make tag that name the company rather than the brand ("OLYMPUS OPTICAL CO.,LTD").
const CORPORATE_SUFFIXES = new Set([
  'a/s',
  'ag',
  'co',
  'company',
  'corp',
  'corporation',
  'gmbh',
  'imaging',
  'inc',
  'limited',
  'ltd',
  'optical',
]);

/**
 * The aperture as photographers write it: one decimal, two below f/1, trailing zeros dropped.
 * Null when absent, malformed, zero or negative.
 *
 * @example
 * formatAperture(6.3) // 'f/6.3'
 * formatAperture(8) // 'f/8'
 * formatAperture('63/10') // 'f/6.3'
 * formatAperture(0.95) // 'f/0.95'
 * formatAperture(0) // null
 */
export function formatAperture(fNumber: RationalInput): string | null {
  const value = parsePositive(fNumber);
  if (value === null) return null;
  return `f/${value.round(value.compare(1) < 0 ? 2 : 1).toString()}`;
}

/**
 * The exposure time as photographers write it:
 * - 1/4 s and shorter as `1/N s`. N is the standard shutter speed (third and half stops, 1/4 to 1/32000) when the
 *   time is within 1% of one, so a rounded value still reads as the speed the camera was set to; otherwise N is the
 *   nearest whole number, as ExifTool shows it (a phone's 0.000376 s is `1/2660 s`).
 * - Between 1/4 s and 1 s: `1/N s` when the time is 1/N for a whole N (`1/2 s`, `1/3 s`); otherwise tenths of a
 *   second, as cameras display them (0"4 is `0.4 s`, never `1/2.5 s`).
 * - 1 s and longer: seconds with at most one decimal (`1.3 s`, `30 s`).
 *
 * Null when absent, malformed, zero or negative.
 *
 * @example
 * formatExposure(1 / 500) // '1/500 s'
 * formatExposure('1/500') // '1/500 s'
 * formatExposure(0.000376) // '1/2660 s'
 * formatExposure(0.5) // '1/2 s'
 * formatExposure(0.4) // '0.4 s'
 * formatExposure(1.3) // '1.3 s'
 */
export function formatExposure(seconds: RationalInput): string | null {
  const time = parsePositive(seconds);
  if (time === null) return null;
  if (time.compare(1) >= 0) return `${time.round(1).toString()} s`;

  const perSecond = time.inverse().valueOf();
  if (perSecond >= 4) return `1/${shutterDenominator(perSecond)} s`;
  const whole = Math.round(perSecond);
  if (whole >= 2 && Math.abs(perSecond - whole) <= whole * SHUTTER_SNAP_TOLERANCE) return `1/${whole} s`;
  return `${time.round(1).toString()} s`;
}

/**
 * The focal length in millimetres, one decimal at most; with the 35 mm equivalent in brackets when it is given and
 * says something new (a full-frame camera's equivalent equals its focal length and is left out).
 * Null when the focal length is absent, malformed, zero or negative; an unusable equivalent is left out.
 *
 * @example
 * formatFocalLength(400) // '400 mm'
 * formatFocalLength(4.67) // '4.7 mm'
 * formatFocalLength(4.67, 26) // '4.7 mm (26 mm equiv.)'
 * formatFocalLength(400, 400) // '400 mm'
 */
export function formatFocalLength(millimetres: RationalInput, equivalent35mm?: RationalInput): string | null {
  const focalLength = parsePositive(millimetres);
  if (focalLength === null) return null;
  const shown = focalLength.round(1).toString();
  const equivalent = parsePositive(equivalent35mm)?.round(0).toString();
  return equivalent === undefined || equivalent === shown ? `${shown} mm` : `${shown} mm (${equivalent} mm equiv.)`;
}

/**
 * Exposure compensation as cameras set it: snapped to the nearest sixth of a stop (cameras step in thirds or
 * halves; sixths hold both), written as a signed mixed fraction with a true minus sign (U+2212).
 * Null when absent or malformed.
 *
 * @example
 * formatExposureBias(1 / 3) // '+1/3 EV'
 * formatExposureBias(-0.6667) // '−2/3 EV'
 * formatExposureBias(-1.3333) // '−1 1/3 EV'
 * formatExposureBias(0.7) // '+2/3 EV'
 * formatExposureBias(0) // '0 EV'
 */
export function formatExposureBias(ev: RationalInput): string | null {
  const bias = parseRational(ev);
  if (bias === null) return null;
  const sixths = Math.round(Math.abs(bias.valueOf()) * 6);
  if (sixths === 0) return '0 EV';
  const sign = bias.compare(0) < 0 ? MINUS_SIGN : '+';
  return `${sign}${new Fraction(sixths, 6).toFraction(true)} EV`;
}

/**
 * The ISO speed. Null when absent, malformed, zero or negative.
 *
 * @example
 * formatIso(800) // 'ISO 800'
 * formatIso('12800') // 'ISO 12800'
 */
export function formatIso(iso: RationalInput): string | null {
  const speed = parsePositive(iso);
  return speed === null ? null : `ISO ${speed.round(0).toString()}`;
}

/**
 * When the photo was taken, on the clock where it was taken: the wall clock as written, never converted to the
 * server's zone, followed by the UTC offset when the time carries one. Null when the input is not an ISO 8601
 * date-time.
 *
 * @example
 * formatTakenAt('2019-05-12T07:31:05-04:00') // '12 May 2019, 07:31 (UTC−4)'
 * formatTakenAt('2019-05-12T07:31:05+05:30') // '12 May 2019, 07:31 (UTC+5:30)'
 * formatTakenAt('2019-05-12T07:31:05') // '12 May 2019, 07:31'
 * formatTakenAt('2019-05-12T07:31:05-04:00', { showOffset: false }) // '12 May 2019, 07:31'
 */
export function formatTakenAt(local: string | null | undefined, options: TakenAtOptions = {}): string | null {
  const clock = typeof local === 'string' ? parseWallClock(local) : null;
  if (clock === null) return null;
  const shown = `${dateOf(clock)}, ${pad(clock.hour)}:${pad(clock.minute)}`;
  const showOffset = options.showOffset ?? true;
  return showOffset && clock.offsetMinutes !== null ? `${shown} (${utcOffsetLabel(clock.offsetMinutes)})` : shown;
}

/**
 * The date the photo was taken, on the calendar where it was taken. Null when the input is not an ISO 8601 date-time.
 *
 * @example
 * formatTakenDate('2019-05-12T23:31:05-04:00') // '12 May 2019'
 */
export function formatTakenDate(local: string | null | undefined): string | null {
  const clock = typeof local === 'string' ? parseWallClock(local) : null;
  return clock === null ? null : dateOf(clock);
}

/**
 * The camera as one name: the maker's brand, then the model without repeating the brand. Well-known makers are
 * shown by their brand ("NIKON CORPORATION" → "Nikon", "OLYMPUS OPTICAL CO.,LTD" → "Olympus"); other makers keep
 * their spelling without corporate suffixes ("Acme Imaging Corp." → "Acme"). The model loses a leading copy of the
 * maker's name or of its first word, compared case-insensitively, and is otherwise kept as written.
 *
 * @example
 * formatCamera('Canon', 'Canon EOS 1300D') // 'Canon EOS 1300D'
 * formatCamera('NIKON CORPORATION', 'NIKON D850') // 'Nikon D850'
 * formatCamera('Google', 'Pixel') // 'Google Pixel'
 * formatCamera('Google', null) // 'Google'
 * formatCamera(null, null) // null
 */
export function formatCamera(make: string | null | undefined, model: string | null | undefined): string | null {
  const makeText = cleanTagText(make);
  const modelText = cleanTagText(model);
  if (makeText === null) return modelText;
  const makeWords = withoutCorporateSuffixes(makeText.split(' '));
  const firstMakeWord = makeWords[0] ?? makeText;
  const brand = BRAND_NAMES[firstMakeWord.toLowerCase()] ?? makeWords.join(' ');
  if (modelText === null) return brand;

  const repeatedPrefix = [makeText, makeWords.join(' '), brand, firstMakeWord].find((prefix) =>
    startsWithWords(modelText, prefix),
  );
  const modelName = repeatedPrefix === undefined ? modelText : modelText.slice(repeatedPrefix.length).trim();
  return modelName === '' ? brand : `${brand} ${modelName}`;
}

/**
 * A photo's shooting data for its page, in the order photographers read it: aperture, exposure, focal length,
 * ISO, exposure bias, camera, lens. Fields the photo does not have are left out.
 *
 * @example
 * shootingData({ fNumber: 6.3, exposureTime: 0.002, iso: 800, camera: 'Canon EOS 1300D' })
 * // [{ key: 'aperture', label: 'Aperture', value: 'f/6.3' }, { key: 'exposure', label: 'Exposure', value: '1/500 s' },
 * //  { key: 'iso', label: 'ISO', value: 'ISO 800' }, { key: 'camera', label: 'Camera', value: 'Canon EOS 1300D' }]
 */
export function shootingData(photo: ShootingDataSource): ShootingDatum[] {
  const candidates: Array<[ShootingDatum['key'], string, string | null]> = [
    ['aperture', 'Aperture', formatAperture(photo.fNumber)],
    ['exposure', 'Exposure', formatExposure(photo.exposureTime)],
    ['focalLength', 'Focal length', formatFocalLength(photo.focalLength, photo.focalLength35mm)],
    ['iso', 'ISO', formatIso(photo.iso)],
    ['exposureBias', 'Exposure bias', formatExposureBias(photo.exposureBias)],
    ['camera', 'Camera', cleanTagText(photo.camera)],
    ['lens', 'Lens', cleanTagText(photo.lens)],
  ];
  return candidates.flatMap(([key, label, value]) => (value === null ? [] : [{ key, label, value }]));
}

function parsePositive(value: RationalInput): Fraction | null {
  const fraction = parseRational(value);
  return fraction !== null && fraction.compare(0) > 0 ? fraction : null;
}

function shutterDenominator(perSecond: number): number {
  const standard = STANDARD_SHUTTER_DENOMINATORS.find(
    (denominator) => Math.abs(perSecond - denominator) <= denominator * SHUTTER_SNAP_TOLERANCE,
  );
  return standard ?? Math.round(perSecond);
}

function dateOf(clock: WallClock): string {
  return `${clock.day} ${MONTH_NAMES[clock.month - 1] ?? ''} ${clock.year}`;
}

function utcOffsetLabel(offsetMinutes: number): string {
  if (offsetMinutes === 0) return 'UTC';
  const magnitude = Math.abs(offsetMinutes);
  const minutes = magnitude % 60;
  const hours = `${(magnitude - minutes) / 60}${minutes === 0 ? '' : `:${pad(minutes)}`}`;
  return `UTC${offsetMinutes < 0 ? MINUS_SIGN : '+'}${hours}`;
}

// EXIF strings are often padded with NULs or spaces to a fixed length.
function cleanTagText(text: string | null | undefined): string | null {
  if (typeof text !== 'string') return null;
  const cleaned = text.replace(/\0/g, ' ').replace(/\s+/g, ' ').trim();
  return cleaned === '' ? null : cleaned;
}

function withoutCorporateSuffixes(words: string[]): string[] {
  const kept = words.flatMap((word) => word.split(',')).filter((word) => word !== '');
  while (kept.length > 1 && CORPORATE_SUFFIXES.has((kept[kept.length - 1] ?? '').replace(/\.+$/, '').toLowerCase())) {
    kept.pop();
  }
  return kept;
}

function startsWithWords(text: string, prefix: string): boolean {
  if (text.length < prefix.length || text.slice(0, prefix.length).toLowerCase() !== prefix.toLowerCase()) return false;
  return text.length === prefix.length || text[prefix.length] === ' ';
}
