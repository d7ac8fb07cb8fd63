/** Species slugs (their page is /species/{slug}): made from the common name when none is given, unique, kept. */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startCms, type RunningCms } from '../support/cms';
import { api } from '../support/rest';

let cms: RunningCms;

beforeAll(async () => {
  cms = await startCms();
});

afterAll(async () => {
  await cms?.stop();
});

const create = async (data: Record<string, unknown>) => {
  const answer = await api(cms, 'POST', '/api/species-list', { data });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body.data as { documentId: string; slug: string | null };
};

test.each([
  { data: { commonName: 'Yellow Warbler' }, slug: 'yellow-warbler' },
  { data: { commonName: "Cetti's Warbler" }, slug: 'cettis-warbler' },
  { data: { commonName: 'Yellow  warbler!' }, slug: 'yellow-warbler-1' },
  { data: { commonName: 'Snowy Owl', slug: 'owl-of-the-north' }, slug: 'owl-of-the-north' },
  { data: { commonName: 'Black-capped Chickadee', slug: '' }, slug: 'black-capped-chickadee' },
])('$data.commonName → $slug', async ({ data, slug }) => {
  expect((await create(data)).slug).toBe(slug);
});

test('a rename keeps the slug (links keep working); emptying it makes a new one', async () => {
  const species = await create({ commonName: 'Mourning Dove' });
  const renamed = await api(cms, 'PUT', `/api/species-list/${species.documentId}`, { data: { commonName: 'Mourning Dove (Zenaida)' } });
  expect(renamed.body.data.slug).toBe('mourning-dove');
  const emptied = await api(cms, 'PUT', `/api/species-list/${species.documentId}`, { data: { slug: '' } });
  expect(emptied.body.data.slug).toBe('mourning-dove-zenaida');
});

test('species stored without a slug get one when the CMS starts', async () => {
  const species = await create({ commonName: 'American Robin' });
  await cms.strapi.db.query('api::species.species').update({ where: { documentId: species.documentId }, data: { slug: null } });
  const { backfillSpeciesSlugs } = await import('../../cms/dist/src/species/slug.js' as string);
  expect(await backfillSpeciesSlugs(cms.strapi)).toBe(1);
  const read = await api(cms, 'GET', `/api/species-list/${species.documentId}`);
  expect(read.body.data.slug).toBe('american-robin');
});
