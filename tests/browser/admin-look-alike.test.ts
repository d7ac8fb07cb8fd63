/**
 * What the owner sees of a near-duplicate in the real admin panel: the re-crop's edit view shows "Looks like" with a
 * button that opens the original photo; the original shows none.
 */
import path from 'node:path';
import sharp from 'sharp';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchChromium, signInAsNewOwner } from '../support/browser';
import { repoRoot, startCms, type RunningCms } from '../support/cms';
import { makeTestJpeg } from '../support/images';
import { uploadPhoto } from '../support/rest';

let cms: RunningCms;
let browser: Browser;
let page: Page;
let original: { documentId: string };
let recrop: { documentId: string };

const editUrl = (documentId: string) => `${cms.url}/admin/content-manager/collection-types/api::photo.photo/${documentId}`;

beforeAll(async () => {
  cms = await startCms({ admin: true });
  const bytes = await makeTestJpeg({ width: 1600, height: 1000, seed: 11 });
  original = await uploadPhoto(cms, { file: bytes, fileName: 'heron.jpg', title: 'Heron at dawn' });
  const cropped = await sharp(bytes).extract({ left: 48, top: 30, width: 1504, height: 940 }).jpeg({ quality: 80 }).toBuffer();
  recrop = await uploadPhoto(cms, { file: cropped, fileName: 'heron-crop.jpg', title: 'Heron, cropped' });

  browser = await launchChromium();
  page = await signInAsNewOwner(browser, cms.url);
});

afterAll(async () => {
  await browser?.close();
  await cms?.stop();
});

test('the re-crop’s edit view says what it looks like; the look-alike opens from there', async () => {
  await page.goto(editUrl(recrop.documentId));
  const label = page.getByText(/^Looks like/);
  await expect.poll(() => label.count(), { timeout: 60_000 }).toBeGreaterThan(0);
  await label.first().scrollIntoViewIfNeeded();
  expect(await page.getByText(/looks like another photo/).count()).toBeGreaterThan(0);
  // Strapi 5.54 shows a related document as a button that opens it beside the form.
  const lookAlike = page.getByRole('button', { name: 'Heron at dawn' });
  await expect.poll(() => lookAlike.count(), { timeout: 30_000 }).toBe(1);
  await page.screenshot({ path: path.join(repoRoot, 'test-results', 'admin-look-alike.png') });
  await lookAlike.click();
  const opened = page.getByRole('dialog');
  await expect.poll(() => opened.count(), { timeout: 30_000 }).toBeGreaterThan(0);
  await expect.poll(async () => (await opened.locator('input').evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value))).includes('Heron at dawn'), { timeout: 30_000 }).toBe(true);
  await page.screenshot({ path: path.join(repoRoot, 'test-results', 'admin-look-alike-opened.png') });
});

test('the original has no look-alike', async () => {
  await page.goto(editUrl(original.documentId));
  await expect.poll(() => page.getByText(/^Looks like/).count(), { timeout: 60_000 }).toBeGreaterThan(0);
  await page.getByText(/^Looks like/).first().scrollIntoViewIfNeeded();
  await page.waitForLoadState('networkidle');
  expect(await page.getByRole('button', { name: 'Heron, cropped' }).count()).toBe(0);
  expect(await page.getByRole('button', { name: 'Heron at dawn' }).count()).toBe(0);
});
