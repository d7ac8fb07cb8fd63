/**
 * GET /api/life-list: every species with its published photo count and first photo in one answer, for the site's
 * read-only token; nothing for the public; fields fixed on the server; drafts not counted.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startCms, type RunningCms } from '../support/cms';
import { makeTestJpeg } from '../support/images';
import { api, ensureSpecies, uploadFile, uploadPhoto } from '../support/rest';

let cms: RunningCms;
const ids: Record<string, string> = {};

beforeAll(async () => {
  cms = await startCms();
  await ensureSpecies(cms, ['Snowy Owl', 'Yellow Warbler', 'Great Horned Owl'], {
    'Snowy Owl': { taxonomicOrder: 10, family: 'Strigidae (Owls)', code: 'SNOW', ebirdCode: 'snoowl1', hideLocation: true },
    'Great Horned Owl': { taxonomicOrder: 11 },
    'Yellow Warbler': { taxonomicOrder: 50, scientificName: 'Setophaga petechia' },
  });
  const photos = [
    { key: 'w1', species: ['Yellow Warbler'], date: '2021:05:03 09:00:00' },
    { key: 'w0', species: ['Yellow Warbler'], date: '2019:04:20 08:00:00' },
    { key: 'pair', species: ['Yellow Warbler', 'Snowy Owl'], date: '2020:01:10 12:00:00' },
    { key: 'draft', species: ['Great Horned Owl'], date: '2015:01:01 12:00:00', publish: false },
  ];
  for (const [index, photo] of photos.entries()) {
    const file = await makeTestJpeg({ width: 800, height: 600, seed: 40 + index * 13, exif: { dateTimeOriginal: photo.date, offsetTimeOriginal: '-05:00' } });
    if (photo.publish === false) {
      // A draft (REST creates published unless told otherwise): its species must not count.
      const upload = await uploadFile(cms, file, `${photo.key}.jpg`);
      const [speciesId] = await ensureSpecies(cms, photo.species);
      const draft = await api(cms, 'POST', '/api/photos?status=draft', { data: { image: upload.body[0].id, species: [speciesId] } });
      expect(draft.status).toBe(201);
      ids[photo.key] = draft.body.data.documentId;
      continue;
    }
    ids[photo.key] = (await uploadPhoto(cms, { file, fileName: `${photo.key}.jpg`, species: photo.species })).documentId;
  }
});

afterAll(async () => {
  await cms?.stop();
});

const get = (path: string, token: string | null) =>
  fetch(`${cms.url}${path}`, { headers: token === null ? {} : { Authorization: `Bearer ${token}` } });

test('the site’s read-only token gets every species in field-guide order, with counts and first photos of published photos', async () => {
  const answer = await get('/api/life-list', cms.readToken);
  expect(answer.status).toBe(200);
  const body = await answer.json();
  expect(body.meta).toEqual({ years: [2021, 2020, 2019] });
  expect(body.data.map((one: any) => [one.commonName, one.photoCount, one.lifer?.documentId ?? null, one.lifer?.takenAtLocal ?? null])).toEqual([
    ['Snowy Owl', 1, ids.pair, '2020-01-10T12:00:00-05:00'],
    ['Great Horned Owl', 0, null, null],
    ['Yellow Warbler', 3, ids.w0, '2019-04-20T08:00:00-05:00'],
  ]);
  expect(body.data[0]).toMatchObject({ slug: 'snowy-owl', family: 'Strigidae (Owls)', code: 'SNOW', ebirdCode: 'snoowl1', hideLocation: true });
  expect(body.data[2].lifer.takenAt).toBe('2019-04-20T13:00:00.000Z');
  expect(Object.keys(body.data[0]).sort()).toEqual(
    ['code', 'commonName', 'documentId', 'ebirdCode', 'family', 'hideLocation', 'lifer', 'photoCount', 'scientificName', 'slug', 'taxonomicOrder'].sort(),
  );
});

test('what a client asks for changes nothing: fields and populate are the server’s', async () => {
  const plain = await (await get('/api/life-list', cms.readToken)).json();
  const asked = await (await get('/api/life-list?fields[0]=commonName&populate=*&filters[commonName][$eq]=Dodo', cms.readToken)).json();
  expect(asked).toEqual(plain);
});

test('the public gets nothing; writing is not a route', async () => {
  // 401: the public role holds no permission at all (cms/src/bootstrap/public-role.ts).
  expect((await get('/api/life-list', null)).status).toBe(401);
  const post = await fetch(`${cms.url}/api/life-list`, { method: 'POST', headers: { Authorization: `Bearer ${cms.readToken}` } });
  expect([404, 405]).toContain(post.status);
});

test('a published photo’s new species shows at once (no cache in the CMS)', async () => {
  const species = await api(cms, 'GET', '/api/species-list?filters[commonName][$eq]=Great%20Horned%20Owl');
  await api(cms, 'PUT', `/api/photos/${ids.w1}?status=published`, { data: { species: [species.body.data[0].documentId] } });
  const body = await (await get('/api/life-list', cms.readToken)).json();
  expect(body.data.find((one: any) => one.commonName === 'Great Horned Owl').photoCount).toBe(1);
  expect(body.data.find((one: any) => one.commonName === 'Yellow Warbler').photoCount).toBe(2);
});
