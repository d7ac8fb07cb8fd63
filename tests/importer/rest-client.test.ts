/**
 * The REST API as a script author uses it, through Strapi's official client (@strapi/client):
 * upload and create a photo (one call or two), list and filter, change fields, replace the
 * image, delete. The README's curl examples make the same calls.
 */
import crypto from 'node:crypto';
import { HTTPBadRequestError, strapi as strapiClient, type StrapiClient } from '@strapi/client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startCms, type RunningCms } from '../support/cms';
import { makeTestJpeg } from '../support/images';

let cms: RunningCms;
let client: StrapiClient;

beforeAll(async () => {
  cms = await startCms();
  client = strapiClient({ baseURL: `${cms.url}/api`, auth: cms.token });
});
afterAll(async () => {
  await cms?.stop();
});

const sha256 = (bytes: Buffer) => crypto.createHash('sha256').update(bytes).digest('hex');

/** POST /api/photos/ingest: the file and the photo's fields in one multipart call. */
async function ingest(bytes: Buffer, data: Record<string, unknown>, fileName = 'photo.jpg') {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), fileName);
  form.append('data', JSON.stringify(data));
  const res = await client.fetch('/photos/ingest?status=published', { method: 'POST', body: form });
  return (await res.json()) as { data: any };
}

async function speciesId(commonName: string): Promise<string> {
  const species = client.collection('species-list');
  const found = await species.find({ filters: { commonName: { $eqi: commonName } } });
  if (found.data.length > 0) return found.data[0]!.documentId;
  return (await species.create({ commonName })).data.documentId;
}

describe('REST for scripts, through @strapi/client', () => {
  test('one call: POST /api/photos/ingest stores the file and publishes the photo', async () => {
    const bytes = await makeTestJpeg({ seed: 8000, exif: { make: 'Canon', model: 'Canon EOS R5', dateTimeOriginal: '2021:04:12 07:31:05', offsetTimeOriginal: '-04:00' } });
    const yellowWarbler = await speciesId('Yellow Warbler');
    const { data } = await ingest(bytes, { title: 'Yellow Warbler', location: 'Magee Marsh', species: [yellowWarbler] });
    expect(data).toMatchObject({ title: 'Yellow Warbler', camera: 'Canon EOS R5', takenYear: 2021, takenMonth: 4, sha256: sha256(bytes) });
    expect(data.publishedAt).toBeTruthy();
    expect(data.species.map((s: any) => s.commonName)).toEqual(['Yellow Warbler']);
  });

  test('a duplicate is refused with the existing photo named in error.details.duplicateOf', async () => {
    const bytes = await makeTestJpeg({ seed: 8001 });
    const first = await ingest(bytes, { title: 'first' });
    const error = await ingest(bytes, { title: 'again' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HTTPBadRequestError);
    const body = await (error as HTTPBadRequestError).response.json();
    expect(body.error.message).toMatch(/already in the collection/);
    expect(body.error.details.duplicateOf).toBe(first.data.documentId);
  });

  test('two calls: upload with files.upload, then create the photo with its id, published', async () => {
    const bytes = await makeTestJpeg({ seed: 8002 });
    const [file] = (await client.files.upload(bytes, { filename: 'IMG_8002.jpg', mimetype: 'image/jpeg' })) as unknown as Array<{ id: number }>;
    const photos = client.collection('photos');
    const created = await photos.create({ image: file!.id, title: 'Common Yellowthroat', species: [await speciesId('Common Yellowthroat')] }, { status: 'published' } as any);
    expect(created.data).toMatchObject({ title: 'Common Yellowthroat', sha256: sha256(bytes) });
    expect(created.data.publishedAt).toBeTruthy();
  });

  test('list and filter: by species name, by year, and find a photo by its hash', async () => {
    const photos = client.collection('photos');
    const yellow = await photos.find({ filters: { species: { commonName: { $containsi: 'yellow' } } }, populate: { species: { fields: ['commonName'] } }, sort: ['title:asc'] } as any);
    expect(yellow.data.map((p: any) => p.title)).toEqual(['Common Yellowthroat', 'Yellow Warbler']);
    const april2021 = await photos.find({ filters: { takenYear: { $eq: 2021 }, takenMonth: { $eq: 4 } }, fields: ['title'] } as any);
    expect(april2021.data.map((p: any) => p.title)).toEqual(['Yellow Warbler']);
    const bytes = await makeTestJpeg({ seed: 8002 });
    const byHash = await photos.find({ filters: { sha256: { $eq: sha256(bytes) } }, status: 'draft' } as any);
    expect(byHash.data.map((p: any) => p.title)).toEqual(['Common Yellowthroat']);
  });

  test('change fields of a published photo (the draft and the live version)', async () => {
    const { data } = await ingest(await makeTestJpeg({ seed: 8003 }), { title: 'Sora' });
    const photos = client.collection('photos');
    await photos.update(data.documentId, { caption: 'Calling from the cattails', location: 'Horicon Marsh' }, { status: 'published' } as any);
    const live = await photos.findOne(data.documentId);
    expect(live.data).toMatchObject({ caption: 'Calling from the cattails', location: 'Horicon Marsh', sha256: data.sha256 });
  });

  test('replace the image: in the media library (same file id), the photo is derived again', async () => {
    const { data } = await ingest(await makeTestJpeg({ seed: 8004 }), { title: 'Wood Duck (before the re-crop)' });
    const photos = client.collection('photos');
    const withImage = await photos.findOne(data.documentId, { populate: ['image'] } as any);
    const fileId = withImage.data.image.id;
    const recropped = await makeTestJpeg({ seed: 8005, width: 1000, height: 1000 });
    const form = new FormData();
    form.append('files', new Blob([new Uint8Array(recropped)], { type: 'image/jpeg' }), 'wood-duck-crop.jpg');
    await client.fetch(`/upload?id=${fileId}`, { method: 'POST', body: form });
    const live = await photos.findOne(data.documentId, { populate: ['image'] } as any);
    expect(live.data).toMatchObject({ sha256: sha256(recropped), width: 1000, height: 1000 });
    expect(live.data.image.id).toBe(fileId);
  });

  test('replace the image: upload another file, point the photo at it, delete the old file', async () => {
    const { data } = await ingest(await makeTestJpeg({ seed: 8006 }), { title: 'Mallard' });
    const photos = client.collection('photos');
    const oldFileId = (await photos.findOne(data.documentId, { populate: ['image'] } as any)).data.image.id;
    const replacement = await makeTestJpeg({ seed: 8007 });
    const [file] = (await client.files.upload(replacement, { filename: 'mallard-2.jpg', mimetype: 'image/jpeg' })) as unknown as Array<{ id: number }>;
    await photos.update(data.documentId, { image: file!.id }, { status: 'published' } as any);
    await client.files.delete(oldFileId);
    const live = await photos.findOne(data.documentId, { populate: ['image'] } as any);
    expect(live.data).toMatchObject({ sha256: sha256(replacement) });
    expect(live.data.image.id).toBe(file!.id);
    expect((await client.files.find()).map((f: any) => f.id)).not.toContain(oldFileId);
  });

  test('delete a photo, then its file', async () => {
    const { data } = await ingest(await makeTestJpeg({ seed: 8008 }), { title: 'Killdeer' });
    const photos = client.collection('photos');
    const fileId = (await photos.findOne(data.documentId, { populate: ['image'] } as any)).data.image.id;
    await photos.delete(data.documentId);
    await client.files.delete(fileId);
    const left = await photos.find({ filters: { documentId: { $eq: data.documentId } }, status: 'draft' } as any);
    expect(left.data).toEqual([]);
    expect((await client.files.find()).map((f: any) => f.id)).not.toContain(fileId);
  });
});
