/**
 * The owner's path through the real admin panel: sign in, add a photo with an image, see what
 * the pipeline read; add the same file again and read the refusal naming the first photo.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startCms, repoRoot, type RunningCms } from '../support/cms';
import { launchChromium } from '../support/browser';
import { makeTestJpeg } from '../support/images';
import { registerOwner, signIn } from '../support/admin';

const artifacts = path.join(repoRoot, 'test-results');

let cms: RunningCms;
let browser: Browser;
let page: Page;
let imageFile: string;
let firstDocumentId: string;

async function addImageInDialog(file: string): Promise<void> {
  await page.getByText('Click to add an asset').click();
  await page.getByRole('button', { name: 'Add more assets' }).click();
  await page.locator('input[type=file]').first().setInputFiles(file);
  await page.getByRole('button', { name: /Upload 1 asset/ }).click();
}

beforeAll(async () => {
  fs.mkdirSync(artifacts, { recursive: true });
  cms = await startCms({ admin: true });
  await registerOwner(cms);
  imageFile = path.join(cms.dataDir, 'yellow-warbler.jpg');
  fs.writeFileSync(
    imageFile,
    await makeTestJpeg({
      width: 2400,
      height: 1600,
      seed: 7,
      exif: { make: 'Canon', model: 'Canon EOS R7', lens: 'RF100-500mm F4.5-7.1 L IS USM', dateTimeOriginal: '2021:04:12 07:31:05', offsetTimeOriginal: '-04:00', fNumber: '63/10', exposureTime: '1/500', iso: 800, focalLength: '400/1' },
    }),
  );
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await signIn(page, cms);
});

afterAll(async () => {
  await browser?.close();
  await cms?.stop();
});

test('a photo added in the admin shows what the pipeline read from its image', async () => {
  await page.goto(`${cms.url}/admin/content-manager/collection-types/api::photo.photo/create`);
  await addImageInDialog(imageFile);
  await page.getByRole('button', { name: 'Finish' }).click();
  await page.getByLabel('Title').fill('Yellow Warbler at Magee Marsh');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.waitForURL(/api::photo\.photo\/(?!create)[a-z0-9]+/, { timeout: 60_000 });
  await expect.poll(() => page.getByLabel('Camera').inputValue(), { timeout: 30_000 }).toBe('Canon EOS R7');
  expect(await page.getByLabel('Lens').inputValue()).toBe('RF100-500mm F4.5-7.1 L IS USM');
  expect(await page.getByLabel('Local time taken').inputValue()).toBe('2021-04-12T07:31:05-04:00');
  expect(await page.getByLabel('SHA-256').inputValue()).toMatch(/^[0-9a-f]{64}$/);
  await page.screenshot({ path: path.join(artifacts, 'admin-photo-saved.png'), fullPage: true });
  firstDocumentId = page.url().split('/').pop()!;

  const stored = await cms.strapi.db.query('api::photo.photo').findOne({ where: { documentId: firstDocumentId } });
  expect(stored.derivatives.map((d: { name: string }) => d.name)).toContain('thumb');
});

test('the same file added again is refused in the media dialog with a sentence naming the first photo', async () => {
  await page.goto(`${cms.url}/admin/content-manager/collection-types/api::photo.photo/create`);
  await addImageInDialog(imageFile);
  const refusal = page.getByText(/already in the collection/);
  await refusal.waitFor({ timeout: 30_000 });
  expect(await refusal.innerText()).toContain(firstDocumentId);
  expect(await refusal.innerText()).toContain('Yellow Warbler at Magee Marsh');
  await page.screenshot({ path: path.join(artifacts, 'admin-photo-duplicate.png') });
  expect(await cms.strapi.db.query('api::photo.photo').count({ where: { publishedAt: null } })).toBe(1);
});

test('the Photo list shows the thumbnail, camera and date', async () => {
  await page.goto(`${cms.url}/admin/content-manager/collection-types/api::photo.photo`);
  const row = page.getByRole('row').filter({ hasText: 'Canon EOS R7' });
  await row.waitFor({ timeout: 30_000 });
  // The thumbnail cell renders after the row's text.
  await expect.poll(() => row.locator('img').count(), { timeout: 30_000 }).toBeGreaterThan(0);
  expect(await row.innerText()).toContain('Yellow Warbler at Magee Marsh');
  await page.screenshot({ path: path.join(artifacts, 'admin-photo-list.png') });
});
