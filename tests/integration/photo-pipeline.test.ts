import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import exifr from 'exifr';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startCms, type RunningCms } from '../support/cms';
import { api, createPhotoAnswer, uploadFile, uploadPhoto } from '../support/rest';
import { makeTestJpeg } from '../support/images';

let cms: RunningCms;

const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

const uploads = () => filesUnder(path.join(cms.mediaDir, 'uploads'));
const derivativeDir = (sha: string) => path.join(cms.mediaDir, 'derivatives', sha.slice(0, 2), sha);

const R7 = {
  make: 'Canon',
  model: 'Canon EOS R7',
  lens: 'RF100-500mm F4.5-7.1 L IS USM',
  dateTimeOriginal: '2021:04:12 07:31:05',
  offsetTimeOriginal: '-04:00',
  fNumber: '63/10',
  exposureTime: '1/500',
  iso: 800,
  focalLength: '400/1',
  exposureBias: '-2/3',
  gps: { lat: 41.6301, lon: -83.1942 },
};

beforeAll(async () => {
  cms = await startCms();
});

afterAll(async () => {
  await cms?.stop();
});

describe('a photo created through REST with an API token', () => {
  let original: Buffer;
  let photo: any;

  beforeAll(async () => {
    original = await makeTestJpeg({ width: 2600, height: 1700, seed: 1, exif: R7 });
    photo = await uploadPhoto(cms, { file: original, fileName: 'warbler.jpg', species: ['Yellow Warbler'], title: 'Yellow Warbler at Magee Marsh' });
  });

  test('reads the EXIF into the photo fields', () => {
    expect(photo).toMatchObject({
      camera: 'Canon EOS R7',
      lens: 'RF100-500mm F4.5-7.1 L IS USM',
      iso: 800,
      takenYear: 2021,
      takenMonth: 4,
      takenAtLocal: '2021-04-12T07:31:05-04:00',
      width: 2600,
      height: 1700,
    });
    expect(Number(photo.fNumber)).toBeCloseTo(6.3, 6);
    expect(Number(photo.exposureTime)).toBeCloseTo(0.002, 9);
    expect(Number(photo.focalLength)).toBe(400);
    expect(Number(photo.exposureBias)).toBeCloseTo(-2 / 3, 4);
    expect(new Date(photo.takenAt).toISOString()).toBe('2021-04-12T11:31:05.000Z');
    expect(Number(photo.latitude)).toBeCloseTo(41.6301, 4);
    expect(Number(photo.longitude)).toBeCloseTo(-83.1942, 4);
  });

  test('hashes the original bytes, which are stored byte for byte', async () => {
    expect(photo.sha256).toBe(sha256(original));
    const stored = uploads().filter((f) => !path.basename(f).startsWith('thumbnail_'));
    expect(stored.map((f) => sha256(fs.readFileSync(f)))).toContain(sha256(original));
  });

  test('makes thumb, display and display2x in AVIF, WebP and JPEG, smaller than the original, without metadata', async () => {
    const names = photo.derivatives.map((d: any) => `${d.name}.${d.format}`).sort();
    expect(names).toEqual(['display.avif', 'display.jpeg', 'display.webp', 'display2x.avif', 'display2x.jpeg', 'display2x.webp', 'thumb.avif', 'thumb.jpeg', 'thumb.webp']);
    for (const d of photo.derivatives) {
      const file = path.join(cms.mediaDir, d.url.replace(/^\/media\//, ''));
      const bytes = fs.readFileSync(file);
      expect(bytes.length).toBe(d.bytes);
      expect(bytes.length).toBeLessThan(original.length);
      const meta = await sharp(bytes).metadata();
      expect([meta.width, meta.height]).toEqual([d.width, d.height]);
      expect(Math.max(d.width, d.height)).toBe({ thumb: 400, display: 1600, display2x: 2600 }[d.name as string]);
      expect(meta.exif).toBeUndefined();
      expect(meta.icc).toBeUndefined();
      expect(await exifr.gps(bytes).catch(() => undefined)).toBeUndefined();
    }
  });

  test('refuses the same file again with a 400 naming the photo, and stores nothing', async () => {
    const before = uploads().length;
    const again = await uploadFile(cms, original, 'warbler-copy.jpg');
    expect(again.status).toBe(400);
    expect(again.body.error.message).toMatch(/already in the collection/);
    expect(again.body.error.message).toContain(photo.documentId);
    expect(again.body.error.details.duplicateOf).toBe(photo.documentId);
    expect(uploads().length).toBe(before);
  });

  test('the public role cannot read the API', async () => {
    const res = await fetch(`${cms.url}/api/photos`);
    expect([401, 403]).toContain(res.status);
  });

  test('the site\'s read-only token reads published photos', async () => {
    const res = await api({ url: cms.url, token: cms.readToken }, 'GET', '/api/photos?populate=species');
    expect(res.status).toBe(200);
    expect(res.body.data.map((p: any) => p.documentId)).toContain(photo.documentId);
    expect(res.body.data[0]).not.toHaveProperty('pipelineValues');
  });
});

describe('duplicates that reach the photo itself', () => {
  test('a second photo with another upload of the same bytes is refused at the draft save', async () => {
    const bytes = await makeTestJpeg({ seed: 21 });
    const first = await uploadFile(cms, bytes, 'a.jpg');
    const second = await uploadFile(cms, bytes, 'b.jpg');
    expect([first.status, second.status]).toEqual([201, 201]);
    const made = await api(cms, 'POST', '/api/photos', { data: { image: first.body[0].id } });
    expect(made.status).toBe(201);
    const dup = await api(cms, 'POST', '/api/photos', { data: { image: second.body[0].id } });
    expect(dup.status).toBe(400);
    expect(dup.body.error.details.duplicateOf).toBe(made.body.data.documentId);
    const drafts = await api(cms, 'GET', `/api/photos?status=draft&filters[sha256][$eq]=${sha256(bytes)}`);
    expect(drafts.body.data).toHaveLength(1);
  });

  test('two concurrent creates of the same image end with one photo', async () => {
    const bytes = await makeTestJpeg({ seed: 22 });
    const files = await Promise.all([uploadFile(cms, bytes, 'c1.jpg'), uploadFile(cms, bytes, 'c2.jpg'), uploadFile(cms, bytes, 'c3.jpg')]);
    const answers = await Promise.all(files.map((f) => api(cms, 'POST', '/api/photos?status=published', { data: { image: f.body[0].id } })));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([201, 400, 400]);
    const winner = answers.find((a) => a.status === 201)!.body.data.documentId;
    for (const a of answers.filter((x) => x.status === 400)) expect(a.body.error.details.duplicateOf).toBe(winner);
    const all = await api(cms, 'GET', `/api/photos?status=draft&filters[sha256][$eq]=${sha256(bytes)}`);
    expect(all.body.data).toHaveLength(1);
    expect(fs.existsSync(derivativeDir(sha256(bytes)))).toBe(true);
  });
});

describe('changing and deleting', () => {
  test('giving a photo another image keeps its documentId, derives again and removes the old derivatives', async () => {
    const first = await makeTestJpeg({ seed: 31, exif: { ...R7, dateTimeOriginal: '2019:05:02 06:00:00' } });
    const recrop = await makeTestJpeg({ width: 900, height: 900, seed: 32, exif: { ...R7, dateTimeOriginal: '2019:05:02 06:00:00' } });
    const photo = await uploadPhoto(cms, { file: first, fileName: 'first.jpg', title: 'Before the re-crop' });
    expect(fs.existsSync(derivativeDir(photo.sha256))).toBe(true);
    const newFile = await uploadFile(cms, recrop, 'recrop.jpg');
    const updated = await api(cms, 'PUT', `/api/photos/${photo.documentId}?status=published`, { data: { image: newFile.body[0].id } });
    expect(updated.status).toBe(200);
    expect(updated.body.data.documentId).toBe(photo.documentId);
    expect(updated.body.data.sha256).toBe(sha256(recrop));
    expect([updated.body.data.width, updated.body.data.height]).toEqual([900, 900]);
    expect(updated.body.data.title).toBe('Before the re-crop');
    expect(updated.body.data.derivatives.map((d: any) => d.name)).not.toContain('display2x');
    expect(fs.existsSync(derivativeDir(sha256(recrop)))).toBe(true);
    expect(fs.existsSync(derivativeDir(photo.sha256))).toBe(false);
  });

  test('a file replaced in the media library re-derives the photo that shows it', async () => {
    const first = await makeTestJpeg({ seed: 41 });
    const replacement = await makeTestJpeg({ seed: 42, width: 1000, height: 1500 });
    const photo = await uploadPhoto(cms, { file: first, fileName: 'lib.jpg' });
    const image = await api(cms, 'GET', `/api/photos/${photo.documentId}?populate=image`);
    const form = new FormData();
    form.append('files', new Blob([replacement], { type: 'image/jpeg' }), 'lib-recrop.jpg');
    const replaced = await api(cms, 'POST', `/api/upload?id=${image.body.data.image.id}`, form);
    expect(replaced.status).toBe(200);
    const after = await api(cms, 'GET', `/api/photos/${photo.documentId}`);
    expect(after.body.data.sha256).toBe(sha256(replacement));
    expect([after.body.data.width, after.body.data.height]).toEqual([1000, 1500]);
    expect(fs.existsSync(derivativeDir(sha256(first)))).toBe(false);
    expect(fs.existsSync(derivativeDir(sha256(replacement)))).toBe(true);
  });

  test('deleting a photo removes its derivatives and nothing else', async () => {
    const bytes = await makeTestJpeg({ seed: 51 });
    const photo = await uploadPhoto(cms, { file: bytes, fileName: 'gone.jpg' });
    const others = filesUnder(path.join(cms.mediaDir, 'derivatives')).filter((f) => !f.includes(photo.sha256));
    const res = await api(cms, 'DELETE', `/api/photos/${photo.documentId}`);
    expect(res.status).toBe(204);
    expect(fs.existsSync(derivativeDir(photo.sha256))).toBe(false);
    expect(filesUnder(path.join(cms.mediaDir, 'derivatives')).sort()).toEqual(others.sort());
  });

  test('an owner\'s correction survives a re-read of the same image', async () => {
    const bytes = await makeTestJpeg({ seed: 61, exif: R7 });
    const photo = await uploadPhoto(cms, { file: bytes, fileName: 'edit.jpg' });
    const edited = await api(cms, 'PUT', `/api/photos/${photo.documentId}`, { data: { lens: 'RF 100-500 (corrected)' } });
    expect(edited.body.data.lens).toBe('RF 100-500 (corrected)');
    // Replace the media-library file with identical bytes: the pipeline runs again on the same image.
    const image = await api(cms, 'GET', `/api/photos/${photo.documentId}?status=draft&populate=image`);
    const form = new FormData();
    form.append('files', new Blob([bytes], { type: 'image/jpeg' }), 'edit.jpg');
    const replaced = await api(cms, 'POST', `/api/upload?id=${image.body.data.image.id}`, form);
    expect(replaced.status).toBe(200);
    const after = await api(cms, 'GET', `/api/photos/${photo.documentId}?status=draft`);
    expect(after.body.data.lens).toBe('RF 100-500 (corrected)');
    expect(after.body.data.camera).toBe('Canon EOS R7');
  });
});

describe('bad input gets a clear 400, leaves nothing behind, and the server keeps serving', () => {
  const truncated = async () => (await makeTestJpeg({ seed: 71, width: 1600, height: 1200 })).subarray(0, 40_000);
  const bombPng = () => {
    // A valid 3.8 kB PNG declaring 20000 × 20000 (400 megapixels): 64 rows of zeros, deflated.
    const chunk = (type: string, data: Buffer) => {
      const length = Buffer.alloc(4);
      length.writeUInt32BE(data.length);
      const crc = Buffer.alloc(4);
      crc.writeUInt32BE(zlib.crc32(Buffer.concat([Buffer.from(type), data])));
      return Buffer.concat([length, Buffer.from(type), data, crc]);
    };
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(20000, 0);
    ihdr.writeUInt32BE(20000, 4);
    ihdr[8] = 8;
    ihdr[9] = 2;
    return Buffer.concat([
      Buffer.from('89504e470d0a1a0a', 'hex'),
      chunk('IHDR', ihdr),
      chunk('IDAT', zlib.deflateSync(Buffer.alloc(60001 * 64))),
      chunk('IEND', Buffer.alloc(0)),
    ]);
  };
  const cases: Array<{ name: string; file: () => Buffer | Promise<Buffer>; fileName: string; mime?: string; message: RegExp }> = [
    { name: 'text named .jpg', file: () => Buffer.from('just some words, not a picture\n'), fileName: 'notes.jpg', message: /not|image/i },
    { name: 'HTML', file: () => Buffer.from('<!doctype html><html><script>alert(1)</script></html>'), fileName: 'page.jpg', message: /not|image|allowed/i },
    { name: 'SVG', file: () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), fileName: 'bird.svg', mime: 'image/svg+xml', message: /not|image|allowed|SVG/i },
    { name: 'a PDF renamed .jpg', file: () => Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF'), fileName: 'scan.jpg', message: /not|image|allowed/i },
    { name: 'a 0-byte file', file: () => Buffer.alloc(0), fileName: 'empty.jpg', message: /empty|not|image|Files are empty/i },
    { name: 'a truncated JPEG', file: truncated, fileName: 'cut.jpg', message: /damaged|incomplete|truncated/i },
    { name: 'an image over the pixel limit', file: bombPng, fileName: 'bomb.png', mime: 'image/png', message: /pixels|limit/i },
  ];

  test.each(cases)('$name', async ({ file, fileName, mime, message }) => {
    const before = uploads().length;
    const res = await uploadFile(cms, await file(), fileName, mime);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
    expect(uploads().length).toBe(before);
    const health = await fetch(`${cms.url}/_health`);
    expect(health.status).toBe(204);
  });

  test('a JPEG with damaged EXIF is accepted with what could be read', async () => {
    const good = await makeTestJpeg({ seed: 81, exif: R7 });
    const damaged = Buffer.from(good);
    // Point the first IFD's offset far outside the TIFF block: the EXIF is unreadable, the pixels fine.
    const tiff = damaged.indexOf(Buffer.from('Exif\0\0')) + 6;
    damaged.writeUInt32BE(0x7fffff00, tiff + 4);
    const photo = await uploadPhoto(cms, { file: damaged, fileName: 'damaged-exif.jpg' });
    expect(photo.sha256).toBe(sha256(damaged));
    expect(photo.width).toBe(1200);
    expect(photo.camera).toBeNull();
    expect(photo.derivatives.length).toBeGreaterThan(0);
  });
});

test('the database itself refuses a second draft row with the same sha256', async () => {
  const photos = cms.strapi.db.query('api::photo.photo');
  const sha = 'ab'.repeat(32);
  // publishedAt null said outright: a draft row (on PostgreSQL the query layer would otherwise fill it in).
  await photos.create({ data: { documentId: 'indexcheck000000000000001', sha256: sha, publishedAt: null } });
  await expect(photos.create({ data: { documentId: 'indexcheck000000000000002', sha256: sha, publishedAt: null } })).rejects.toThrow(/UNIQUE|sha_256/i);
  // A published row of the same document shares its draft's hash: that must stay possible.
  await expect(photos.create({ data: { documentId: 'indexcheck000000000000001', sha256: sha, publishedAt: new Date() } })).resolves.toBeTruthy();
  await photos.deleteMany({ where: { sha256: sha } });
});

test.skipIf(process.env.PLUMAGE_TEST_DB === 'postgres')('SQLite runs in WAL mode with a busy timeout', async () => {
  const knex = cms.strapi.db.connection;
  const [mode] = await knex.raw('PRAGMA journal_mode');
  const [timeout] = await knex.raw('PRAGMA busy_timeout');
  expect(mode.journal_mode).toBe('wal');
  expect(Object.values(timeout)[0]).toBe(5000);
});
