import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startCms, type RunningCms } from '../support/cms';
import { ensureSpecies } from '../support/rest';
import { makeTestJpeg } from '../support/images';

let cms: RunningCms;

beforeAll(async () => {
  cms = await startCms();
});
afterAll(async () => {
  await cms?.stop();
});

function uploadsCount(): number {
  return fs.readdirSync(path.join(cms.mediaDir, 'uploads')).length;
}

function derivativeFolders(): number {
  const root = path.join(cms.mediaDir, 'derivatives');
  return fs.readdirSync(root).reduce((n, prefix) => n + fs.readdirSync(path.join(root, prefix)).length, 0);
}

async function ingest(file: Buffer | null, data: unknown, query = ''): Promise<{ status: number; body: any }> {
  const form = new FormData();
  if (file) form.append('file', new Blob([file], { type: 'image/jpeg' }), 'ingest.jpg');
  if (data !== undefined) form.append('data', typeof data === 'string' ? data : JSON.stringify(data));
  const res = await fetch(`${cms.url}/api/photos/ingest${query}`, { method: 'POST', headers: { Authorization: `Bearer ${cms.token}` }, body: form });
  return { status: res.status, body: await res.json() };
}

describe('POST /api/photos/ingest', () => {
  test('stores the file and creates a published photo in one call', async () => {
    const bytes = await makeTestJpeg({ seed: 101, exif: { make: 'NIKON CORPORATION', model: 'NIKON Z 6_2', dateTimeOriginal: '2018:05:14 09:12:00' } });
    const [species] = await ensureSpecies(cms, ['Blackburnian Warbler']);
    const res = await ingest(bytes, { title: 'Blackburnian', location: 'Magee Marsh', species: [species] });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ title: 'Blackburnian', location: 'Magee Marsh', takenYear: 2018, takenMonth: 5 });
    expect(res.body.data.sha256).toBe(crypto.createHash('sha256').update(bytes).digest('hex'));
    expect(res.body.data.species.map((s: any) => s.commonName)).toEqual(['Blackburnian Warbler']);
    expect(res.body.data.publishedAt).toBeTruthy();
  });

  test('a duplicate answers as the contract says and stores nothing', async () => {
    const bytes = await makeTestJpeg({ seed: 102 });
    const first = await ingest(bytes, { title: 'first' });
    expect(first.status).toBe(201);
    const before = uploadsCount();
    const again = await ingest(bytes, { title: 'again' });
    expect(again.status).toBe(400);
    expect(again.body.error.message).toMatch(/already in the collection/);
    expect(again.body.error.details.duplicateOf).toBe(first.body.data.documentId);
    expect(uploadsCount()).toBe(before);
  });

  test.each([
    { name: 'no file', file: null, data: { title: 'x' }, message: /exactly one image/ },
    { name: 'data that is not JSON', file: 'jpeg', data: '{title:', message: /JSON object/ },
  ])('refuses $name with a sentence and leaves no file behind', async ({ file, data, message }) => {
    const before = uploadsCount();
    const res = await ingest(file ? await makeTestJpeg({ seed: 103 }) : null, data);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
    expect(uploadsCount()).toBe(before);
  });

  test('a photo refused after the file was stored takes the file away again', async () => {
    const before = [uploadsCount(), derivativeFolders()];
    const res = await ingest(await makeTestJpeg({ seed: 104 }), { title: 'x'.repeat(500) });
    expect(res.status).toBe(400);
    expect([uploadsCount(), derivativeFolders()]).toEqual(before);
  });

  test('needs a token', async () => {
    const form = new FormData();
    form.append('file', new Blob([await makeTestJpeg({ seed: 105 })], { type: 'image/jpeg' }), 'a.jpg');
    const res = await fetch(`${cms.url}/api/photos/ingest`, { method: 'POST', body: form });
    expect([401, 403]).toContain(res.status);
  });
});
