import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { analyzeImage, configureSharp, derivativeFile, ImageRejectedError, processImage } from '../../src/pipeline';
import { makeJpeg, makeTempDir, pathExists, writeTo } from '../support/images';

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  configureSharp();
  ({ dir, cleanup } = await makeTempDir());
});
afterAll(() => cleanup());

describe('processImage', () => {
  test('hashes, reads EXIF and makes upright derivatives of a portrait shot stored sideways', async () => {
    const path = await writeTo(
      dir,
      'portrait.jpg',
      await makeJpeg({
        width: 3000,
        height: 2000,
        orientation: 6,
        exif: { IFD0: { Make: 'Canon', Model: 'Canon EOS R7' }, IFD2: { FNumber: '71/10', DateTimeOriginal: '2023:04:30 06:12:00' } },
      }),
    );
    const mediaDir = join(dir, 'media');
    const result = await processImage(path, { mediaDir });

    expect(result.sha256).toBe(createHash('sha256').update(await readFile(path)).digest('hex'));
    expect([result.width, result.height]).toEqual([2000, 3000]);
    expect(result.exif).toMatchObject({ camera: 'Canon EOS R7', fNumber: 7.1, takenAtLocal: '2023-04-30T06:12:00', orientation: 6 });
    expect(result.derivatives.map(({ name, format, width, height }) => `${name}.${format} ${width}x${height}`)).toEqual([
      'thumb.avif 267x400',
      'thumb.webp 267x400',
      'thumb.jpeg 267x400',
      'display.avif 1067x1600',
      'display.webp 1067x1600',
      'display.jpeg 1067x1600',
      'display2x.avif 2000x3000',
      'display2x.webp 2000x3000',
      'display2x.jpeg 2000x3000',
    ]);
    for (const derivative of result.derivatives) {
      expect(await pathExists(derivativeFile(mediaDir, result.sha256, derivative.name, derivative.format))).toBe(true);
    }
  });

  test('refuses a file that is not an image before writing anything', async () => {
    const path = await writeTo(dir, 'upload.jpg', '<html><body>Login</body></html>');
    const mediaDir = join(dir, 'media-refused');
    await expect(processImage(path, { mediaDir })).rejects.toBeInstanceOf(ImageRejectedError);
    expect(await pathExists(mediaDir)).toBe(false);
  });
});

describe('analyzeImage', () => {
  test('gives the sha256, EXIF and displayed size without writing anything', async () => {
    const bytes = await makeJpeg({ width: 90, height: 60, orientation: 8 });
    const path = await writeTo(dir, 'analyze.jpg', bytes);
    expect(await analyzeImage(path)).toEqual({
      sha256: createHash('sha256').update(bytes).digest('hex'),
      exif: expect.objectContaining({ orientation: 8, camera: null }),
      width: 60,
      height: 90,
      image: { format: 'jpeg', width: 90, height: 60, orientation: 8, displayWidth: 60, displayHeight: 90 },
    });
  });
});
