/**
 * Who may see what, against a real CMS: every content-API route (`/api/*`, listed from Strapi's own router, not
 * from a list kept here) refuses a visitor without a token; the answers to the site's read-only token carry no
 * private field; and that token cannot learn admin data through relation filters, sorts or populates (the class of
 * Strapi's CVE-2026-27886: `where[updatedBy][email][$startsWith]=a` as a boolean oracle). Every probe is sent
 * twice, with a guess that is true and one that is false: the answers must be a refusal, or identical.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startCms, type RunningCms } from '../support/cms';
import { makeTestJpeg } from '../support/images';
import { ensureSpecies, registerFirstAdmin, uploadPhoto } from '../support/rest';
import { createTally } from './support/tally';

const PHOTO = 'api::photo.photo';
const owner = { email: 'owner@plumage.test', password: 'Owner-secret-1', firstname: 'Owner' };
const editor = { email: 'zed.editor@plumage.test', password: 'Editor-secret-2', firstname: 'Zed' };

let cms: RunningCms;
/** What must never appear in an answer to the site's token or to nobody. */
let secrets: string[] = [];
const anonymous = createTally('access-anonymous', "every /api/* route of Strapi's router, no token: 401/403");
const oracle = createTally('access-oracle', "read-only token: filters/sort/populate on admin data refused or blind");
const fields = createTally('access-private-fields', 'answers to the read-only token carry no private field');
const writes = createTally('access-readonly-writes', 'read-only token: create, update, delete, ingest refused');

beforeAll(async () => {
  cms = await startCms();
  await registerFirstAdmin(cms, owner);
  const admins = cms.strapi.service('admin::user');
  const ownerRow = await cms.strapi.db.query('admin::user').findOne({ where: { email: owner.email } });
  const editorRow = await admins.create({ ...editor, isActive: true, registrationToken: null, roles: [] });
  // A reset token waiting on the owner's account: a secret a filter on `resetPasswordToken` would try to read.
  await cms.strapi.db.query('admin::user').update({ where: { id: ownerRow.id }, data: { resetPasswordToken: 'f5673d1a435fea58f0c9be5c7548eefb570d6601' } });
  const stored = await cms.strapi.db.query('admin::user').findMany({ select: ['email', 'password', 'resetPasswordToken'] });
  secrets = stored.flatMap((row: Record<string, string | null>) => [row.email, row.password, row.resetPasswordToken]).filter((s: string | null): s is string => !!s);

  // Two photos, each as an admin in the Content Manager leaves it: created and updated by one of them.
  await ensureSpecies(cms, ['Snow Bunting']);
  for (const [seed, author] of [[1, ownerRow], [2, editorRow]] as const) {
    const photo = await uploadPhoto(cms, { file: await makeTestJpeg({ seed: 900 + seed }), fileName: `p${seed}.jpg`, species: ['Snow Bunting'] });
    await cms.strapi.db.query(PHOTO).updateMany({ where: { documentId: photo.documentId }, data: { createdBy: author.id, updatedBy: author.id } });
    const rows = await cms.strapi.db.query(PHOTO).findMany({ where: { documentId: photo.documentId }, populate: { image: true } });
    for (const row of rows) await cms.strapi.db.query('plugin::upload.file').update({ where: { id: row.image.id }, data: { createdBy: author.id, updatedBy: author.id } });
    await cms.strapi.db.query('api::species.species').updateMany({ where: { commonName: 'Snow Bunting' }, data: { createdBy: author.id, updatedBy: author.id } });
  }
});

afterAll(async () => {
  anonymous.save();
  oracle.save();
  fields.save();
  writes.save();
  await cms?.stop();
});

async function get(path: string, token: string | null): Promise<{ status: number; text: string; body: any }> {
  const res = await fetch(`${cms.url}${path}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  const text = await res.text();
  let body: any = null;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, text, body };
}

const leaked = (text: string) => secrets.filter((secret) => text.includes(secret));

describe('a visitor without a token', () => {
  test("is refused by every /api/* route Strapi has (401 or 403), whatever the method", async () => {
    const routes: Array<{ method: string; path: string }> = cms.strapi.server
      .listRoutes()
      .flatMap((layer: { path: string; methods: string[] }) => layer.methods.filter((m) => m !== 'HEAD').map((method) => ({ method, path: layer.path })))
      .filter((route: { path: string }) => route.path.startsWith('/api/'));
    // The routes the brief names are all there: the list is Strapi's, and it is not empty.
    const paths = routes.map((r) => r.path);
    for (const expected of ['/api/photos', '/api/photos/ingest', '/api/species-list', '/api/upload', '/api/users-permissions/roles', '/api/auth/local', '/api/auth/local/register']) {
      expect(paths, expected).toContain(expected);
    }
    const failures: string[] = [];
    for (const route of routes) {
      const path = route.path.replace(/:(\w+)\??/g, (_m, name: string) => (name === 'provider' ? 'github' : 'x1'));
      const method = route.method;
      const body = method === 'GET' || method === 'DELETE' ? undefined : JSON.stringify({ data: { title: 'x' }, identifier: owner.email, password: owner.password, email: 'new@example.org', username: 'new' });
      const res = await fetch(`${cms.url}${path}`, { method, headers: { 'Content-Type': 'application/json' }, body, redirect: 'manual' });
      const text = await res.text();
      const held = (res.status === 401 || res.status === 403) && leaked(text).length === 0;
      anonymous.count(held);
      if (!held) failures.push(`${method} ${path}: ${res.status} ${text.slice(0, 160)}`);
    }
    expect(failures).toEqual([]);
    // Nothing was made by all those POSTs.
    expect(await cms.strapi.db.query('plugin::users-permissions.user').count()).toBe(0);
    expect(await cms.strapi.db.query(PHOTO).count()).toBe(4);
  });
});

describe("the site's read-only token", () => {
  /**
   * Probes: a query with `{}` where the guess goes, the guess that is true of the admin data and one that is false.
   * Relation filters straight on the content type, through a relation (image, species), inside $or/$and/$not,
   * the CVE's unknown top-level `where`, and private fields of our own types.
   */
  const probes: Array<{ name: string; path: string; yes: string; no: string }> = [
    { name: 'createdBy email prefix', path: '/api/photos?filters[createdBy][email][$startsWith]={}', yes: 'owner', no: 'qqq' },
    { name: 'updatedBy password prefix', path: '/api/photos?filters[updatedBy][password][$startsWith]={}', yes: '$', no: 'qqq' },
    { name: 'updatedBy password $notNull/$null', path: '/api/photos?filters[updatedBy][password][{}]=true', yes: '$notNull', no: '$null' },
    { name: 'createdBy reset token prefix', path: '/api/photos?filters[createdBy][resetPasswordToken][$startsWith]={}', yes: 'f5', no: '00' },
    { name: 'createdBy role code', path: '/api/photos?filters[createdBy][roles][code][$eq]={}', yes: 'strapi-super-admin', no: 'nobody' },
    { name: 'createdBy firstname $containsi', path: '/api/photos?filters[createdBy][firstname][$containsi]={}', yes: 'own', no: 'qqq' },
    { name: 'createdBy id', path: '/api/photos?filters[createdBy][id][$eq]={}', yes: '1', no: '999' },
    { name: 'createdBy as a whole', path: '/api/photos?filters[createdBy][{}]=true', yes: '$notNull', no: '$null' },
    { name: 'image.createdBy email', path: '/api/photos?filters[image][createdBy][email][$startsWith]={}', yes: 'owner', no: 'qqq' },
    { name: 'species.createdBy password', path: '/api/photos?filters[species][createdBy][password][$startsWith]={}', yes: '$2', no: 'qqq' },
    { name: 'species list createdBy email', path: '/api/species-list?filters[createdBy][email][$startsWith]={}', yes: 'owner', no: 'qqq' },
    { name: 'species.photos.createdBy email', path: '/api/species-list?filters[photos][createdBy][email][$startsWith]={}', yes: 'zed', no: 'qqq' },
    { name: '$or with createdBy', path: '/api/photos?filters[$or][0][createdBy][email][$startsWith]={}&filters[$or][1][id][$eq]=0', yes: 'owner', no: 'qqq' },
    { name: '$and with updatedBy', path: '/api/photos?filters[$and][0][updatedBy][email][$endsWith]={}', yes: 'plumage.test', no: 'example.com' },
    { name: '$not with createdBy', path: '/api/photos?filters[$not][createdBy][email][$startsWith]={}', yes: 'owner', no: 'qqq' },
    { name: 'top-level where (CVE-2026-27886)', path: '/api/photos?where[updatedBy][email][$startsWith]={}', yes: 'owner', no: 'qqq' },
    { name: 'top-level where on reset token', path: '/api/photos?where[updatedBy][resetPasswordToken][$startsWith]={}', yes: 'f5', no: '00' },
    { name: 'private field of photo', path: '/api/photos?filters[pipelineValues][$notNull]={}', yes: 'true', no: 'false' },
    { name: 'upload files createdBy email', path: '/api/upload/files?filters[createdBy][email][$startsWith]={}', yes: 'owner', no: 'qqq' },
    { name: 'upload files createdBy password', path: '/api/upload/files?filters[createdBy][password][$startsWith]={}', yes: '$', no: 'qqq' },
    { name: 'findOne with createdBy filter', path: '/api/photos/{doc}?filters[createdBy][email][$startsWith]={}', yes: 'owner', no: 'qqq' },
    { name: 'sort by createdBy email', path: '/api/photos?sort=createdBy.email:{}', yes: 'asc', no: 'desc' },
    { name: 'sort[0] by updatedBy password', path: '/api/photos?sort[0]=updatedBy.password:{}', yes: 'asc', no: 'desc' },
    { name: 'sort by object on createdBy', path: '/api/photos?sort[createdBy][email]={}', yes: 'asc', no: 'desc' },
    { name: 'sort by private field', path: '/api/photos?sort=pipelineValues:{}', yes: 'asc', no: 'desc' },
    { name: 'populate updatedBy filtered by email', path: '/api/photos?populate[updatedBy][filters][email][$startsWith]={}', yes: 'owner', no: 'qqq' },
    { name: 'populate image filtered by createdBy', path: '/api/photos?populate[image][filters][createdBy][email][$startsWith]={}', yes: 'owner', no: 'qqq' },
  ];

  let someDocumentId = '';
  const outcomes = { refused: 0, blind: 0 };
  afterAll(() => {
    oracle.row.note += `; ${outcomes.refused} refused, ${outcomes.blind} answered blind`;
  });
  beforeAll(async () => {
    someDocumentId = (await get('/api/photos', cms.readToken)).body.data[0].documentId;
  });

  test('the probe can tell: on a public field, a true and a false guess answer differently (a control)', async () => {
    const yes = await get('/api/photos?filters[sha256][$startsWith]=' + (await get('/api/photos', cms.readToken)).body.data[0].sha256.slice(0, 6), cms.readToken);
    const no = await get('/api/photos?filters[sha256][$startsWith]=zz', cms.readToken);
    expect([yes.status, no.status]).toEqual([200, 200]);
    expect(yes.body.meta.pagination.total).toBe(1);
    expect(no.body.meta.pagination.total).toBe(0);
  });

  test.each(probes)('$name: refused, or the same answer for a true and a false guess, with no secret in it', async (probe) => {
    const url = (guess: string) => probe.path.replace('{doc}', someDocumentId).replace('{}', encodeURIComponent(guess));
    const yes = await get(url(probe.yes), cms.readToken);
    const no = await get(url(probe.no), cms.readToken);
    // A refusal may name the key it refuses (the same for both guesses); an answer must not vary with the guess.
    const refused = yes.status >= 400 && yes.status < 500 && no.status >= 400 && no.status < 500;
    const blind = yes.status === 200 && no.status === 200 && yes.text === no.text;
    const secretsSeen = [...leaked(yes.text), ...leaked(no.text)];
    const held = (refused || blind) && secretsSeen.length === 0;
    oracle.count(held, secretsSeen.length);
    if (refused) outcomes.refused++;
    else if (blind) outcomes.blind++;
    expect({ refusedOrBlind: refused || blind, secretsSeen }, `${probe.path}: ${yes.status} ${yes.text.slice(0, 200)} / ${no.status} ${no.text.slice(0, 200)}`).toEqual({
      refusedOrBlind: true,
      secretsSeen: [],
    });
  });

  test.each([
    '/api/photos?populate=createdBy',
    '/api/photos?populate[createdBy]=true',
    '/api/photos?populate[updatedBy][fields][0]=password',
    '/api/photos?populate[image][populate][createdBy]=true',
    '/api/photos?populate[species][populate][createdBy][populate][roles]=true',
    '/api/photos?populate=*&fields[0]=password',
    '/api/photos?fields[0]=pipelineValues',
    '/api/species-list?populate[photos][populate][updatedBy]=*',
    '/api/upload/files?populate[createdBy]=*',
    '/api/photos?populate[createdBy][on][admin::user][fields][0]=email',
  ])('%s: refused, or an answer without any admin field', async (path) => {
    const answer = await get(path, cms.readToken);
    // A refusal names the key it refuses; an answer must carry none of them.
    const adminFields = answer.status !== 200 ? [] : ['"createdBy"', '"updatedBy"', '"password"', '"email"', '"roles"', '"pipelineValues"'].filter((key) => answer.text.includes(key));
    const held = (answer.status === 200 || (answer.status >= 400 && answer.status < 500)) && adminFields.length === 0 && leaked(answer.text).length === 0;
    oracle.count(held, leaked(answer.text).length);
    if (answer.status !== 200) outcomes.refused++;
    else outcomes.blind++;
    expect({ status: answer.status, adminFields, leaked: leaked(answer.text).length }, answer.text.slice(0, 300)).toMatchObject({ adminFields: [], leaked: 0 });
    expect(answer.status).toBeLessThan(500);
  });

  test.each([
    '/api/photos?populate=*',
    '/api/photos?populate[image]=true&populate[species]=true',
    '/api/photos/{doc}?populate=*',
    '/api/species-list?populate=*',
    '/api/upload/files',
    '/api/upload/files?populate=*',
    '/api/users-permissions/roles',
    '/api/users',
    '/api/users/me',
  ])('GET %s carries no private field (createdBy, updatedBy, pipelineValues, admin emails or hashes)', async (path) => {
    const doc = (await get('/api/photos', cms.readToken)).body.data[0].documentId;
    const answer = await get(path.replace('{doc}', doc), cms.readToken);
    const problems = [
      answer.status >= 500 ? `status ${answer.status}` : '',
      ...leaked(answer.text).map((s) => `leaks ${s.slice(0, 12)}…`),
      ...['"createdBy"', '"updatedBy"', '"pipelineValues"', '"password"', '"resetPasswordToken"', '"registrationToken"'].filter((key) => answer.text.includes(key)).map((key) => `carries ${key}`),
    ].filter(Boolean);
    fields.count(problems.length === 0, problems.length);
    expect(problems, answer.text.slice(0, 400)).toEqual([]);
  });

  test('cannot write anything: create, update, delete and ingest are refused', async () => {
    const doc = (await get('/api/photos', cms.readToken)).body.data[0].documentId;
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await makeTestJpeg({ seed: 950 }))], { type: 'image/jpeg' }), 'x.jpg');
    const attempts: Array<[string, string, BodyInit | undefined]> = [
      ['POST', '/api/photos', JSON.stringify({ data: { title: 'x' } })],
      ['PUT', `/api/photos/${doc}`, JSON.stringify({ data: { title: 'defaced' } })],
      ['DELETE', `/api/photos/${doc}`, undefined],
      ['POST', '/api/photos/ingest', form],
      ['POST', '/api/species-list', JSON.stringify({ data: { commonName: 'Spam' } })],
      ['DELETE', '/api/upload/files/1', undefined],
    ];
    for (const [method, path, body] of attempts) {
      const headers: Record<string, string> = { Authorization: `Bearer ${cms.readToken}` };
      if (typeof body === 'string') headers['Content-Type'] = 'application/json';
      const res = await fetch(`${cms.url}${path}`, { method, headers, body });
      await res.body?.cancel();
      writes.count(res.status === 403);
      expect(res.status, `${method} ${path}`).toBe(403);
    }
    expect(await cms.strapi.db.query(PHOTO).count()).toBe(4);
  });
});
