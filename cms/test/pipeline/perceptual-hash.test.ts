import { existsSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { dHash, hammingDistance, isPerceptualHash, nearestLookAlike, perceptualHash } from '../../src/pipeline';
import { LOOK_ALIKE_MAX_DISTANCE } from '../../src/photos/look-alikes';
import { cameraFixturesDir, makeTempDir, writeTo } from '../support/images';

/** A 9×8 picture from a function of (x, y). */
const picture = (shade: (x: number, y: number) => number) => Uint8Array.from({ length: 72 }, (_, i) => shade(i % 9, Math.floor(i / 9)));

describe('dHash', () => {
  test.each([
    { name: 'flat grey', grey: picture(() => 128), hash: '0000000000000000' },
    { name: 'darker to the right', grey: picture((x) => 255 - x * 20), hash: 'ffffffffffffffff' },
    { name: 'brighter to the right', grey: picture((x) => x * 20), hash: '0000000000000000' },
    { name: 'only the top row falls', grey: picture((x, y) => (y === 0 ? 200 - x : 50)), hash: 'ff00000000000000' },
    { name: 'one step in the last row', grey: picture((x, y) => (y === 7 && x === 7 ? 9 : 0)), hash: '0000000000000001' },
  ])('$name → $hash', ({ grey, hash }) => expect(dHash(grey)).toBe(hash));
  test.each([[0], [71], [73]])('refuses %i pixels', (length) => expect(() => dHash(new Uint8Array(length))).toThrow(RangeError));
});

describe('hammingDistance', () => {
  test.each([
    ['0000000000000000', '0000000000000000', 0],
    ['0000000000000000', '000000000000000f', 4],
    ['8000000000000000', '0000000000000001', 2],
    ['ffffffffffffffff', '0000000000000000', 64],
    ['0123456789abcdef', 'fedcba9876543210', 64],
    ['0123456789abcdef', '0000000000000000', 32],
  ])('%s ↔ %s = %i', (a, b, distance) => {
    expect(hammingDistance(a, b)).toBe(distance);
    expect(hammingDistance(b, a)).toBe(distance);
  });
  test.each([['ABCDEF0123456789'], ['123'], ['zzzzzzzzzzzzzzzz']])('refuses %s', (bad) => {
    expect(isPerceptualHash(bad)).toBe(false);
    expect(() => hammingDistance(bad, '0000000000000000')).toThrow(TypeError);
  });
});

describe('nearestLookAlike', () => {
  const candidates = [
    { id: 'far', phash: 'ffffffff00000000' },
    { id: 'near', phash: '0000000000000007' },
    { id: 'nearer', phash: '0000000000000001' },
    { id: 'none', phash: null },
  ];
  test.each([
    { threshold: 12, expected: { id: 'nearer', distance: 1 } },
    { threshold: 0, expected: null },
    { threshold: 64, expected: { id: 'nearer', distance: 1 } },
  ])('threshold $threshold', ({ threshold, expected }) => {
    const found = nearestLookAlike('0000000000000000', candidates, threshold);
    expect(found === null ? null : { id: found.candidate.id, distance: found.distance }).toEqual(expected);
  });
});

const present = existsSync(join(cameraFixturesDir, 'canon-dslr.jpg'));

describe.skipIf(!present)('perceptualHash on real camera files', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => ({ dir, cleanup } = await makeTempDir()));
  afterAll(() => cleanup());

  const fixture = (name: string) => join(cameraFixturesDir, name);

  test('a re-export and a slight re-crop stay within the look-alike threshold', async () => {
    for (const name of ['img_1771.jpg', 'IMG_20180725_163423.jpg', 'cookiezen.jpg']) {
      const original = await perceptualHash(fixture(name));
      const { width, height } = (await sharp(fixture(name)).autoOrient().metadata()).autoOrient;
      const reexport = await writeTo(dir, `${name}-q70.jpg`, await sharp(fixture(name)).autoOrient().jpeg({ quality: 70 }).toBuffer());
      const dx = Math.round(width * 0.03);
      const dy = Math.round(height * 0.03);
      const crop = await writeTo(
        dir,
        `${name}-crop.jpg`,
        await sharp(fixture(name)).autoOrient().extract({ left: dx, top: dy, width: width - 2 * dx, height: height - 2 * dy }).jpeg().toBuffer(),
      );
      expect(hammingDistance(original, await perceptualHash(reexport)), `${name} re-exported`).toBeLessThanOrEqual(LOOK_ALIKE_MAX_DISTANCE);
      expect(hammingDistance(original, await perceptualHash(crop)), `${name} re-cropped`).toBeLessThanOrEqual(LOOK_ALIKE_MAX_DISTANCE);
    }
  });

  test('different photos are further apart than the threshold', async () => {
    const names = ['canon-dslr.jpg', 'img_1771.jpg', 'IMG_20180725_163423.jpg', 'cookiezen.jpg', 'noexif.jpg'];
    const hashes = await Promise.all(names.map((name) => perceptualHash(fixture(name))));
    for (const [i, a] of hashes.entries()) {
      expect(isPerceptualHash(a)).toBe(true);
      for (const b of hashes.slice(i + 1)) expect(hammingDistance(a, b)).toBeGreaterThan(LOOK_ALIKE_MAX_DISTANCE);
    }
  });

  test('orientation is applied first: a rotated file hashes like its upright twin', async () => {
    // orient-f1t … f8t are one picture stored with the eight EXIF orientations.
    const hashes = await Promise.all([1, 3, 6, 8].map((n) => perceptualHash(fixture(`orient-f${n}t.jpg`))));
    for (const hash of hashes) expect(hammingDistance(hashes[0]!, hash)).toBeLessThanOrEqual(4);
  });
});
