import { DERIVATIVE_FORMATS, formatCamera, parseExifDateTime, type DerivativeFormat, type ExifFields } from '@plumage/shared';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { configureSharp, derivativeFile, inspectImage, processImage, readExif, sha256File } from '../../src/pipeline';
import { cameraFixturesDir, coarseColours, largestDifference, makeTempDir } from '../support/images';

/** One file as ExifTool reads it (`expected.json`); `""` means the tag is present but empty. */
interface ExifToolReading {
  file: string;
  sha256: string;
  make?: string;
  model?: string;
  lens?: string;
  fNumber?: number;
  exposureTimeSeconds?: number;
  iso?: number;
  focalLengthMm?: number;
  focalLength35mm?: number;
  exposureBiasEv?: number;
  dateTimeOriginal?: string;
  orientation?: number;
  storedWidth: number;
  storedHeight: number;
  gpsLatitude?: number | '';
  gpsLongitude?: number | '';
  displayWidth: number;
  displayHeight: number;
}

/** Where the pipeline reads less than ExifTool on purpose: the field stays null, and why. */
const deliberateDifferences: Record<string, Partial<Record<keyof ExifFields, string>>> = {
  'img_1771.jpg': { iso: 'ExifTool takes ISO 100 from the Canon MakerNotes, which the pipeline does not parse' },
  'RangeError_Offset_outside_bounds.jpg': {
    takenAtLocal: 'the date is only in IPTC (DateCreated/TimeCreated of a news-agency photo), which the pipeline does not read',
  },
};

const present = existsSync(join(cameraFixturesDir, 'expected.json'));
if (!present) console.info(`Camera fixtures not found at ${cameraFixturesDir}: skipping the camera compatibility suite.`);
const readings: ExifToolReading[] = present ? JSON.parse(readFileSync(join(cameraFixturesDir, 'expected.json'), 'utf8')) : [];

const orNull = <T>(value: T | '' | undefined): T | null => (value === undefined || value === '' ? null : value);

describe.skipIf(!present)('real camera files (../shared/fixtures/camera) read as ExifTool reads them', () => {
  test.each(readings)('$file', async (reading) => {
    const path = join(cameraFixturesDir, reading.file);
    const [sha256, exif, image] = await Promise.all([sha256File(path), readExif(path), inspectImage(path)]);
    const skipped = deliberateDifferences[reading.file] ?? {};
    const expectedTakenAt = reading.dateTimeOriginal === undefined ? null : parseExifDateTime(reading.dateTimeOriginal)?.local ?? null;

    expect(sha256).toBe(reading.sha256);
    expect(image).toEqual({
      format: 'jpeg',
      width: reading.storedWidth,
      height: reading.storedHeight,
      orientation: reading.orientation ?? 1,
      displayWidth: reading.displayWidth,
      displayHeight: reading.displayHeight,
    });

    const expected: Partial<Record<keyof ExifFields, string | number | null>> = {
      camera: formatCamera(orNull(reading.make), orNull(reading.model)),
      lens: orNull(reading.lens),
      fNumber: orNull(reading.fNumber),
      exposureTime: orNull(reading.exposureTimeSeconds),
      iso: orNull(reading.iso),
      focalLength: orNull(reading.focalLengthMm),
      focalLength35mm: orNull(reading.focalLength35mm),
      exposureBias: orNull(reading.exposureBiasEv),
      takenAtLocal: expectedTakenAt,
      orientation: reading.orientation ?? 1,
    };
    for (const key of Object.keys(skipped) as (keyof ExifFields)[]) expected[key] = null;
    for (const [key, value] of Object.entries(expected)) {
      const actual = exif[key as keyof ExifFields];
      if (typeof value === 'number') expect(actual, key).toBeCloseTo(value, 9);
      else expect(actual, key).toBe(value);
    }
    // Only the wall clock is compared with ExifTool's text; the rest of the date follows from it.
    if (exif.takenAtLocal !== null) expect(exif.takenYear).toBe(Number(exif.takenAtLocal.slice(0, 4)));

    for (const [key, value] of [['latitude', reading.gpsLatitude], ['longitude', reading.gpsLongitude]] as const) {
      const coordinate = orNull(value);
      if (coordinate === null) expect(exif[key], key).toBeNull();
      else expect(Math.abs((exif[key] ?? Number.NaN) - coordinate), key).toBeLessThan(1e-6);
    }
  });
});

describe.skipIf(!present)('real camera files go through the whole pipeline', () => {
  let mediaDir: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    configureSharp();
    const temp = await makeTempDir();
    ({ cleanup } = temp);
    mediaDir = join(temp.dir, 'media');
  });
  afterAll(() => cleanup());

  test.each(readings)('$file', async (reading) => {
    const result = await processImage(join(cameraFixturesDir, reading.file), { mediaDir });
    expect(result.sha256).toBe(reading.sha256);
    expect([result.width, result.height]).toEqual([reading.displayWidth, reading.displayHeight]);
    const longEdge = Math.max(reading.displayWidth, reading.displayHeight);
    expect(result.derivatives).toHaveLength(longEdge > 2000 ? 9 : 6);
    for (const derivative of result.derivatives) {
      expect(Math.max(derivative.width, derivative.height)).toBeLessThanOrEqual(longEdge);
      expect(derivative.bytes).toBeGreaterThan(0);
    }
  });

  test('the eight orientation files (orient-f1t … f8t) make derivatives that look like f1', async () => {
    const shown = async (orientation: number, format: DerivativeFormat) => {
      const { sha256 } = await processImage(join(cameraFixturesDir, `orient-f${orientation}t.jpg`), { mediaDir });
      return coarseColours(derivativeFile(mediaDir, sha256, 'display', format), 3, 5);
    };
    for (const format of DERIVATIVE_FORMATS) {
      const upright = await shown(1, format);
      for (let orientation = 2; orientation <= 8; orientation++) {
        expect(largestDifference(await shown(orientation, format), upright), `orient-f${orientation}t ${format}`).toBeLessThan(60);
      }
    }
  });
});
