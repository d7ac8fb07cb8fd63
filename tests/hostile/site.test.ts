/**
 * The public site (web/dist, its own process) against a real CMS, with a recording proxy between them, so that what
 * Strapi receives is seen, not assumed. Fuzzed cookies give a normal page with an empty selection; fuzzed query
 * strings are normalised or refused, and no request to Strapi carries a key the site would not send for a plain page
 * (a visitor's `$ne`, `[$or]`, `filters[...]`, `populate=*`, `where`) nor a value longer than a species word; Strapi
 * slow or down gives the 503 page in bounded time, and the site serves again when Strapi is back.
 */
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { serializeSelection } from '@plumage/shared';
import { freePort, startCms, type RunningCms } from '../support/cms';
import { makeTestJpeg } from '../support/images';
import { startRecordingProxy, type RecordingProxy } from '../support/proxy';
import { uploadPhoto } from '../support/rest';
import { startWeb, type RunningWeb } from '../support/web';
import { prng } from './support/prng';
import { createTally } from './support/tally';

const SCALE = Math.max(1, Number(process.env.HOSTILE_SCALE ?? 1));
const SEED = Number(process.env.HOSTILE_SEED ?? 20261204);
/** The site's budget for Strapi per page (its default, STRAPI_TIMEOUT_MS). */
const BUDGET_MS = 3000;

let cms: RunningCms;
let proxy: RecordingProxy;
let web: RunningWeb;
let photoIds: string[] = [];
/** Key shapes (`filters[$and][N][species][$or][N][commonName][$containsi]`) the site sends Strapi for plain pages. */
const knownKeys = new Set<string>();
const cookies = createTally('site-cookies', `fuzzed selection/order/notice cookies, seed ${SEED}: 200, empty selection`);
const queries = createTally('site-queries', 'fuzzed query strings and paths: normalised or 4xx, nothing raw to Strapi');
const outages = createTally('site-outages', `Strapi slow (beyond the ${BUDGET_MS} ms budget) or down: 503 page in bounded time`);

beforeAll(async () => {
  cms = await startCms();
  const made = [
    { species: ['Snow Bunting'], date: '2020:01:15 10:00:00' },
    { species: ['Horned Lark'], date: '2021:04:02 08:30:00' },
    { species: ['Snow Bunting', 'Lapland Longspur'], date: '2021:12:24 14:00:00' },
  ];
  for (const [i, photo] of made.entries()) {
    const file = await makeTestJpeg({ width: 640, height: 480, seed: 700 + i, exif: { dateTimeOriginal: photo.date } });
    photoIds.push((await uploadPhoto(cms, { file, fileName: `site-${i}.jpg`, species: photo.species })).documentId);
  }
  proxy = await startRecordingProxy(cms.url);
  web = await startWeb({
    STRAPI_URL: proxy.url,
    STRAPI_TOKEN: undefined,
    WEB_TOKEN_FILE: path.join(cms.dataDir, 'web-token'),
    MEDIA_DIR: cms.mediaDir,
    STRAPI_TIMEOUT_MS: String(BUDGET_MS),
    LOG_LEVEL: 'info',
    CACHE_PURGE_SECRET: undefined,
  });
  // What the site asks Strapi for plain pages: the only key shapes any hostile request may lead to.
  for (const url of ['/', '/?species=bunting&year=2021&month=12', '/?species=lark&species=snow', '/?order=field-guide&page=2', `/photos/${photoIds[0]}`, '/species']) {
    for (const request of await strapiRequestsFor(url)) for (const key of keyShapes(request.url)) knownKeys.add(key);
  }
});

afterAll(async () => {
  cookies.save();
  queries.save();
  outages.save();
  await web?.stop();
  await proxy?.close();
  await cms?.stop();
});

/** `filters[$and][0][species]` → `filters[$and][N][species]`: the shape of a key, list indexes left out. */
function keyShapes(url: string): string[] {
  const query = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
  return [`path:${url.split('?')[0]!.replace(/^\/api\/photos\/[^/]+$/, '/api/photos/ID')}`, ...[...new URLSearchParams(query).keys()].map((key) => key.replace(/\[\d+\]/g, '[N]'))];
}

/** GET with raw headers (node:http, so a cookie may hold any byte a header may carry). */
function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string; ms: number; headers: http.IncomingHttpHeaders }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const req = http.get(`${web.url}${url}`, { headers }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text, ms: Date.now() - started, headers: res.headers }));
    });
    req.on('error', reject);
  });
}

async function purge(): Promise<void> {
  const res = await fetch(`${web.url}/_cache/purge`, { method: 'POST' });
  expect(res.status).toBe(204);
}

/** The requests Strapi received while the site answered `url` with an empty cache. */
async function strapiRequestsFor(url: string, headers: Record<string, string> = {}) {
  await purge();
  const since = proxy.requests.length;
  const answer = await get(url, headers);
  expect(answer.status, url).toBeLessThan(500);
  return proxy.requests.slice(since);
}

const countOf = (html: string) => Number(/data-selection-count="(\d+)"/.exec(html)?.[1] ?? NaN);

describe('fuzzed cookies give a normal page with an empty selection', () => {
  const random = prng(SEED);
  const HEADER_BYTES = [9, ...Array.from({ length: 0x7f - 0x20 }, (_, i) => 0x20 + i), ...Array.from({ length: 0x80 }, (_, i) => 0x80 + i)].filter((b) => b !== 0x3b); // no ';': one cookie
  const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => random.pick(HEADER_BYTES))).toString('latin1');
  const b64 = (text: string) => Buffer.from(text).toString('base64url');
  const valid = serializeSelection({ species: ['bunting'], year: 2021, month: 12 });

  /** [label, Cookie header] pairs; every selection cookie here is one the site never wrote. */
  function fuzzedCookies(): Array<[string, string]> {
    const cases: Array<[string, string]> = [];
    const n = 40 * SCALE;
    for (let i = 0; i < n; i++) cases.push(['random bytes', `plumage_selection=${bytes(1 + random.int(200))}`]);
    for (let i = 0; i < n; i++) cases.push(['v1. + random base64url', `plumage_selection=v1.${b64(bytes(1 + random.int(120)))}`]);
    for (let i = 0; i < n / 4; i++) cases.push(['truncated', `plumage_selection=${valid.slice(0, 3 + random.int(valid.length - 4))}`]);
    // (Not ' v1.': a cookie value's surrounding spaces are not part of it, so that one is the site's own cookie.)
    for (const prefix of ['v0.', 'v2.', 'V1.', 'v1', 'v1..', '', 'v10.', 'v1-']) cases.push(['wrong version', `plumage_selection=${prefix}${valid.slice(3)}`]);
    for (const size of [1025, 4000, 12_000]) cases.push(['huge', `plumage_selection=v1.${b64(JSON.stringify({ s: Array.from({ length: size / 8 }, (_, i) => `w${i}`), y: 2021, m: 1 })).slice(0, size)}`]);
    const wrongTypes: unknown[] = [
      { s: 'bunting', y: 2021, m: 12 },
      { s: [1, 2], y: null, m: null },
      { s: [{ $ne: 'x' }], y: null, m: null },
      { s: ['bunting'], y: '2021', m: null },
      { s: ['bunting'], y: 2021.5, m: null },
      { s: ['bunting'], y: null, m: 13 },
      { s: ['bunting'], y: null, m: 0 },
      { s: ['bunting'], y: null, m: -1 },
      { s: ['bunting'], y: { $gt: 0 }, m: null },
      { s: ['x'.repeat(61)], y: null, m: null },
      { s: ['<script>alert(1)</script>'], y: null, m: null },
      { s: Array.from({ length: 9 }, (_, i) => `w${i}`), y: null, m: null },
      { s: ['bunting', 'bunting'], y: null, m: null },
      { s: ['bunting'], y: null, m: null, extra: true },
      { species: ['bunting'], year: 2021, month: 12 },
      { __proto__: { s: ['bunting'] } },
      JSON.parse('{"__proto__":{"s":["bunting"],"y":2021,"m":12}}'),
      { constructor: { prototype: { s: ['bunting'] } } },
      [],
      null,
      'bunting',
      42,
      true,
      { s: null, y: null, m: null },
    ];
    for (const json of wrongTypes) cases.push(['valid-looking JSON, wrong types', `plumage_selection=v1.${b64(JSON.stringify(json))}`]);
    // JSON that JSON.stringify cannot write: numbers out of range, a duplicated key.
    for (const text of ['{"s":["bunting"],"y":1e309,"m":null}', '{"s":["bunting"],"y":-0,"m":1e-400}', '{"s":["bunting"],"s":["lark"],"y":null,"m":null,"m":99}']) {
      cases.push(['valid-looking JSON, wrong types', `plumage_selection=v1.${b64(text)}`]);
    }
    cases.push(['deep nesting', `plumage_selection=v1.${b64('['.repeat(500) + ']'.repeat(500))}`]);
    cases.push(['not JSON', `plumage_selection=v1.${b64('{"s":["bunting"],')}`]);
    cases.push(['two selection cookies, both forged', `plumage_selection=v2.x; plumage_selection=v1.${b64('{}')}`]);
    for (let i = 0; i < n / 4; i++) cases.push(['order and notice cookies of random bytes', `plumage_order=${bytes(1 + random.int(80))}; plumage_notice=${bytes(1 + random.int(80))}`]);
    cases.push(['notice naming a script', 'plumage_notice=rejected:<script>alert(1)</script>']);
    cases.push(['order cookie with an operator', 'plumage_order=[$ne]=newest']);
    return cases;
  }

  test(`${40 * SCALE * 2 + 40} and more fuzzed cookies: 200, the whole collection, no chip, no script`, async () => {
    const failures: string[] = [];
    const kinds = new Map<string, number>();
    for (const [label, cookie] of fuzzedCookies()) {
      kinds.set(label, (kinds.get(label) ?? 0) + 1);
      let problems: string[];
      try {
        const page = await get('/', { Cookie: cookie });
        problems = [
          page.status === 200 ? '' : `status ${page.status}`,
          countOf(page.text) === photoIds.length ? '' : `count ${countOf(page.text)}, not the whole collection (${photoIds.length})`,
          page.text.includes('data-criterion=') ? 'chips shown: the forged selection was used' : '',
          page.text.includes('<script>alert') ? 'the cookie is echoed into the page' : '',
        ].filter(Boolean);
      } catch (error) {
        problems = [`no answer: ${String(error)}`];
      }
      cookies.count(problems.length === 0);
      if (problems.length && failures.length < 20) failures.push(`${label} ${JSON.stringify(cookie.slice(0, 80))}: ${problems.join('; ')}`);
    }
    cookies.row.note += `; ${[...kinds].map(([k, v]) => `${v} ${k}`).join(', ')}`;
    expect(failures).toEqual([]);
    // The control: the cookie the site writes is read (so the cases above were refused, not ignored by accident).
    const page = await get('/', { Cookie: `plumage_selection=${valid}` });
    expect(countOf(page.text)).toBe(1);
    expect(page.text).toContain('data-criterion=');
  });
});

describe('fuzzed query strings are normalised or refused, never passed to Strapi raw', () => {
  const long = 'a'.repeat(10_000);
  const cases: string[] = [
    '/?year=abc',
    '/?year=-1',
    '/?year=1e3',
    '/?year=2021.0',
    '/?year=0x7e5',
    '/?year=99999999999999999999',
    '/?month=13',
    '/?month=0',
    '/?month=-4',
    '/?month=1,2',
    `/?species=${long}`,
    `/?species=${'bunting '.repeat(2000)}`,
    `/?${Array.from({ length: 200 }, (_, i) => `species=w${i}`).join('&')}`,
    '/?species[$ne]=x',
    '/?species[$ne]=',
    '/?species[]=bunting',
    '/?species[0]=bunting&species[1][$ne]=x',
    '/?species=x&species[$or][0][commonName][$eq]=Snow+Bunting',
    '/?[$or][0][species][$ne]=x',
    '/?$or[0][takenYear][$gt]=0',
    '/?filters[takenYear][$gt]=0',
    '/?filters[createdBy][email][$startsWith]=a',
    '/?filters[$or][0][id][$gt]=0&filters[$or][1][publishedAt][$null]=true',
    '/?where[updatedBy][password][$startsWith]=$',
    '/?populate=*',
    '/?populate[createdBy]=true',
    '/?fields[0]=pipelineValues',
    '/?sort=createdBy.email:asc',
    '/?pagination[pageSize]=100000',
    '/?pagination[limit]=-1',
    '/?status=draft',
    '/?locale=all',
    '/?year[$gt]=2000',
    '/?month[$in][0]=1&month[$in][1]=12',
    '/?species=%00bunting',
    '/?species=%E2%80%AEbunting',
    '/?species=bunting%27%20OR%201=1--',
    '/?species=%25',
    '/?species=_',
    '/?species=%5C',
    '/?species=%uD800',
    '/?species=%',
    '/?page=-1',
    '/?page=1e309',
    '/?page=99999',
    '/?page[$gt]=1',
    '/?order=<script>',
    '/?order[$ne]=newest',
    '/?__proto__[species]=x&constructor[prototype][year]=2021',
    '/photos/%24ne',
    '/photos/x%3Fpopulate%3D*',
    '/photos/..%2F..%2Fapi%2Fusers',
    '/photos/%2e%2e',
    `/photos/${'a'.repeat(5000)}`,
    '/photos/PHOTO?populate=*&filters[createdBy][email][$startsWith]=a',
    '/photos/PHOTO?species[$ne]=x&year=abc',
    '/species?populate=*&filters[$or][0][id][$gt]=0',
    '/species?sort=createdBy.email',
  ];

  test(`${cases.length} hostile URLs: 2xx/3xx/4xx, and Strapi gets only keys the site sends for plain pages`, async () => {
    expect(knownKeys.size).toBeGreaterThan(5);
    // The check can fail: a visitor's operator or populate, had it been passed on, is a key shape never seen.
    for (const raw of ['/api/photos?filters[species][$ne]=x', '/api/photos?populate=*', '/api/photos?where[id][$gt]=0', '/api/users']) {
      expect(keyShapes(raw).some((key) => !knownKeys.has(key)), raw).toBe(true);
    }
    const failures: string[] = [];
    for (const raw of cases) {
      const url = raw.replace('PHOTO', photoIds[0]!);
      let problems: string[] = [];
      await purge();
      const since = proxy.requests.length;
      let status = 0;
      try {
        const page = await get(url);
        status = page.status;
        if (page.status >= 500) problems.push(`status ${page.status}`);
        if (page.text.includes('<script>alert') || page.text.includes('[$ne]')) problems.push('the query is echoed into the page');
      } catch (error) {
        problems.push(`no answer: ${String(error)}`);
      }
      const sent = proxy.requests.slice(since);
      for (const request of sent) {
        const unknown = keyShapes(request.url).filter((key) => !knownKeys.has(key));
        if (unknown.length) problems.push(`Strapi got ${unknown.join(', ')} in ${decodeURIComponent(request.url).slice(0, 200)}`);
        for (const value of new URLSearchParams(request.url.split('?')[1] ?? '').values()) {
          if (value.length > 60) problems.push(`Strapi got a value of ${value.length} characters`);
          if (/\$(ne|gt|startsWith|or)\b|\bpopulate\b|\bcreatedBy\b|\bpassword\b/.test(value)) problems.push(`Strapi got the value ${JSON.stringify(value)}`);
        }
      }
      // A 200 gallery or photo page was built from Strapi's answers: the requests above are what the URL led to.
      if (status === 200 && sent.length === 0) problems.push('a 200 page without any Strapi request (cached?): nothing was checked');
      queries.count(problems.length === 0);
      if (problems.length) failures.push(`${url.slice(0, 100)} → ${status}: ${problems.join('; ')}`);
    }
    expect(failures).toEqual([]);
  });
});

describe('Strapi slow or down gives the 503 page in bounded time', () => {
  const pages = () => ['/', `/photos/${photoIds[1]}`, '/species', '/?species=lark'];

  async function expect503(why: string): Promise<void> {
    for (const url of pages()) {
      await purge();
      const page = await get(url);
      const problems = [
        page.status === 503 ? '' : `status ${page.status}`,
        page.text.includes('The photos are unavailable right now') ? '' : 'not the 503 page',
        /at \w+ \(|node_modules|Error:/.test(page.text) ? 'a stack trace in the page' : '',
        page.ms < BUDGET_MS + 2000 ? '' : `answered after ${page.ms} ms`,
      ].filter(Boolean);
      outages.count(problems.length === 0);
      expect(problems, `${why}: ${url}`).toEqual([]);
    }
  }

  async function expectServing(): Promise<void> {
    await purge();
    const page = await get('/');
    outages.count(page.status === 200 && countOf(page.text) === photoIds.length);
    expect(page.status).toBe(200);
  }

  test('Strapi slower than the budget: 503 within a few seconds, then pages again once it is fast', async () => {
    proxy.delayMs = 20_000;
    try {
      await expect503('slow');
    } finally {
      proxy.delayMs = 0;
    }
    await expectServing();
    expect(web.logEntries().some((entry) => entry.msg === 'strapi unavailable' && entry.reason === 'timeout')).toBe(true);
  });

  test('Strapi cutting every connection (crashed): 503 at once, then pages again once it is back', async () => {
    proxy.down = true;
    try {
      await expect503('down');
    } finally {
      proxy.down = false;
    }
    await expectServing();
  });

  test('nothing listening at STRAPI_URL: 503 at once', async () => {
    const nowhere = await startWeb({ STRAPI_URL: `http://127.0.0.1:${await freePort()}`, STRAPI_TOKEN: 'x', LOG_LEVEL: 'warn' });
    try {
      for (const url of ['/', `/photos/${photoIds[0]}`, '/species']) {
        const started = Date.now();
        const res = await fetch(`${nowhere.url}${url}`);
        const text = await res.text();
        const ms = Date.now() - started;
        const held = res.status === 503 && text.includes('The photos are unavailable right now') && ms < BUDGET_MS + 2000;
        outages.count(held);
        expect({ url, status: res.status, fast: ms < BUDGET_MS + 2000 }).toEqual({ url, status: 503, fast: true });
      }
    } finally {
      await nowhere.stop();
    }
  });
});
