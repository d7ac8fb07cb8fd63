import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { defaultLimits, ImageRejectedError, inspectImage, type PipelineLimits, type RejectionReason } from '../../src/pipeline';
import { makeJpeg, makeTempDir, pngBomb, writeTo } from '../support/images';

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await makeTempDir()));
afterAll(() => cleanup());

async function rejection(path: string, limits: PipelineLimits = defaultLimits): Promise<ImageRejectedError> {
  const error: unknown = await inspectImage(path, limits).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof ImageRejectedError)) throw new Error(`expected an ImageRejectedError, got ${String(error)}`);
  return error;
}

describe('inspectImage refuses what is not a usable image', () => {
  const cases: {
    name: string;
    file: () => Promise<Buffer | string>;
    reason: RejectionReason;
    message: string | RegExp;
    limits?: Partial<PipelineLimits>;
  }[] = [
    { name: 'empty.jpg', file: async () => Buffer.alloc(0), reason: 'empty', message: 'This file is empty (0 bytes).' },
    {
      name: 'notes.jpg',
      file: async () => 'Robin, 12 May, back garden\n',
      reason: 'not-an-image',
      message: 'This file is not an image: it contains text.',
    },
    {
      name: 'page.jpg',
      file: async () => '<!doctype html>\n<html><head><title>404</title></head></html>',
      reason: 'not-an-image',
      message: 'This file is not an image: it is a web page (HTML).',
    },
    {
      name: 'drawing.svg',
      file: async () => '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="4000" height="4000"><rect width="10" height="10"/></svg>',
      reason: 'not-an-image',
      message: 'This file is not an image: it is an SVG drawing (vector graphics), not a photo.',
    },
    {
      name: 'scan.jpg',
      file: async () => '%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n',
      reason: 'not-an-image',
      message: 'This file is not an image: it is a PDF document.',
    },
    {
      name: 'animation.gif',
      file: async () => sharp({ create: { width: 8, height: 8, channels: 3, background: '#888' } }).gif().toBuffer(),
      reason: 'unsupported-format',
      message: 'This is a GIF image, which the site does not take; accepted formats are JPEG, PNG, WebP, AVIF, TIFF and HEIF.',
    },
    {
      name: 'half.jpg',
      file: async () => {
        const jpeg = await makeJpeg({ width: 640, height: 480, noise: true });
        return jpeg.subarray(0, jpeg.length >> 1);
      },
      reason: 'damaged',
      message: 'This JPEG is damaged or incomplete (it ends before the picture does).',
    },
    {
      name: 'half.png',
      file: async () => {
        const png = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#888', noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
          .png()
          .toBuffer();
        return png.subarray(0, png.length >> 1);
      },
      reason: 'damaged',
      message: /^This PNG is damaged/,
    },
    {
      name: 'header-only.jpg',
      file: async () => Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46]),
      reason: 'damaged',
      message: 'This JPEG file is damaged: its header cannot be read.',
    },
    {
      name: 'bomb.png',
      file: async () => pngBomb(20_000, 20_000),
      reason: 'too-many-pixels',
      message: 'This image is 20000 × 20000 pixels; the limit is 100 megapixels.',
    },
    {
      name: 'big.jpg',
      file: () => makeJpeg({ width: 200, height: 200, noise: true }),
      limits: { maxFileBytes: 1000 },
      reason: 'too-large',
      message: /^This file is \d+ KB; the limit is 1 KB\.$/,
    },
    {
      name: 'wide.jpg',
      file: () => makeJpeg({ width: 3000, height: 2000 }),
      limits: { maxInputPixels: 5_000_000 },
      reason: 'too-many-pixels',
      message: 'This image is 3000 × 2000 pixels; the limit is 5 megapixels.',
    },
    {
      name: 'picture.png',
      file: async () => sharp({ create: { width: 8, height: 8, channels: 3, background: '#888' } }).png().toBuffer(),
      limits: { allowedFormats: ['jpeg'] },
      reason: 'unsupported-format',
      message: 'This is a PNG image, which the site does not take; accepted formats are JPEG.',
    },
  ];

  test.each(cases)('$name: $reason', async ({ name, file, reason, message, limits }) => {
    const path = await writeTo(dir, name, await file());
    const error = await rejection(path, { ...defaultLimits, ...limits });
    expect(error.reason).toBe(reason);
    expect(error.message).toMatch(message);
    expect(error.name).toBe('ImageRejectedError');
  });

  test('reads a bomb from its header alone: it has no picture data, and decoding would have said "damaged"', async () => {
    const path = await writeTo(dir, 'bomb-timed.png', pngBomb(20_000, 20_000));
    const started = performance.now();
    const error = await rejection(path);
    expect(error.reason).toBe('too-many-pixels');
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('inspectImage accepts real images and reports their displayed size', () => {
  const base = () => sharp({ create: { width: 60, height: 40, channels: 3, background: '#4a7' } });
  const cases: { name: string; file: () => Promise<Buffer>; format: string; orientation?: number; display?: [number, number] }[] = [
    { name: 'photo.jpg', file: () => makeJpeg({ width: 60, height: 40 }), format: 'jpeg' },
    { name: 'photo.png', file: () => base().png().toBuffer(), format: 'png' },
    { name: 'photo.webp', file: () => base().webp().toBuffer(), format: 'webp' },
    { name: 'photo.avif', file: () => base().avif({ effort: 0 }).toBuffer(), format: 'avif' },
    { name: 'photo.tiff', file: () => base().tiff().toBuffer(), format: 'tiff' },
    { name: 'named-wrong.png', file: () => makeJpeg({ width: 60, height: 40 }), format: 'jpeg' },
    { name: 'portrait.jpg', file: () => makeJpeg({ width: 60, height: 40, orientation: 6 }), format: 'jpeg', orientation: 6, display: [40, 60] },
    { name: 'mirrored.jpg', file: () => makeJpeg({ width: 60, height: 40, orientation: 2 }), format: 'jpeg', orientation: 2, display: [60, 40] },
    { name: 'transverse.jpg', file: () => makeJpeg({ width: 60, height: 40, orientation: 7 }), format: 'jpeg', orientation: 7, display: [40, 60] },
  ];

  test.each(cases)('$name', async ({ name, file, format, orientation = 1, display = [60, 40] }) => {
    const path = await writeTo(dir, name, await file());
    expect(await inspectImage(path)).toEqual({
      format,
      width: 60,
      height: 40,
      orientation,
      displayWidth: display[0],
      displayHeight: display[1],
    });
  });
});
