/** Images the tests make themselves: distinct pixels per seed, EXIF written as a camera would. */
import sharp from 'sharp';

export interface TestExif {
  make?: string;
  model?: string;
  lens?: string;
  /** EXIF strings, rationals as "63/10". */
  dateTimeOriginal?: string;
  offsetTimeOriginal?: string;
  fNumber?: string;
  exposureTime?: string;
  iso?: number;
  focalLength?: string;
  exposureBias?: string;
  orientation?: number;
  gps?: { lat: number; lon: number };
}

function dms(value: number): string {
  const abs = Math.abs(value);
  const d = Math.floor(abs);
  const m = Math.floor((abs - d) * 60);
  const s = Math.round(((abs - d) * 60 - m) * 60 * 10000);
  return `${d}/1 ${m}/1 ${s}/10000`;
}

/** A smooth, seed-dependent picture (compresses like a photo, unlike noise). */
function pixels(width: number, height: number, seed: number): Buffer {
  const out = Buffer.alloc(width * height * 3);
  const a = 0.004 + (seed % 7) * 0.0013;
  const b = 0.003 + (seed % 11) * 0.0009;
  const phase = seed * 1.7;
  let i = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      out[i++] = 128 + 120 * Math.sin(x * a + phase);
      out[i++] = 128 + 120 * Math.sin(y * b + phase * 0.5);
      out[i++] = 128 + 120 * Math.sin((x + y) * (a + b) * 0.5 + seed);
    }
  }
  return out;
}

export async function makeTestJpeg(opts: { width?: number; height?: number; seed?: number; exif?: TestExif; quality?: number } = {}): Promise<Buffer> {
  const { width = 1200, height = 800, seed = 1, exif, quality = 90 } = opts;
  let image = sharp(pixels(width, height, seed), { raw: { width, height, channels: 3 } });
  if (exif) {
    const ifd0: Record<string, string> = {};
    const ifd2: Record<string, string> = {};
    const ifd3: Record<string, string> = {};
    if (exif.make) ifd0.Make = exif.make;
    if (exif.model) ifd0.Model = exif.model;
    if (exif.dateTimeOriginal) ifd2.DateTimeOriginal = exif.dateTimeOriginal;
    if (exif.offsetTimeOriginal) ifd2.OffsetTimeOriginal = exif.offsetTimeOriginal;
    if (exif.fNumber) ifd2.FNumber = exif.fNumber;
    if (exif.exposureTime) ifd2.ExposureTime = exif.exposureTime;
    if (exif.iso) ifd2.ISOSpeedRatings = String(exif.iso);
    if (exif.focalLength) ifd2.FocalLength = exif.focalLength;
    if (exif.exposureBias) ifd2.ExposureBiasValue = exif.exposureBias;
    if (exif.lens) ifd2.LensModel = exif.lens;
    if (exif.gps) {
      ifd3.GPSLatitudeRef = exif.gps.lat >= 0 ? 'N' : 'S';
      ifd3.GPSLatitude = dms(exif.gps.lat);
      ifd3.GPSLongitudeRef = exif.gps.lon >= 0 ? 'E' : 'W';
      ifd3.GPSLongitude = dms(exif.gps.lon);
    }
    image = image.withExif({ IFD0: ifd0, IFD2: ifd2, ...(exif.gps ? { IFD3: ifd3 } : {}) });
    if (exif.orientation) image = image.withMetadata({ orientation: exif.orientation });
  }
  return image.jpeg({ quality }).toBuffer();
}
