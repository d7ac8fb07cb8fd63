/**
 * Media in S3-compatible object storage (UPLOAD_PROVIDER=s3): a real CMS in process keeps originals (Strapi's
 * @strapi/provider-upload-aws-s3) and our derivatives in a bucket of a local s3rver on loopback, and the built site
 * links the bucket. Nothing reaches AWS: every endpoint is 127.0.0.1.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DERIVATIVE_FORMATS, derivativeRelPath, type Derivative } from '@plumage/shared';
import sharp from 'sharp';
import { configureSharp, processImage } from '../../cms/src/pipeline';
import { repoRoot, startCms, type RunningCms } from '../support/cms';
import { makeTestJpeg } from '../support/images';
import { launchChromium } from '../support/browser';
import { runScriptAsync } from '../support/cms-process';
import { api } from '../support/rest';
import { startS3, type RunningS3 } from '../support/s3';
import { startWeb, type RunningWeb } from '../support/web';

const PREFIX = 'site/';
let s3: RunningS3;
let cms: RunningCms;
let web: RunningWeb | undefined;

beforeAll(async () => {
  configureSharp();
  s3 = await startS3();
  cms = await startCms({ env: s3.env(PREFIX) });
});
afterAll(async () => {
  await web?.stop();
  await cms?.stop();
  await s3?.stop();
});

const sha256 = (bytes: Buffer) => crypto.createHash('sha256').update(bytes).digest('hex');
const publicUrl = () => `${s3.endpoint}/${s3.bucket}/`;

async function ingest(bytes: Buffer, fileName: string, data: Record<string, unknown> = {}) {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type: 'image/jpeg' }), fileName);
  form.append('data', JSON.stringify(data));
  const res = await fetch(`${cms.url}/api/photos/ingest`, { method: 'POST', headers: { Authorization: `Bearer ${cms.token}` }, body: form });
  return { status: res.status, body: await res.json() };
}

async function photo(documentId: string) {
  const answer = await api(cms, 'GET', `/api/photos/${documentId}?populate[image]=true`);
  return answer.body.data;
}

/** The derivative objects of one original, as listed in the bucket. */
const derivativeKeys = async (hash: string) => (await s3.list(`${PREFIX}derivatives/${hash.slice(0, 2)}/${hash}/`)).map((o) => o.key);
const uploadKeys = async () => (await s3.list(`${PREFIX}uploads/`)).map((o) => o.key);
const keyOfUrl = (url: string) => url.slice(publicUrl().length);
/** The keys of a media-library file: the original and the small preview Strapi makes for its media library. */
const fileKeys = (image: { url: string; formats?: Record<string, { url: string }> | null }) =>
  [image.url, ...Object.values(image.formats ?? {}).map((format) => format.url)].map(keyOfUrl).sort();

/** Every file under a folder (recursively). */
function filesUnder(folder: string): string[] {
  if (!fs.existsSync(folder)) return [];
  return fs.readdirSync(folder, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => entry.name);
}

describe('originals and derivatives in the bucket', () => {
  let original: Buffer;
  let first: { documentId: string; sha256: string; derivatives: Derivative[]; image: { id: number; url: string; formats?: Record<string, { url: string }> | null } };

  test('an upload through REST puts the original (byte for byte) and every derivative (the pipeline\'s bytes) in the bucket, nothing on disk', async () => {
    original = await makeTestJpeg({ width: 2400, height: 1600, seed: 501, exif: { make: 'Canon', model: 'Canon EOS R7', dateTimeOriginal: '2023:05:14 07:12:00' } });
    const res = await ingest(original, 'warbler.jpg', { title: 'In the bucket' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    first = res.body.data;
    expect(first.sha256).toBe(sha256(original));

    const stored = await photo(first.documentId);
    expect(stored.image.provider).toBe('aws-s3');
    expect(stored.image.url.startsWith(`${publicUrl()}${PREFIX}uploads/`), stored.image.url).toBe(true);
    const inBucket = await s3.get(keyOfUrl(stored.image.url));
    expect(inBucket.bytes.equals(original), 'the original in the bucket is the uploaded file').toBe(true);
    // The bucket's public URL answers with the same bytes, without credentials (how a visitor would fetch it).
    const fetched = await fetch(stored.image.url);
    expect(fetched.status).toBe(200);
    expect(Buffer.from(await fetched.arrayBuffer()).equals(original)).toBe(true);

    // 3 sizes × 3 formats, each where its relative path says, with the listed size and type, and the very bytes the
    // pipeline makes from this original on disk.
    expect(first.derivatives).toHaveLength(9);
    const reference = fs.mkdtempSync(path.join(os.tmpdir(), 'plumage-s3-reference-'));
    try {
      fs.writeFileSync(path.join(reference, 'original.jpg'), original);
      const local = await processImage(path.join(reference, 'original.jpg'), { mediaDir: reference });
      expect(local.derivatives).toEqual(first.derivatives);
      const expectedKeys = first.derivatives.map((d) => `${PREFIX}${derivativeRelPath(first.sha256, d.name, d.format)}`).sort();
      expect(await derivativeKeys(first.sha256)).toEqual(expectedKeys);
      for (const derivative of first.derivatives) {
        const relPath = derivativeRelPath(first.sha256, derivative.name, derivative.format);
        expect(derivative.url).toBe(`/media/${relPath}`);
        const object = await s3.get(PREFIX + relPath);
        expect(object.bytes.length).toBe(derivative.bytes);
        expect(object.contentType).toBe(`image/${derivative.format}`);
        expect(object.bytes.equals(fs.readFileSync(path.join(reference, relPath))), relPath).toBe(true);
      }
    } finally {
      fs.rmSync(reference, { recursive: true, force: true });
    }
    expect(filesUnder(path.join(cms.mediaDir, 'uploads')), 'no original on disk').toEqual([]);
    // The admin's media library shows the originals from the bucket: Strapi's CSP names its origin for images.
    const csp = (await fetch(`${cms.url}/_health`)).headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(new RegExp(`img-src [^;]*${s3.endpoint.replace(/[.:/]/g, '\\$&')}`));
    expect(filesUnder(path.join(cms.mediaDir, 'derivatives')), 'no derivative on disk').toEqual([]);
  });

  test('a duplicate is refused as the contract says and leaves nothing in the bucket', async () => {
    const before = await s3.list();
    const again = await ingest(original, 'warbler-again.jpg');
    expect(again.status).toBe(400);
    expect(again.body.error.message).toMatch(/already in the collection/);
    expect(again.body.error.details.duplicateOf).toBe(first.documentId);
    expect(await s3.list()).toEqual(before);
  });

  test('replacing the image in the media library replaces the original and removes the old derivatives', async () => {
    const recrop = await makeTestJpeg({ width: 1800, height: 1200, seed: 502 });
    const stored = await photo(first.documentId);
    const form = new FormData();
    form.append('files', new Blob([recrop], { type: 'image/jpeg' }), 'warbler-recrop.jpg');
    const res = await fetch(`${cms.url}/api/upload?id=${stored.image.id}`, { method: 'POST', headers: { Authorization: `Bearer ${cms.token}` }, body: form });
    expect(res.status, await res.clone().text()).toBe(200);

    const after = await photo(first.documentId);
    expect(after.sha256).toBe(sha256(recrop));
    expect(after.derivatives).toHaveLength(6);
    expect(await derivativeKeys(sha256(recrop))).toHaveLength(6);
    expect(await derivativeKeys(first.sha256), 'the replaced image\'s derivatives are gone').toEqual([]);
    expect((await s3.get(keyOfUrl(after.image.url))).bytes.equals(recrop)).toBe(true);
    expect(await uploadKeys(), 'the old original was replaced').toEqual(fileKeys(after.image));
    first = after;
  });

  test('deleting the photo removes its derivatives; deleting its file removes the original', async () => {
    const other = await ingest(await makeTestJpeg({ width: 900, height: 600, seed: 503 }), 'other.jpg');
    expect(other.status).toBe(201);
    const otherKeys = await derivativeKeys(other.body.data.sha256);
    expect(otherKeys).toHaveLength(DERIVATIVE_FORMATS.length * 2);

    const otherFile = (await photo(other.body.data.documentId)).image;

    expect((await api(cms, 'DELETE', `/api/photos/${first.documentId}`)).status).toBe(204);
    expect(await derivativeKeys(first.sha256)).toEqual([]);
    expect((await api(cms, 'DELETE', `/api/upload/files/${first.image.id}`)).status).toBe(200);
    expect(await uploadKeys(), 'only the other photo\'s original is left').toEqual(fileKeys(otherFile));
    expect(await derivativeKeys(other.body.data.sha256), 'another photo keeps its derivatives').toEqual(otherKeys);
  });
});

describe('a camera-sized original', () => {
  test('over 5 MB goes up in parts (multipart upload) and is in the bucket byte for byte', async () => {
    // Noise does not compress: a 12 MP JPEG of it is the size of a real camera's file.
    const big = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#6a8', noise: { type: 'gaussian', mean: 120, sigma: 40 } } })
      .jpeg({ quality: 92 })
      .toBuffer();
    expect(big.length).toBeGreaterThan(5 * 1024 * 1024);
    const res = await ingest(big, 'camera.jpg');
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const stored = await photo(res.body.data.documentId);
    expect((await s3.get(keyOfUrl(stored.image.url))).bytes.equals(big)).toBe(true);
    expect(await derivativeKeys(res.body.data.sha256)).toHaveLength(9);
  });
});

describe('the site links the bucket', () => {
  test('a photo page\'s <picture> points at derivative objects that answer 200; /media/ sends there; the CSP lets a browser load them', async () => {
    const created = await ingest(await makeTestJpeg({ width: 2400, height: 1600, seed: 504 }), 'page.jpg', { title: 'Linked from the bucket' });
    expect(created.status).toBe(201);
    web = await startWeb({
      ...s3.env(PREFIX),
      STRAPI_URL: cms.url,
      STRAPI_TOKEN: undefined,
      WEB_TOKEN_FILE: path.join(cms.dataDir, 'web-token'),
      MEDIA_DIR: cms.mediaDir,
      LOG_LEVEL: 'warn',
    });
    const page = await fetch(`${web.url}/photos/${created.body.data.documentId}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain(`img-src 'self' data: ${s3.endpoint};`);
    const html = await page.text();
    const picture = html.match(/<picture[\s\S]*?<\/picture>/)?.[0] ?? '';
    const urls = [...picture.matchAll(/(?:srcset|src)="([^"]+)"/g)].flatMap((m) => m[1]!.split(', ').map((entry) => entry.split(' ')[0]!));
    // AVIF and WebP sources and the JPEG img, each in display and display2x.
    expect(new Set(urls).size).toBe(6);
    for (const url of new Set(urls)) {
      expect(url.startsWith(`${publicUrl()}${PREFIX}derivatives/`), url).toBe(true);
      const image = await fetch(url);
      expect(image.status, url).toBe(200);
      expect(image.headers.get('content-type')).toMatch(/^image\/(avif|webp|jpeg)$/);
      await image.body?.cancel();
    }
    // In a browser, under the page's CSP: the photo and the grid's thumbnails load from the bucket, nothing is blocked.
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(message.text());
      });
      const fromBucket: string[] = [];
      page.on('response', (response) => {
        if (response.url().startsWith(publicUrl()) && response.status() === 200) fromBucket.push(response.url());
      });
      for (const where of [`/photos/${created.body.data.documentId}`, '/']) {
        await page.goto(`${web.url}${where}`, { waitUntil: 'load' });
        // Lazy images start after the load event: wait until one in view has decoded.
        await page.waitForFunction(() => [...document.querySelectorAll('picture img')].some((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0), undefined, { timeout: 15_000 });
        const images = await page.$$eval('picture img', (imgs) =>
          imgs.map((img) => ({ src: img.getAttribute('src') ?? '', loaded: (img as HTMLImageElement).currentSrc, width: (img as HTMLImageElement).naturalWidth })),
        );
        expect(images.length, where).toBeGreaterThan(0);
        for (const image of images) expect(image.src.startsWith(`${publicUrl()}${PREFIX}derivatives/`), image.src).toBe(true);
        // Lazy images below the fold have not loaded yet; those that have, came from the bucket and decoded.
        const loaded = images.filter((image) => image.loaded !== '');
        expect(loaded.length, where).toBeGreaterThan(0);
        for (const image of loaded) {
          expect(image.loaded.startsWith(`${publicUrl()}${PREFIX}derivatives/`), image.loaded).toBe(true);
          expect(image.width, image.loaded).toBeGreaterThan(0);
        }
      }
      expect(fromBucket.length).toBeGreaterThan(0);
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }

    const thumb = created.body.data.derivatives.find((d: Derivative) => d.name === 'thumb' && d.format === 'avif');
    const moved = await fetch(`${web.url}${thumb.url}`, { redirect: 'manual' });
    expect(moved.status).toBe(301);
    expect(moved.headers.get('location')).toBe(`${publicUrl()}${PREFIX}${thumb.url.slice('/media/'.length)}`);
  });
});

describe('the one-machine commands with media in the bucket', () => {
  test('npm run backup copies the database and says the media is the bucket\'s to keep; fsck says it does not read the bucket', async () => {
    const target = fs.mkdtempSync(path.join(os.tmpdir(), 'plumage-s3-backup-'));
    const env = { ...s3.env(PREFIX), DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: cms.databaseFile, MEDIA_DIR: cms.mediaDir, PLUMAGE_ROOT: repoRoot, PLUMAGE_ENV_FILE: path.join(target, 'none') };
    try {
      const backup = await runScriptAsync('backup.mjs', [path.join(target, 'copy')], env);
      expect(backup.status, backup.stderr).toBe(0);
      expect(backup.stderr).toMatch(/media is in the bucket plumage-media \(UPLOAD_PROVIDER=s3\): this backup holds the database only/);
      expect(JSON.parse(fs.readFileSync(path.join(target, 'copy', 'manifest.json'), 'utf8')).media).toMatchObject({ files: 0, missing: [] });
      const fsck = await runScriptAsync('fsck.mjs', [], env);
      expect(fsck.status).toBe(2);
      expect(fsck.stderr).toMatch(/media is in the bucket, which it does not read yet/);
    } finally {
      fs.rmSync(target, { recursive: true, force: true });
    }
  });
});
