/**
 * The admin pages' server routes (/add-photos/...): an admin session may use them, nobody else;
 * each file goes through the same pipeline as every other path.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startCms, type RunningCms } from '../support/cms';
import { ensureSpecies } from '../support/rest';
import { makeTestJpeg } from '../support/images';
import { registerOwner } from '../support/admin';

const PHOTO = 'api::photo.photo';

let cms: RunningCms;
let adminToken: string;

beforeAll(async () => {
  cms = await startCms();
  adminToken = await registerOwner(cms);
});
afterAll(async () => {
  await cms?.stop();
});

function uploadsCount(): number {
  return fs.readdirSync(path.join(cms.mediaDir, 'uploads')).length;
}

async function call(
  method: string,
  route: string,
  { token = adminToken, file, fileName = 'photo.jpg', data }: { token?: string | null; file?: Buffer; fileName?: string; data?: unknown } = {},
): Promise<{ status: number; body: any; bytes: Buffer; type: string | null }> {
  const form = new FormData();
  if (file) form.append('file', new Blob([file], { type: 'image/jpeg' }), fileName);
  if (data !== undefined) form.append('data', typeof data === 'string' ? data : JSON.stringify(data));
  const res = await fetch(`${cms.url}${route}`, {
    method,
    headers: token ? { Authorization: `Bearer ${token}` } : {},
    body: method === 'GET' ? undefined : form,
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  const type = res.headers.get('content-type');
  let body: any = null;
  if (type?.includes('json')) body = JSON.parse(bytes.toString('utf8'));
  return { status: res.status, body, bytes, type };
}

const addPhoto = (file: Buffer, data: unknown, query = '', fileName?: string) =>
  call('POST', `/add-photos/photos${query}`, { file, data, fileName });

describe('who may use the admin routes', () => {
  test.each([
    { who: 'nobody signed in', token: () => null },
    { who: 'a full-access API token (it is for the content API only)', token: () => cms.token },
    { who: 'the read-only site token', token: () => cms.readToken },
    { who: 'a forged bearer', token: () => 'not-a-session' },
  ])('$who is refused with 401 and nothing is stored', async ({ token }) => {
    const before = uploadsCount();
    const res = await call('POST', '/add-photos/photos', { token: token(), file: await makeTestJpeg({ seed: 301 }), data: {} });
    expect(res.status).toBe(401);
    expect(uploadsCount()).toBe(before);
    expect((await call('GET', '/add-photos/species-counts', { token: token() })).status).toBe(401);
  });
});

describe('POST /add-photos/photos', () => {
  test('creates a draft by default, with the batch species and what the file says', async () => {
    const [species] = await ensureSpecies(cms, ['Cape May Warbler']);
    const bytes = await makeTestJpeg({ seed: 302, exif: { make: 'Canon', model: 'Canon EOS R7', dateTimeOriginal: '2022:05:10 08:00:00' } });
    const res = await addPhoto(bytes, { species: [species] });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ status: 'draft', species: ['Cape May Warbler'] });
    const draft = await cms.strapi.documents(PHOTO).findOne({ documentId: res.body.data.documentId, status: 'draft' });
    expect(draft).toMatchObject({ camera: 'Canon EOS R7', takenYear: 2022, takenMonth: 5 });
    expect(draft.sha256).toBe(crypto.createHash('sha256').update(bytes).digest('hex'));
    expect(await cms.strapi.documents(PHOTO).findOne({ documentId: res.body.data.documentId, status: 'published' })).toBeNull();
  });

  test('?status=published publishes it', async () => {
    const res = await addPhoto(await makeTestJpeg({ seed: 303 }), {}, '?status=published');
    expect(res.status).toBe(201);
    expect(res.body.data.status).toBe('published');
    expect(await cms.strapi.documents(PHOTO).findOne({ documentId: res.body.data.documentId, status: 'published' })).toBeTruthy();
  });

  test('the same file again is a duplicate naming the first photo; nothing is stored twice', async () => {
    const bytes = await makeTestJpeg({ seed: 304 });
    const first = await addPhoto(bytes, { title: 'Ovenbird on the boardwalk' });
    expect(first.status).toBe(201);
    const before = [uploadsCount(), await cms.strapi.db.query(PHOTO).count()];
    const again = await addPhoto(bytes, {}, '', 'ovenbird-copy.jpg');
    expect(again.status).toBe(400);
    expect(again.body.error.details.duplicateOf).toBe(first.body.data.documentId);
    expect(again.body.error.message).toContain('Ovenbird on the boardwalk');
    expect(again.body.error.message).toContain('ovenbird-copy.jpg');
    expect([uploadsCount(), await cms.strapi.db.query(PHOTO).count()]).toEqual(before);
  });

  test.each([
    { name: 'a text file named .jpg', file: 'text', data: {}, message: /notes\.jpg/ },
    { name: 'no file', file: 'none', data: {}, message: /exactly one image/ },
    { name: 'data that is not JSON', file: 'jpeg', data: '{species:', message: /JSON object/ },
    { name: 'a species that does not exist', file: 'jpeg', data: { species: ['nosuchspecies00000000000'] }, message: /not in the species list/ },
  ])('refuses $name with a sentence and stores nothing', async ({ file, data, message }) => {
    const before = [uploadsCount(), await cms.strapi.db.query(PHOTO).count()];
    const bytes = { text: Buffer.from('these are my field notes, not a photo\n'), none: undefined, jpeg: await makeTestJpeg({ seed: 305 }) }[file];
    const res = await call('POST', '/add-photos/photos', { file: bytes, fileName: 'notes.jpg', data });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
    expect([uploadsCount(), await cms.strapi.db.query(PHOTO).count()]).toEqual(before);
  });
});

describe('the edit view actions', () => {
  test('read the file again restores what the file says, keeping a hand correction', async () => {
    const bytes = await makeTestJpeg({ seed: 310, exif: { make: 'NIKON CORPORATION', model: 'NIKON Z 6_2', lens: 'NIKKOR Z 180-600mm f/5.6-6.3 VR', iso: 1600 } });
    const { documentId } = (await addPhoto(bytes, {})).body.data;
    // As an older reader would have left it: no lens; and the owner corrected the camera by hand.
    const draft = await cms.strapi.db.query(PHOTO).findOne({ where: { documentId, publishedAt: null } });
    await cms.strapi.db.query(PHOTO).update({
      where: { id: draft.id },
      data: { lens: null, camera: 'Nikon Z6 II (hand)', pipelineValues: { ...draft.pipelineValues, lens: null } },
    });
    const res = await call('POST', `/add-photos/photos/${documentId}/read-again`);
    expect(res.status).toBe(200);
    const after = await cms.strapi.documents(PHOTO).findOne({ documentId, status: 'draft' });
    expect(after).toMatchObject({ lens: 'NIKKOR Z 180-600mm f/5.6-6.3 VR', camera: 'Nikon Z6 II (hand)', iso: 1600 });
    expect((await call('POST', '/add-photos/photos/nosuchphoto000000000000/read-again')).status).toBe(404);
  });

  test('replace the image: a new original runs the pipeline; a duplicate is refused and leaves no file', async () => {
    const { documentId } = (await addPhoto(await makeTestJpeg({ seed: 320 }), {})).body.data;
    const other = (await addPhoto(await makeTestJpeg({ seed: 321 }), { title: 'Other' })).body.data;
    const replacement = await makeTestJpeg({ seed: 322, exif: { make: 'SONY', model: 'ILCE-1' } });
    const before = uploadsCount();
    const res = await call('POST', `/add-photos/photos/${documentId}/image`, { file: replacement, fileName: 'better.jpg' });
    expect(res.status).toBe(200);
    const draft = await cms.strapi.documents(PHOTO).findOne({ documentId, status: 'draft', populate: ['image'] });
    expect(draft.sha256).toBe(crypto.createHash('sha256').update(replacement).digest('hex'));
    expect(draft.image.name).toBe('better.jpg');
    expect(draft.camera).toMatch(/ILCE-1/);
    expect(uploadsCount()).toBe(before); // the old draft-only original went with it

    const otherBytes = await makeTestJpeg({ seed: 321 });
    const refused = await call('POST', `/add-photos/photos/${documentId}/image`, { file: otherBytes, fileName: 'again.jpg' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.duplicateOf).toBe(other.documentId);
    expect(uploadsCount()).toBe(before);
  });

  test('the preview is the display JPEG of the draft', async () => {
    const { documentId } = (await addPhoto(await makeTestJpeg({ seed: 330, width: 2400, height: 1600 }), {})).body.data;
    const res = await call('GET', `/add-photos/photos/${documentId}/preview`);
    expect(res.status).toBe(200);
    expect(res.type).toBe('image/jpeg');
    expect(res.bytes.subarray(0, 2).toString('hex')).toBe('ffd8');
    expect((await call('GET', '/add-photos/photos/nosuchphoto000000000000/preview')).status).toBe(404);
  });
});

test('species counts count photos, not their draft and published rows', async () => {
  const [heron, egret] = await ensureSpecies(cms, ['Green Heron', 'Great Egret']);
  await addPhoto(await makeTestJpeg({ seed: 340 }), { species: [heron] }, '?status=published');
  await addPhoto(await makeTestJpeg({ seed: 341 }), { species: [heron, egret] });
  const res = await call('GET', '/add-photos/species-counts');
  expect(res.status).toBe(200);
  expect(res.body.data[heron!]).toBe(2);
  expect(res.body.data[egret!]).toBe(1);
});

test('the species of the photos a list page shows, by name; a query over the limit is refused', async () => {
  const [sora, rail] = await ensureSpecies(cms, ['Sora', 'Virginia Rail']);
  const both = (await addPhoto(await makeTestJpeg({ seed: 350 }), { species: [sora, rail] }, '?status=published')).body.data.documentId;
  const none = (await addPhoto(await makeTestJpeg({ seed: 351 }), {})).body.data.documentId;
  const res = await call('GET', `/add-photos/photo-species?documentIds=${both},${none},nosuchphoto000000000000`);
  expect(res.status).toBe(200);
  expect(res.body.data).toEqual({ [both]: ['Sora', 'Virginia Rail'], [none]: [], nosuchphoto000000000000: [] });
  const tooMany = Array.from({ length: 101 }, (_, i) => `p${i}`).join(',');
  const refused = await call('GET', `/add-photos/photo-species?documentIds=${tooMany}`);
  expect(refused.status).toBe(400);
  expect(refused.body.error.message).toMatch(/at most 100 photos/);
  expect((await call('GET', `/add-photos/photo-species?documentIds=${both}`, { token: cms.token })).status).toBe(401);
});
