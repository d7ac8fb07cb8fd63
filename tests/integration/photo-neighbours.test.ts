/**
 * GET /api/photos/:documentId/neighbours against a Strapi in process (SQLite here, PostgreSQL in integration-pg):
 * for every photo of a selection, its position, total, previous and next agree with the gallery's own order (the
 * REST list with the site's filters and `sortFor`), including equal takenAt, missing takenAt, several species, no
 * species, species without taxonomic order, drafts.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { selectionToStrapiFilters, type Selection } from '@plumage/shared';
import { startCms, type RunningCms } from '../support/cms';
import { sortFor, type PhotoOrder } from '../../web/src/lib/photo-order';
import { toQueryString } from '../../web/src/lib/strapi-query';

const PHOTO = 'api::photo.photo';
const SPECIES = 'api::species.species';

let cms: RunningCms;
const speciesId: Record<string, number> = {};

/** Species: [common name, scientific name, code, taxonomic order]. */
const SPECIES_ROWS: Array<[string, string | null, string | null, number | null]> = [
  ['Yellow Warbler', 'Setophaga petechia', 'YEWA', 10],
  ['Snowy Owl', 'Bubo scandiacus', 'SNOW', 5],
  ['Owl Parrot', 'Strigops habroptilus', 'KAKA', 20],
  ['Mystery Bird', null, null, null],
];

/** Photos: [takenAt or null, species]; several share an instant, some have none, one has no species. */
const PHOTOS: Array<[string | null, string[]]> = [
  ['2021-05-03T08:00:00.000Z', ['Yellow Warbler']],
  ['2021-05-03T08:00:00.000Z', ['Snowy Owl']],
  ['2021-05-03T08:00:00.000Z', ['Yellow Warbler', 'Snowy Owl']],
  ['2020-05-10T10:00:00.000Z', ['Owl Parrot', 'Yellow Warbler']],
  [null, ['Snowy Owl']],
  [null, ['Yellow Warbler']],
  ['2019-01-01T00:00:00.000Z', []],
  ['2022-05-01T00:00:00.000Z', ['Mystery Bird']],
  ['2022-05-01T00:00:00.000Z', ['Mystery Bird', 'Owl Parrot']],
  ['2018-05-20T12:00:00.000Z', ['Owl Parrot']],
  ['2023-07-04T06:30:00.000Z', ['Snowy Owl', 'Mystery Bird']],
  ['2021-05-03T08:00:00.000Z', ['Owl Parrot']],
];

async function publishedSpecies(name: string, scientificName: string | null, code: string | null, taxonomicOrder: number | null) {
  const made = await cms.strapi.documents(SPECIES).create({ data: { commonName: name, scientificName, code, taxonomicOrder }, status: 'published' });
  const row = await cms.strapi.db.query(SPECIES).findOne({ where: { documentId: made.documentId, publishedAt: { $notNull: true } } });
  return row.id as number;
}

/** A photo document as Strapi 5 stores it (draft and published rows, both linked), without an image file. */
async function photoRows(takenAt: string | null, species: string[], published = true): Promise<string> {
  const documentId = crypto.randomBytes(12).toString('hex');
  const date = takenAt === null ? null : new Date(takenAt);
  const data = {
    documentId,
    title: `photo ${documentId.slice(0, 6)}`,
    takenAt: date,
    takenYear: date?.getUTCFullYear() ?? null,
    takenMonth: date === null ? null : date.getUTCMonth() + 1,
    species: species.map((name) => speciesId[name]),
  };
  await cms.strapi.db.query(PHOTO).create({ data: { ...data, publishedAt: null } });
  if (published) await cms.strapi.db.query(PHOTO).create({ data: { ...data, publishedAt: new Date() } });
  return documentId;
}

async function get(path: string, token: string | null = cms.readToken): Promise<{ status: number; body: any }> {
  const res = await fetch(`${cms.url}${path}`, { headers: token === null ? {} : { Authorization: `Bearer ${token}` } });
  return { status: res.status, body: await res.json().catch(() => null) };
}

/** The gallery's order: the REST list the site reads, with its filters and sort. */
async function galleryOrder(selection: Selection, order: PhotoOrder): Promise<string[]> {
  const query = toQueryString({ filters: selectionToStrapiFilters(selection), fields: ['takenAt'], sort: sortFor(order), pagination: { page: 1, pageSize: 100 }, status: 'published' });
  const answer = await get(`/api/photos?${query}`);
  expect(answer.status).toBe(200);
  return answer.body.data.map((photo: { documentId: string }) => photo.documentId);
}

function neighboursPath(documentId: string, selection: Selection, order: PhotoOrder): string {
  const params = new URLSearchParams({ order });
  for (const word of selection.species) params.append('species', word);
  if (selection.year !== null) params.set('year', String(selection.year));
  if (selection.month !== null) params.set('month', String(selection.month));
  return `/api/photos/${documentId}/neighbours?${params}`;
}

let allPhotos: string[] = [];
let draftOnly = '';

beforeAll(async () => {
  cms = await startCms();
  for (const [name, scientificName, code, order] of SPECIES_ROWS) speciesId[name] = await publishedSpecies(name, scientificName, code, order);
  for (const [takenAt, species] of PHOTOS) allPhotos.push(await photoRows(takenAt, species));
  draftOnly = await photoRows('2021-05-03T08:00:00.000Z', ['Snowy Owl'], false);
});
afterAll(async () => {
  await cms?.stop();
});

const SELECTIONS: Array<{ name: string; selection: Selection }> = [
  { name: 'everything', selection: { species: [], year: null, month: null } },
  { name: 'a word matching two species', selection: { species: ['owl'], year: null, month: null } },
  { name: 'two words, matched by different species of one photo', selection: { species: ['owl', 'warbler'], year: null, month: null } },
  { name: 'a code, in another case', selection: { species: ['yewa'], year: null, month: null } },
  { name: 'a scientific name', selection: { species: ['bubo'], year: null, month: null } },
  { name: 'a month', selection: { species: [], year: null, month: 5 } },
  { name: 'a word and a year and a month', selection: { species: ['owl'], year: 2021, month: 5 } },
];

describe('GET /api/photos/:documentId/neighbours', () => {
  for (const order of ['newest', 'field-guide'] as const) {
    test.each(SELECTIONS)(`${order}: $name agrees with the gallery's order`, async ({ selection }) => {
      const gallery = await galleryOrder(selection, order);
      expect(gallery.length).toBeGreaterThan(0);
      for (const [index, documentId] of gallery.entries()) {
        const answer = await get(neighboursPath(documentId, selection, order));
        expect(answer.status, `${documentId} at ${index + 1}`).toBe(200);
        expect(answer.body.data, `${documentId} at ${index + 1} of ${gallery.join(' ')}`).toEqual({
          position: index + 1,
          total: gallery.length,
          previous: gallery[index - 1] ?? null,
          next: gallery[index + 1] ?? null,
        });
      }
      // A photo outside the selection, a draft, an unknown id: not found, so the site walks all photos.
      for (const outside of [...allPhotos.filter((id) => !gallery.includes(id)), draftOnly, 'nosuchphoto']) {
        expect((await get(neighboursPath(outside, selection, order))).status, outside).toBe(404);
      }
    });
  }

  test('the fixture has the cases the order must get right', async () => {
    const gallery = await galleryOrder({ species: [], year: null, month: null }, 'field-guide');
    expect(gallery).toHaveLength(PHOTOS.length);
    // Equal takenAt, missing takenAt, several species, no species, a species without taxonomic order.
    expect(new Set(PHOTOS.map(([takenAt]) => takenAt)).size).toBeLessThan(PHOTOS.length);
    expect(PHOTOS.some(([takenAt]) => takenAt === null)).toBe(true);
    expect(PHOTOS.some(([, species]) => species.length === 0)).toBe(true);
  });

  test.each([
    { query: 'species=owl%25', message: /not a species word/ },
    { query: 'month=13', message: /month/ },
    { query: 'year=nineteen', message: /year/ },
    { query: 'order=random', message: /order/ },
  ])('refuses $query with a 400 that says why', async ({ query, message }) => {
    const answer = await get(`/api/photos/${allPhotos[0]}/neighbours?${query}`);
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toMatch(message);
  });

  test('the read-only token may call it, a visitor without a token may not', async () => {
    expect((await get(`/api/photos/${allPhotos[0]}/neighbours`)).status).toBe(200);
    expect((await get(`/api/photos/${allPhotos[0]}/neighbours`, null)).status).toBeGreaterThanOrEqual(401);
    expect((await get(`/api/photos/${allPhotos[0]}/neighbours`, null)).status).toBeLessThanOrEqual(403);
  });

  test('answers documentIds and numbers only', async () => {
    const answer = await get(`/api/photos/${allPhotos[0]}/neighbours?species=warbler`);
    expect(Object.keys(answer.body.data).sort()).toEqual(['next', 'position', 'previous', 'total']);
  });
});
