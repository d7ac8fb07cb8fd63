/**
 * Near-duplicates, through REST against Strapi in process: a re-crop of a photo is created and flagged as looking
 * like it (lookAlikeOf = its documentId), an unrelated photo is not, an exact copy is still refused, and swapping
 * the image of a flagged photo for an unrelated one clears the flag.
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { repoRoot, startCms, type RunningCms } from '../support/cms';
import { makeTestJpeg } from '../support/images';
import { api, createPhotoAnswer, uploadFile, uploadPhoto } from '../support/rest';

/** Real camera files beside the repository (PLUMAGE_CAMERA_FIXTURES from a worktree); when absent, a generated picture and, as "unrelated", its mirror image and its quarter turn (dHash reads those as other pictures). */
const fixturesDir = process.env.PLUMAGE_CAMERA_FIXTURES || path.resolve(repoRoot, '..', 'shared', 'fixtures', 'camera');
const haveFixtures = fs.existsSync(path.join(fixturesDir, 'img_1771.jpg')) && fs.existsSync(path.join(fixturesDir, 'cookiezen.jpg'));

let cms: RunningCms;
let original: Buffer;
let unrelated: Buffer;
let unrelatedToo: Buffer;

/** The same picture with 3% cut off every side, saved again as a JPEG (what an editor's re-crop makes). */
async function recrop(bytes: Buffer): Promise<Buffer> {
  const image = sharp(bytes).autoOrient();
  const { width, height } = (await sharp(bytes).metadata()).autoOrient;
  const dx = Math.round(width * 0.03);
  const dy = Math.round(height * 0.03);
  return image.extract({ left: dx, top: dy, width: width - 2 * dx, height: height - 2 * dy }).jpeg({ quality: 85 }).toBuffer();
}

/** The photo's look-alike's documentId (null when not flagged) and its stored perceptual hash, as REST gives them. */
async function flagOf(documentId: string): Promise<{ lookAlikeOf: string | null; phash: string | null }> {
  const answer = await api(cms, 'GET', `/api/photos/${documentId}?fields[0]=phash&populate[lookAlikeOf][fields][0]=title&status=draft`);
  expect(answer.status).toBe(200);
  return { lookAlikeOf: answer.body.data.lookAlikeOf?.documentId ?? null, phash: answer.body.data.phash ?? null };
}

beforeAll(async () => {
  if (haveFixtures) {
    original = fs.readFileSync(path.join(fixturesDir, 'img_1771.jpg'));
    unrelated = fs.readFileSync(path.join(fixturesDir, 'cookiezen.jpg'));
    unrelatedToo = fs.readFileSync(path.join(fixturesDir, 'IMG_20180725_163423.jpg'));
  } else {
    original = await makeTestJpeg({ width: 1600, height: 1000, seed: 1 });
    unrelated = await sharp(original).flop().jpeg().toBuffer();
    unrelatedToo = await sharp(original).rotate(90).jpeg().toBuffer();
  }
  cms = await startCms();
});

afterAll(async () => {
  await cms?.stop();
});

describe('look-alikes', () => {
  let first: any;

  test('every photo gets a 64-bit perceptual hash; the first of its kind is not flagged', async () => {
    first = await uploadPhoto(cms, { file: original, fileName: 'original.jpg', title: 'The original' });
    expect(await flagOf(first.documentId)).toEqual({ lookAlikeOf: null, phash: expect.stringMatching(/^[0-9a-f]{16}$/) });
  });

  test('a re-crop is created (not refused) and flagged as looking like the original', async () => {
    const answer = await createPhotoAnswer(cms, { file: await recrop(original), fileName: 'recrop.jpg', title: 'The re-crop' });
    expect(answer.status).toBe(201);
    const flag = await flagOf(answer.body.data.documentId);
    expect(flag.lookAlikeOf).toBe(first.documentId);
    // The published version carries the flag too.
    const published = await api(cms, 'GET', `/api/photos/${answer.body.data.documentId}?populate[lookAlikeOf][fields][0]=title`);
    expect(published.body.data.lookAlikeOf).toMatchObject({ documentId: first.documentId, title: 'The original' });
  });

  test('an unrelated photo is not flagged', async () => {
    const other = await uploadPhoto(cms, { file: unrelated, fileName: 'other.jpg' });
    expect((await flagOf(other.documentId)).lookAlikeOf).toBeNull();
  });

  test('an exact copy is still refused with 400 and duplicateOf', async () => {
    const answer = await createPhotoAnswer(cms, { file: original, fileName: 'copy.jpg' });
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toMatch(/already in the collection/);
    expect(answer.body.error.details.duplicateOf).toBe(first.documentId);
  });

  test('swapping a flagged photo’s image for an unrelated one clears the flag', async () => {
    const flagged = await uploadPhoto(cms, { file: await sharp(await recrop(original)).jpeg({ quality: 60 }).toBuffer(), fileName: 'recrop-2.jpg' });
    expect((await flagOf(flagged.documentId)).lookAlikeOf).not.toBeNull();
    const upload = await uploadFile(cms, unrelatedToo, 'replacement.jpg');
    expect(upload.status).toBe(201);
    const swapped = await api(cms, 'PUT', `/api/photos/${flagged.documentId}?status=published`, { data: { image: upload.body[0].id } });
    expect(swapped.status).toBe(200);
    expect((await flagOf(flagged.documentId)).lookAlikeOf).toBeNull();
  });
});
