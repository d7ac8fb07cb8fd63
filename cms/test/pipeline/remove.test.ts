import { derivativeRelPath } from '@plumage/shared';
import { mkdir, readdir, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { removeDerivatives } from '../../src/pipeline';
import { makeTempDir, pathExists } from '../support/images';

const shaA = `ab${'1'.repeat(62)}`;
const shaB = `ab${'2'.repeat(62)}`;

let root: string;
let cleanup: () => Promise<void>;
let cases = 0;
/** A folder of its own for each test, holding its media folder and whatever lies outside it. */
let dir: string;
let mediaDir: string;
beforeAll(async () => ({ dir: root, cleanup } = await makeTempDir()));
beforeEach(() => {
  dir = join(root, `case-${++cases}`);
  mediaDir = join(dir, 'media');
});
afterAll(() => cleanup());

async function putDerivatives(sha256: string): Promise<string> {
  const file = join(mediaDir, derivativeRelPath(sha256, 'thumb', 'avif'));
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, 'avif');
  await writeFile(join(dirname(file), 'display.webp'), 'webp');
  return dirname(file);
}

describe('removeDerivatives', () => {
  test('removes the folder of one original and its fan-out folder when that is left empty', async () => {
    const folder = await putDerivatives(shaA);
    await removeDerivatives(mediaDir, shaA);
    expect(await pathExists(folder)).toBe(false);
    expect(await pathExists(dirname(folder))).toBe(false);
    expect(await readdir(join(mediaDir, 'derivatives'))).toEqual([]);
  });

  test('keeps the fan-out folder and the other original that share it', async () => {
    const folderA = await putDerivatives(shaA);
    const folderB = await putDerivatives(shaB);
    await removeDerivatives(mediaDir, shaA);
    expect(await pathExists(folderA)).toBe(false);
    expect(await readdir(folderB)).toEqual(['display.webp', 'thumb.avif']);
  });

  test('is no error when there is nothing to remove', async () => {
    await expect(removeDerivatives(mediaDir, shaA)).resolves.toBeUndefined();
  });

  test.each([
    { name: 'a path', sha256: '../../../../etc' },
    { name: 'upper-case hex', sha256: 'AB'.repeat(32) },
    { name: '63 digits', sha256: 'a'.repeat(63) },
    { name: 'a sha256 with a slash', sha256: `${'a'.repeat(31)}/${'a'.repeat(32)}` },
    { name: 'nothing', sha256: '' },
  ])('refuses $name before touching the disk', async ({ sha256 }) => {
    await putDerivatives(shaA);
    await expect(removeDerivatives(mediaDir, sha256)).rejects.toThrow(TypeError);
    expect(await readdir(join(mediaDir, 'derivatives'))).toEqual(['ab']);
  });

  test('refuses to follow a symbolic link out of the media folder, and removes nothing there', async () => {
    const outside = join(dir, 'outside');
    await mkdir(join(outside, shaA), { recursive: true });
    await writeFile(join(outside, shaA, 'precious.txt'), 'keep me');
    await mkdir(join(mediaDir, 'derivatives'), { recursive: true });
    await symlink(outside, join(mediaDir, 'derivatives', 'ab'));
    await expect(removeDerivatives(mediaDir, shaA)).rejects.toThrow(/symbolic link/);
    expect(await readdir(join(outside, shaA))).toEqual(['precious.txt']);
  });

  test('refuses when the folder of the original is itself a symbolic link', async () => {
    const outside = join(dir, 'elsewhere');
    await mkdir(outside, { recursive: true });
    await writeFile(join(outside, 'precious.txt'), 'keep me');
    await mkdir(join(mediaDir, 'derivatives', 'ab'), { recursive: true });
    await symlink(outside, join(mediaDir, 'derivatives', 'ab', shaA));
    await expect(removeDerivatives(mediaDir, shaA)).rejects.toThrow(/symbolic link/);
    expect(await readdir(outside)).toEqual(['precious.txt']);
  });

  test('works when the derivatives folder itself is a link to another disk', async () => {
    const otherDisk = join(dir, 'other-disk');
    await mkdir(otherDisk, { recursive: true });
    await mkdir(mediaDir, { recursive: true });
    await symlink(otherDisk, join(mediaDir, 'derivatives'));
    const folder = await putDerivatives(shaA);
    await removeDerivatives(mediaDir, shaA);
    expect(await pathExists(folder)).toBe(false);
    expect(await readdir(otherDisk)).toEqual([]);
  });
});
