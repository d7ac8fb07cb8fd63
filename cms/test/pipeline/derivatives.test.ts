import { DERIVATIVE_FORMATS, derivativeRelPath, type Derivative } from '@plumage/shared';
import exifr from 'exifr';
import { createHash } from 'node:crypto';
import { mkdir, readdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { configureSharp, derivativeFile, makeDerivatives } from '../../src/pipeline';
import {
  coarseColours,
  largestDifference,
  makeJpeg,
  makeTempDir,
  orientedPatternJpeg,
  patternPixels,
  writeTo,
} from '../support/images';

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  configureSharp();
  ({ dir, cleanup } = await makeTempDir());
});
afterAll(() => cleanup());

const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Writes an original, makes its derivatives into a media folder of its own, and returns both. */
async function derive(name: string, bytes: Buffer) {
  const path = await writeTo(dir, name, bytes);
  const mediaDir = join(dir, `media-${name}`);
  const sha256 = sha256Of(bytes);
  const derivatives = await makeDerivatives(path, { sha256, mediaDir });
  const fileOf = (derivative: Derivative) => derivativeFile(mediaDir, sha256, derivative.name, derivative.format);
  return { path, mediaDir, sha256, derivatives, fileOf };
}

describe('makeDerivatives', () => {
  const gps = { GPSLatitudeRef: 'N', GPSLatitude: '50/1 17/1 5857/100', GPSLongitudeRef: 'E', GPSLongitude: '14/1 49/1 1306/100' };
  let original: Awaited<ReturnType<typeof derive>>;
  beforeAll(async () => {
    const jpeg = await sharp(await makeJpeg({ width: 2400, height: 1600, noise: true, quality: 92, exif: { IFD0: { Make: 'Canon', Model: 'Canon EOS R7' }, IFD3: gps } }))
      .keepExif()
      .withIccProfile('p3')
      .withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></x:xmpmeta>')
      .jpeg({ quality: 92 })
      .toBuffer();
    original = await derive('large.jpg', jpeg);
  });

  test('the test original does carry EXIF with GPS, an ICC profile and XMP', async () => {
    const metadata = await sharp(original.path).metadata();
    expect(metadata.exif).toBeDefined();
    expect(metadata.icc).toBeDefined();
    expect(metadata.xmp).toBeDefined();
    expect(await exifr.gps(original.path)).toMatchObject({ latitude: expect.closeTo(50.2996, 3) });
  });

  test('makes every size in every format, with URLs under /media/derivatives', () => {
    expect(original.derivatives.map(({ name, format, width, height }) => `${name}.${format} ${width}x${height}`)).toEqual([
      'thumb.avif 400x267',
      'thumb.webp 400x267',
      'thumb.jpeg 400x267',
      'display.avif 1600x1067',
      'display.webp 1600x1067',
      'display.jpeg 1600x1067',
      'display2x.avif 2400x1600',
      'display2x.webp 2400x1600',
      'display2x.jpeg 2400x1600',
    ]);
    for (const derivative of original.derivatives) {
      expect(derivative.url).toBe(`/media/${derivativeRelPath(original.sha256, derivative.name, derivative.format)}`);
    }
  });

  test('writes each file in its format with the dimensions and byte size it reports, smaller than the original', async () => {
    const originalBytes = (await stat(original.path)).size;
    for (const derivative of original.derivatives) {
      const file = original.fileOf(derivative);
      const metadata = await sharp(file).metadata();
      expect({ format: metadata.format === 'heif' ? 'avif' : metadata.format, width: metadata.width, height: metadata.height }).toEqual({
        format: derivative.format,
        width: derivative.width,
        height: derivative.height,
      });
      expect((await stat(file)).size).toBe(derivative.bytes);
      expect(derivative.bytes).toBeLessThan(originalBytes);
    }
  });

  test('strips every metadata block: no EXIF, GPS, XMP, IPTC or ICC profile', async () => {
    for (const derivative of original.derivatives) {
      const file = original.fileOf(derivative);
      const metadata = await sharp(file).metadata();
      const { exif, icc, xmp, iptc, orientation, hasProfile } = metadata;
      expect({ exif, icc, xmp, iptc, orientation, hasProfile }, `${derivative.name}.${derivative.format}`).toEqual({
        exif: undefined,
        icc: undefined,
        xmp: undefined,
        iptc: undefined,
        orientation: undefined,
        hasProfile: false,
      });
      expect(await exifr.parse(file, { tiff: true, exif: true, gps: true, xmp: true, iptc: true, icc: true }).catch(() => undefined)).toBeUndefined();
    }
  });

  test('leaves no temporary files behind', async () => {
    const files = await readdir(join(original.mediaDir, 'derivatives', original.sha256.slice(0, 2), original.sha256));
    expect(files.sort()).toEqual(DERIVATIVE_FORMATS.flatMap((format) => ['display', 'display2x', 'thumb'].map((name) => `${name}.${format === 'jpeg' ? 'jpg' : format}`)).sort());
  });

  test('converts to sRGB: shows the colour a Display P3 profile means, not its numbers', async () => {
    const colour = { r: 200, g: 60, b: 40 };
    // sharp converts this sRGB colour to Display P3 numbers and attaches the P3 profile.
    const p3 = await sharp({ create: { width: 500, height: 500, channels: 3, background: colour } }).withIccProfile('p3').png().toBuffer();
    const p3Numbers = [...(await sharp(p3, { ignoreIcc: true }).raw().toBuffer()).subarray(0, 3)];
    expect(largestDifference([p3Numbers], [[colour.r, colour.g, colour.b]])).toBeGreaterThan(10);

    const { derivatives, fileOf } = await derive('p3.png', p3);
    for (const derivative of derivatives) {
      const shown = await coarseColours(fileOf(derivative), 1, 1);
      expect(largestDifference(shown, [[colour.r, colour.g, colour.b]]), `${derivative.name}.${derivative.format}`).toBeLessThanOrEqual(4);
    }
  });

  test('never enlarges a small original', async () => {
    const { derivatives } = await derive('small.jpg', await makeJpeg({ width: 300, height: 200 }));
    expect(derivatives.map(({ name, width, height }) => `${name} ${width}x${height}`)).toEqual([
      'thumb 300x200',
      'thumb 300x200',
      'thumb 300x200',
      'display 300x200',
      'display 300x200',
      'display 300x200',
    ]);
  });

  test('flattens transparency onto white for JPEG and keeps it for AVIF and WebP', async () => {
    const transparent = await sharp({ create: { width: 40, height: 40, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer();
    const { derivatives, fileOf } = await derive('transparent.png', transparent);
    const thumb = (format: string) => fileOf(derivatives.find((d) => d.name === 'thumb' && d.format === format)!);
    expect((await sharp(thumb('jpeg')).metadata()).hasAlpha).toBe(false);
    expect((await coarseColours(thumb('jpeg'), 1, 1))[0]!.every((channel) => channel > 245)).toBe(true);
    expect((await sharp(thumb('webp')).metadata()).hasAlpha).toBe(true);
    expect((await sharp(thumb('avif')).metadata()).hasAlpha).toBe(true);
  });

  test('handles greyscale, 16-bit and CMYK originals as 8-bit sRGB', async () => {
    const grey = await sharp({ create: { width: 50, height: 30, channels: 3, background: '#777' } }).greyscale().jpeg().toBuffer();
    const deep = await sharp({ create: { width: 50, height: 30, channels: 3, background: '#468' } }).toColourspace('rgb16').png().toBuffer();
    const cmyk = await sharp({ create: { width: 50, height: 30, channels: 3, background: '#468' } }).toColourspace('cmyk').jpeg().toBuffer();
    for (const [name, bytes] of [['grey.jpg', grey], ['deep.png', deep], ['cmyk.jpg', cmyk]] as const) {
      const { derivatives, fileOf } = await derive(name, bytes);
      const metadata = await sharp(fileOf(derivatives[2]!)).metadata();
      expect({ name, space: metadata.space, depth: metadata.depth, channels: metadata.channels }).toEqual({ name, space: 'srgb', depth: 'uchar', channels: 3 });
    }
  });

  test('is idempotent: when the files exist it returns the same list without encoding again', async () => {
    const file = original.fileOf(original.derivatives[0]!);
    const before = (await stat(file)).mtimeMs;
    const again = await makeDerivatives(original.path, { sha256: original.sha256, mediaDir: original.mediaDir });
    expect(again).toEqual(original.derivatives);
    expect((await stat(file)).mtimeMs).toBe(before);
  });

  test('when writing fails midway, removes what it wrote and leaves what it did not', async () => {
    const bytes = await makeJpeg({ width: 500, height: 400, noise: true });
    const path = await writeTo(dir, 'fails.jpg', bytes);
    const sha256 = sha256Of(bytes);
    const mediaDir = join(dir, 'media-fails');
    // A folder where the last file should go: the rename onto it fails after the other files were written.
    const blocker = derivativeFile(mediaDir, sha256, 'thumb', 'jpeg');
    await mkdir(blocker, { recursive: true });
    await expect(makeDerivatives(path, { sha256, mediaDir })).rejects.toThrow();
    expect(await readdir(dirname(blocker))).toEqual(['thumb.jpg']);
    expect((await stat(blocker)).isDirectory()).toBe(true);
  });

  test('refuses a sha256 that is not 64 lowercase hex digits before touching the disk', async () => {
    const path = await writeTo(dir, 'any.jpg', await makeJpeg());
    for (const sha256 of ['../../../etc', 'E'.repeat(64), 'a'.repeat(63)]) {
      await expect(makeDerivatives(path, { sha256, mediaDir: join(dir, 'never') })).rejects.toThrow(TypeError);
    }
    await expect(stat(join(dir, 'never'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('makeDerivatives applies the EXIF orientation', () => {
  const cell = 40;
  let upright: number[][];
  beforeAll(async () => {
    const pattern = patternPixels(cell);
    upright = await coarseColours(await sharp(pattern.data, { raw: { width: pattern.width, height: pattern.height, channels: 3 } }).png().toBuffer(), 2, 3);
  });

  test.each([1, 2, 3, 4, 5, 6, 7, 8])('orientation %i looks like the upright pattern in every derivative', async (orientation) => {
    const stored = await orientedPatternJpeg(orientation, cell);
    const { derivatives, fileOf } = await derive(`oriented-${orientation}.jpg`, stored);
    for (const derivative of derivatives) {
      expect([derivative.width, derivative.height]).toEqual([2 * cell, 3 * cell]);
      expect(largestDifference(await coarseColours(fileOf(derivative), 2, 3), upright), `${derivative.name}.${derivative.format}`).toBeLessThan(40);
    }
  });
});
