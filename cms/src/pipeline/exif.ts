import { formatCamera, parseExifDateTime, toNumber, type ExifFields } from '@plumage/shared';
import exifr from 'exifr';

/**
 * What exifr reads: the TIFF header with IFD0 (make, model, orientation), the Exif IFD and the GPS IFD, and nothing
 * else (no thumbnail IFD, no MakerNote, no XMP, ICC, IPTC or JFIF). Values stay raw: `reviveValues: false` keeps
 * dates as the camera's strings, so no `Date` is built in the server's time zone, and `translateValues: false`
 * keeps codes as numbers. A file path is read in at most `chunkLimit` chunks of `chunkSize` bytes.
 */
export const exifReadOptions = Object.freeze({
  tiff: true,
  exif: true,
  gps: true,
  ifd1: false,
  interop: false,
  makerNote: false,
  userComment: false,
  xmp: false,
  icc: false,
  iptc: false,
  jfif: false,
  ihdr: false,
  translateKeys: true,
  translateValues: false,
  reviveValues: false,
  sanitize: true,
  mergeOutput: true,
  firstChunkSize: 64 * 1024,
  chunkSize: 64 * 1024,
  chunkLimit: 5,
});

/** Numbers outside these bounds are damage, not photography, and read as absent. */
export const exifPlausibleRanges = Object.freeze({
  fNumber: [0.5, 256],
  exposureTime: [1e-6, 86_400],
  iso: [1, 10_000_000],
  focalLength: [0.1, 100_000],
  exposureBias: [-64, 64],
} satisfies Record<string, readonly [number, number]>);

/** Longer texts (make, model, lens) are damage and read as absent. */
export const exifMaxTextLength = 200;

type Tags = Record<string, unknown>;
type RangeName = keyof typeof exifPlausibleRanges;

/** A tag's text: control characters and padding gone, null when empty, a placeholder ("----") or implausibly long. */
function tagText(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const text = value.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim();
  return text === '' || text.length > exifMaxTextLength || /^[-\s]+$/.test(text) ? null : text;
}

/** A number, or a decimal or rational string ("63/10"), as a finite number; null for anything else. */
function scalarNumber(value: unknown): number | null {
  return typeof value === 'number' || typeof value === 'string' ? toNumber(value) : null;
}

/** A tag's number, when it is one and within `exifPlausibleRanges[range]`. A tag with several values (ISO, on some cameras) gives its first. */
function tagNumber(value: unknown, range: RangeName): number | null {
  const first: unknown = Array.isArray(value) ? value[0] : value;
  const number = scalarNumber(first);
  const [min, max] = exifPlausibleRanges[range];
  return number !== null && number >= min && number <= max ? number : null;
}

/** Degrees, minutes and seconds with a hemisphere letter as a signed decimal; null unless it is a real coordinate. */
function coordinate(dms: unknown, ref: unknown, maxDegrees: number, negativeRef: string): number | null {
  if (!Array.isArray(dms) || dms.length !== 3) return null;
  const [degrees, minutes, seconds] = dms.map(scalarNumber);
  if (degrees == null || minutes == null || seconds == null) return null;
  if (degrees < 0 || minutes < 0 || minutes >= 60 || seconds < 0 || seconds >= 60) return null;
  const magnitude = degrees + minutes / 60 + seconds / 3600;
  if (magnitude > maxDegrees) return null;
  return typeof ref === 'string' && ref.trim().toUpperCase() === negativeRef ? -magnitude : magnitude;
}

function orientation(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 8 ? value : 1;
}

/** The shooting date: DateTimeOriginal (with OffsetTimeOriginal), or else CreateDate (with OffsetTimeDigitized). */
function takenAt(tags: Tags): Pick<ExifFields, 'takenAt' | 'takenAtLocal' | 'takenYear' | 'takenMonth'> {
  const asText = (value: unknown) => (typeof value === 'string' ? value : null);
  const taken =
    parseExifDateTime(asText(tags.DateTimeOriginal), asText(tags.OffsetTimeOriginal)) ??
    parseExifDateTime(asText(tags.CreateDate), asText(tags.OffsetTimeDigitized));
  return taken === null
    ? { takenAt: null, takenAtLocal: null, takenYear: null, takenMonth: null }
    : { takenAt: taken.utc, takenAtLocal: taken.local, takenYear: taken.year, takenMonth: taken.month };
}

/**
 * Maps exifr's tags (read with `exifReadOptions`) to the photo's EXIF fields. Pure; anything absent, malformed or
 * implausible becomes null. The lens is LensModel only: LensInfo gives a focal and aperture range, not a lens's
 * name, and for compacts and phones it describes the built-in lens that the camera name already says.
 *
 * @example
 * exifFieldsFromTags({ Make: 'Canon', Model: 'Canon EOS 1300D', FNumber: 6.3 })
 * // { camera: 'Canon EOS 1300D', fNumber: 6.3, lens: null, … }
 */
export function exifFieldsFromTags(tags: Tags): ExifFields {
  const latitude = coordinate(tags.GPSLatitude, tags.GPSLatitudeRef, 90, 'S');
  const longitude = coordinate(tags.GPSLongitude, tags.GPSLongitudeRef, 180, 'W');
  const hasPosition = latitude !== null && longitude !== null;
  return {
    camera: formatCamera(tagText(tags.Make), tagText(tags.Model)),
    lens: tagText(tags.LensModel),
    fNumber: tagNumber(tags.FNumber, 'fNumber'),
    exposureTime: tagNumber(tags.ExposureTime, 'exposureTime'),
    iso: tagNumber(tags.ISO, 'iso'),
    focalLength: tagNumber(tags.FocalLength, 'focalLength'),
    focalLength35mm: tagNumber(tags.FocalLengthIn35mmFormat, 'focalLength'),
    exposureBias: tagNumber(tags.ExposureCompensation, 'exposureBias'),
    ...takenAt(tags),
    latitude: hasPosition ? latitude : null,
    longitude: hasPosition ? longitude : null,
    orientation: orientation(tags.Orientation),
  };
}

/**
 * Reads a photo's EXIF fields from a file or its bytes. Never throws for damaged, missing or hostile EXIF: what
 * cannot be read is null (`orientation` 1).
 *
 * @example
 * await readExif('canon-dslr.jpg')
 * // { camera: 'Canon EOS 1300D', lens: 'EF-S18-55mm f/3.5-5.6 III', fNumber: 10, exposureTime: 0.00625, iso: 400,
 * //   takenAtLocal: '2019-10-26T16:07:24', takenAt: '2019-10-26T16:07:24.000Z', takenYear: 2019, takenMonth: 10, … }
 */
export async function readExif(pathOrBuffer: string | Uint8Array): Promise<ExifFields> {
  const tags: unknown = await exifr.parse(pathOrBuffer, { ...exifReadOptions }).catch(() => undefined);
  return exifFieldsFromTags(tags !== null && typeof tags === 'object' ? (tags as Tags) : {});
}
