/**
 * The public site, built (web/dist), in Debian's chromium, against a real Strapi holding photos made here:
 * the selection (search, narrow, chips, clear, shareable link), the photo page (picture, data, previous/next,
 * keys, more like this), the cookie's robustness, the error pages, and the safety rules (CSP, CSRF, caching).
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium, openWatchedPage } from '../support/browser';
import { repoRoot, startCms, type RunningCms } from '../support/cms';
import { makeTestJpeg, type TestExif } from '../support/images';
import { ensureSpecies, uploadPhoto } from '../support/rest';
import { startWeb, startWebFor, type RunningWeb } from '../support/web';

const SCREENSHOTS = path.join(repoRoot, 'test-results', 'web');

const SPECIES: Record<string, Record<string, unknown>> = {
  'Snowy Owl': { scientificName: 'Bubo scandiacus', code: 'snoowl1', taxonomicOrder: 10, hideLocation: true },
  'Mourning Dove': { scientificName: 'Zenaida macroura', code: 'moudov', taxonomicOrder: 20 },
  'American Robin': { scientificName: 'Turdus migratorius', code: 'amerob', taxonomicOrder: 30 },
  'Yellow-rumped Warbler': { scientificName: 'Setophaga coronata', code: 'yerwar', taxonomicOrder: 40 },
  'Yellow Warbler': { scientificName: 'Setophaga petechia', code: 'yelwar', taxonomicOrder: 50 },
};

const R7: TestExif = {
  make: 'Canon',
  model: 'Canon EOS R7',
  lens: 'RF100-500mm F4.5-7.1 L IS USM',
  fNumber: '63/10',
  exposureTime: '1/3200',
  iso: 800,
  focalLength: '400/1',
  exposureBias: '1/3',
};

/** The collection: five photos match "yellow", four of them were taken in April. */
const PHOTOS = [
  { key: 'warblerApril12', species: ['Yellow Warbler'], date: '2021:04:12 07:31:05', offset: '-04:00', location: 'Magee Marsh', caption: 'Singing from a willow.' },
  { key: 'warblerApril20', species: ['Yellow Warbler'], date: '2021:04:20 08:00:00', offset: '-04:00', location: 'Magee Marsh' },
  { key: 'warblerMay', species: ['Yellow Warbler'], date: '2021:05:03 09:00:00', offset: '-04:00', location: 'Point Pelee' },
  { key: 'rumpedApril', species: ['Yellow-rumped Warbler'], date: '2021:04:15 10:00:00', offset: '-04:00', location: 'Magee Marsh' },
  { key: 'pairApril', species: ['Yellow Warbler', 'American Robin'], date: '2021:04:25 07:00:00', offset: '-04:00', location: 'Oak Openings' },
  { key: 'robin', species: ['American Robin'], date: '2020:04:01 10:00:00', offset: '-05:00', location: 'Backyard' },
  { key: 'owl', species: ['Snowy Owl'], date: '2019:01:10 12:00:00', offset: '-05:00', location: 'Secret Marsh' },
  { key: 'dove', species: ['Mourning Dove'], date: '2020:06:01 06:30:00', offset: undefined, location: 'Backyard' },
] as const;
type PhotoKey = (typeof PHOTOS)[number]['key'];

let cms: RunningCms;
let cmsStopped = false;
let web: RunningWeb;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const ids = {} as Record<PhotoKey, string>;
const idOf = (href: string | null) => href?.replace(/^\/photos\//, '') ?? null;

/** Console errors and CSP violations of the current test; each test must end with none unless it says so. */
let takeProblems: () => string[];
let allowedProblems: RegExp[] = [];

beforeAll(async () => {
  cms = await startCms();
  await ensureSpecies(cms, Object.keys(SPECIES), SPECIES);
  for (const [index, photo] of PHOTOS.entries()) {
    const file = await makeTestJpeg({
      width: 1200,
      height: 800,
      seed: 100 + index,
      exif: { ...R7, dateTimeOriginal: photo.date, ...(photo.offset ? { offsetTimeOriginal: photo.offset } : {}) },
    });
    const created = await uploadPhoto(cms, {
      file,
      fileName: `${photo.key}.jpg`,
      species: [...photo.species],
      location: photo.location,
      ...('caption' in photo ? { caption: photo.caption } : {}),
    });
    ids[photo.key] = created.documentId;
  }

  web = await startWebFor(cms);

  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await launchChromium();
  ({ context, page, takeProblems } = await openWatchedPage(browser));
});

afterEach(() => {
  const unexpected = takeProblems().filter((problem) => !allowedProblems.some((allowed) => allowed.test(problem)));
  allowedProblems = [];
  expect(unexpected, 'console errors or CSP violations').toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  if (!cmsStopped) await cms?.stop();
});

async function count(): Promise<number> {
  return Number(await page.locator('[data-selection-count]').getAttribute('data-selection-count'));
}

async function chips(): Promise<string[]> {
  return page.locator('.selection-chip').evaluateAll((buttons) => buttons.map((button) => button.getAttribute('data-criterion') ?? ''));
}

async function narrow(fields: { species?: string; year?: string; month?: string }): Promise<void> {
  if (fields.species !== undefined) await page.getByLabel('Species', { exact: true }).fill(fields.species);
  if (fields.year !== undefined) await page.getByLabel('Year', { exact: true }).selectOption(fields.year);
  if (fields.month !== undefined) await page.getByLabel('Month', { exact: true }).selectOption(fields.month);
  await Promise.all([page.waitForURL(`${web.url}/`), page.getByRole('button', { name: 'Narrow' }).click()]);
}

async function gridIds(): Promise<string[]> {
  const hrefs = await page.locator('ul[aria-label="Photos"] a').evaluateAll((links) => links.map((link) => link.getAttribute('href')));
  return hrefs.map(idOf).filter((id): id is string => id !== null);
}

async function clearSelection(): Promise<void> {
  await page.goto(`${web.url}/`);
  if ((await chips()).length > 0) {
    await Promise.all([page.waitForURL(`${web.url}/`), page.getByRole('button', { name: 'Clear all' }).click()]);
  }
}

describe('the gallery', () => {
  test('shows every photo, newest first, each linking to /photos/{documentId}, with lazy <picture> thumbnails', async () => {
    const response = await page.goto(`${web.url}/`);
    expect(response?.status()).toBe(200);
    expect(await count()).toBe(PHOTOS.length);
    expect(await gridIds()).toEqual([
      ids.warblerMay,
      ids.pairApril,
      ids.warblerApril20,
      ids.rumpedApril,
      ids.warblerApril12,
      ids.dove,
      ids.robin,
      ids.owl,
    ]);
    const first = page.locator('ul[aria-label="Photos"] li').first();
    expect(await first.locator('source').evaluateAll((sources) => sources.map((s) => s.getAttribute('type')))).toEqual([
      'image/avif',
      'image/webp',
    ]);
    const img = first.locator('img');
    expect(await img.getAttribute('loading')).toBe('lazy');
    expect(await img.getAttribute('src')).toMatch(/^\/media\/derivatives\/[0-9a-f]{2}\/[0-9a-f]{64}\/thumb\.jpg$/);
    expect(Number(await img.getAttribute('width'))).toBeGreaterThan(0);
    expect(Number(await img.getAttribute('height'))).toBeGreaterThan(0);
    expect(await img.getAttribute('alt')).toBe('Yellow Warbler at Point Pelee, 3 May 2021');
    // Every thumbnail actually loads from the site.
    await page.evaluate(() => Promise.all([...document.images].map((image) => image.decode())));
    await page.screenshot({ path: path.join(SCREENSHOTS, 'gallery.png'), fullPage: true });
  });

  test('offers only years that have photos, every month, and species suggestions', async () => {
    await page.goto(`${web.url}/`);
    const years = await page.locator('#narrow-year option').evaluateAll((options) => options.map((o) => o.getAttribute('value')));
    expect(years).toEqual(['', '2021', '2020', '2019']);
    expect(await page.locator('#narrow-month option').count()).toBe(13);
    const suggestions = await page.locator('#species-suggestions option').evaluateAll((options) => options.map((o) => o.getAttribute('value')));
    expect(suggestions).toEqual(['Snowy Owl', 'Mourning Dove', 'American Robin', 'Yellow-rumped Warbler', 'Yellow Warbler']);
  });

  test('"yellow" then April: the count drops, the chips show both, the page offers the link', async () => {
    await clearSelection();
    await narrow({ species: 'yellow' });
    expect(await count()).toBe(5);
    expect(await chips()).toEqual(['species:yellow']);

    await narrow({ month: '4' });
    expect(await count()).toBe(4);
    expect(await chips()).toEqual(['species:yellow', 'month']);
    expect(await gridIds()).toEqual([ids.pairApril, ids.warblerApril20, ids.rumpedApril, ids.warblerApril12]);
    expect(await page.locator('[data-action="share-selection"]').getAttribute('href')).toBe('/?species=yellow&month=4');
    await page.evaluate(() => Promise.all([...document.images].map((image) => image.decode())));
    await page.screenshot({ path: path.join(SCREENSHOTS, 'gallery-selection.png'), fullPage: true });

    const cookie = (await context.cookies(web.url)).find((c) => c.name === 'plumage_selection');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false, path: '/' });
    expect(cookie?.value.length).toBeLessThan(100);
  });

  test('words accumulate (a photo must match all) and a new month replaces the old one', async () => {
    await narrow({ species: 'robin' });
    expect(await chips()).toEqual(['species:yellow', 'species:robin', 'month']);
    expect(await gridIds()).toEqual([ids.pairApril]);
    await narrow({ month: '5' });
    expect(await chips()).toEqual(['species:yellow', 'species:robin', 'month']);
    expect(await count()).toBe(0);
    await expect(page.getByRole('heading', { name: 'No photo matches all of these' }).isVisible()).resolves.toBe(true);
  });

  test('removing one criterion keeps the others', async () => {
    await Promise.all([page.waitForURL(`${web.url}/`), page.locator('[data-criterion="species:robin"]').click()]);
    expect(await chips()).toEqual(['species:yellow', 'month']);
    expect(await count()).toBe(1);
    await Promise.all([page.waitForURL(`${web.url}/`), page.locator('[data-criterion="month"]').click()]);
    expect(await chips()).toEqual(['species:yellow']);
    expect(await count()).toBe(5);
  });

  test('clearing shows the whole collection again', async () => {
    await Promise.all([page.waitForURL(`${web.url}/`), page.getByRole('button', { name: 'Clear all' }).click()]);
    expect(await chips()).toEqual([]);
    expect(await count()).toBe(PHOTOS.length);
  });

  test('a shareable link replaces the selection and sets the cookie', async () => {
    await page.goto(`${web.url}/?species=Owl&year=2019`);
    expect(await chips()).toEqual(['species:owl', 'year']);
    expect(await gridIds()).toEqual([ids.owl]);
    await page.goto(`${web.url}/`);
    expect(await chips()).toEqual(['species:owl', 'year']);
    await clearSelection();
  });

  test('an invalid word is refused with a message, the selection unchanged', async () => {
    await clearSelection();
    await narrow({ species: 'owl%' });
    expect(await chips()).toEqual([]);
    expect(await page.getByRole('alert').innerText()).toContain('species word was not used');
    await page.reload();
    expect(await page.getByRole('alert').count()).toBe(0);
  });

  test('field-guide order follows the species’ taxonomic order', async () => {
    await page.goto(`${web.url}/`);
    await Promise.all([page.waitForURL(/order=field-guide/), page.locator('[data-order="field-guide"]').click()]);
    const order = await gridIds();
    expect(order[0]).toBe(ids.owl);
    expect(order[1]).toBe(ids.dove);
    expect(order.at(-1)).toBe(ids.warblerApril12);
    // Previous and next follow the same order.
    await page.goto(`${web.url}/photos/${ids.owl}`);
    expect(await page.locator('[data-walk-position]').innerText()).toBe(`1 of ${PHOTOS.length}`);
    expect(idOf(await page.locator('a[rel="next"]').getAttribute('href'))).toBe(ids.dove);
    await page.goto(`${web.url}/?order=newest`);
    expect((await gridIds())[0]).toBe(ids.warblerMay);
  });

  test('a page past the last one says so and links back', async () => {
    await page.goto(`${web.url}/?page=5`);
    expect(await count()).toBe(PHOTOS.length);
    expect(await page.getByRole('heading', { name: 'There is no page 5' }).isVisible()).toBe(true);
    expect(await gridIds()).toEqual([]);
  });
});

describe('the photo page', () => {
  test('a <picture> in AVIF, WebP and JPEG with sizes set, alt text, caption, place and formatted shooting data', async () => {
    await clearSelection();
    const response = await page.goto(`${web.url}/photos/${ids.warblerApril12}`);
    expect(response?.status()).toBe(200);
    const picture = page.locator('figure picture');
    const sources = await picture.locator('source').evaluateAll((all) => all.map((s) => [s.getAttribute('type'), s.getAttribute('srcset')]));
    expect(sources.map(([type]) => type)).toEqual(['image/avif', 'image/webp']);
    expect(sources[0]?.[1]).toMatch(/\/display\.avif \d+w/);
    const img = picture.locator('img');
    expect(await img.getAttribute('src')).toMatch(/\/display\.jpg$/);
    expect(await img.getAttribute('srcset')).toMatch(/\/display\.jpg \d+w/);
    expect(Number(await img.getAttribute('width'))).toBe(1200);
    expect(Number(await img.getAttribute('height'))).toBe(800);
    expect(await img.getAttribute('alt')).toBe('Yellow Warbler at Magee Marsh, 12 April 2021');
    expect(await page.locator('figcaption').innerText()).toBe('Singing from a willow.');
    expect(await page.locator('[data-photo-place]').innerText()).toBe('Magee Marsh');
    expect(await page.locator('time').innerText()).toBe('12 April 2021, 07:31 (UTC−4)');
    const shooting = Object.fromEntries(
      await page.locator('[data-shooting]').evaluateAll((all) => all.map((dd) => [dd.getAttribute('data-shooting'), dd.textContent])),
    );
    expect(shooting).toEqual({
      aperture: 'f/6.3',
      exposure: '1/3200 s',
      focalLength: '400 mm',
      iso: 'ISO 800',
      exposureBias: '+1/3 EV',
      camera: 'Canon EOS R7',
      lens: 'RF100-500mm F4.5-7.1 L IS USM',
    });
    await img.evaluate((image: HTMLImageElement) => image.decode());
    await page.screenshot({ path: path.join(SCREENSHOTS, 'photo.png'), fullPage: true });
  });

  test('previous and next walk the selection in its order, with "N of M", and stay inside it', async () => {
    await page.goto(`${web.url}/?species=yellow&month=4`);
    const selection = await gridIds();
    expect(selection).toHaveLength(4);
    await Promise.all([page.waitForURL(/\/photos\//), page.locator(`a[href="/photos/${selection[0]}"]`).click()]);

    const visited: string[] = [];
    for (let step = 0; step < selection.length; step += 1) {
      visited.push(idOf(new URL(page.url()).pathname) ?? '');
      expect(await page.locator('[data-walk-position]').innerText()).toBe(`${step + 1} of 4`);
      expect(await page.locator('a[rel="prev"]').count()).toBe(step === 0 ? 0 : 1);
      const next = page.locator('a[rel="next"]');
      if (step === selection.length - 1) {
        expect(await next.count()).toBe(0);
        break;
      }
      await Promise.all([page.waitForURL(/\/photos\//), next.click()]);
    }
    expect(visited).toEqual(selection);

    await Promise.all([page.waitForURL(`${web.url}/photos/${selection[2]}`), page.locator('a[rel="prev"]').click()]);
    expect(await page.locator('[data-walk-position]').innerText()).toBe('3 of 4');
  });

  test('the ← and → keys do the same', async () => {
    await page.goto(`${web.url}/photos/${ids.warblerApril20}`);
    expect(await page.locator('[data-walk-position]').innerText()).toBe('2 of 4');
    await Promise.all([page.waitForURL(`${web.url}/photos/${ids.rumpedApril}`), page.keyboard.press('ArrowRight')]);
    await Promise.all([page.waitForURL(`${web.url}/photos/${ids.warblerApril20}`), page.keyboard.press('ArrowLeft')]);
    await Promise.all([page.waitForURL(`${web.url}/photos/${ids.pairApril}`), page.keyboard.press('ArrowLeft')]);
    // Nothing before the first photo: the key does nothing.
    await page.keyboard.press('ArrowLeft');
    expect(page.url()).toBe(`${web.url}/photos/${ids.pairApril}`);
  });

  test('opened from outside the selection, it walks all photos and says so', async () => {
    await page.goto(`${web.url}/photos/${ids.owl}`);
    expect(await page.locator('[data-walk-scope]').getAttribute('data-walk-scope')).toBe('all');
    expect(await page.locator('[data-walk-scope]').innerText()).toContain('not in your selection');
    expect(await page.locator('[data-walk-position]').innerText()).toBe(`8 of ${PHOTOS.length}`);
    expect(idOf(await page.locator('a[rel="prev"]').getAttribute('href'))).toBe(ids.robin);
  });

  test('a species that hides its location shows no place', async () => {
    await page.goto(`${web.url}/photos/${ids.owl}`);
    expect(await page.locator('[data-photo-place]').count()).toBe(0);
    expect(await page.content()).not.toContain('Secret Marsh');
    expect(await page.locator('figure img').getAttribute('alt')).toBe('Snowy Owl, 10 January 2019');
  });

  test('"more like this" offers one control per species and selects that species', async () => {
    await page.goto(`${web.url}/photos/${ids.pairApril}`);
    const controls = page.locator('[data-action="more-like-this"]');
    expect(await controls.allInnerTexts()).toEqual(['More American Robin', 'More Yellow Warbler']);

    await page.goto(`${web.url}/photos/${ids.warblerApril12}`);
    expect(await page.locator('[data-action="more-like-this"]').allInnerTexts()).toEqual(['More like this']);
    await Promise.all([page.waitForURL(/\/\?species=/), page.locator('[data-action="more-like-this"]').click()]);
    expect(await chips()).toEqual(['species:yellow warbler']);
    expect(new Set(await gridIds())).toEqual(new Set([ids.warblerMay, ids.pairApril, ids.warblerApril20, ids.warblerApril12]));
    await clearSelection();
  });

  test('an unknown photo is a 404 page', async () => {
    allowedProblems = [/Failed to load resource: the server responded with a status of 404/];
    for (const id of ['doesnotexist0000000000000', 'not%20an%20id', '..%2f..%2fetc']) {
      const response = await page.goto(`${web.url}/photos/${id}`);
      expect(response?.status()).toBe(404);
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('There is no such photo');
    }
  });
});

describe('the species page', () => {
  test('every species with its photo count, linking to its page and its count to a selection of it', async () => {
    await page.goto(`${web.url}/species`);
    const rows = await page.locator('tbody tr[data-species]').evaluateAll((all) =>
      all.map((row) => [
        row.querySelector('th')?.textContent?.trim(),
        row.querySelector('[data-species-count]')?.textContent?.trim(),
        row.querySelector('th a')?.getAttribute('href'),
        row.querySelector('[data-species-count] a')?.getAttribute('href'),
      ]),
    );
    expect(rows).toEqual([
      ['Snowy Owl', '1', '/species/snowy-owl', '/?species=snowy+owl'],
      ['Mourning Dove', '1', '/species/mourning-dove', '/?species=mourning+dove'],
      ['American Robin', '2', '/species/american-robin', '/?species=american+robin'],
      ['Yellow-rumped Warbler', '1', '/species/yellow-rumped-warbler', '/?species=yellow-rumped+warbler'],
      ['Yellow Warbler', '4', '/species/yellow-warbler', '/?species=yellow+warbler'],
    ]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'species.png'), fullPage: true });
    await Promise.all([page.waitForURL(/species=american\+robin/), page.locator('tr[data-species="american-robin"] [data-species-count] a').click()]);
    expect(await count()).toBe(2);
    await clearSelection();
  });
});

describe('safety', () => {
  test('a tampered, truncated or foreign cookie counts as the empty selection', async () => {
    const values = ['v1.eyJzIjpbIm93bCJdLCJ5IjoyMDE5LCJtIjpudWxsfQ'.slice(0, 20), 'v1.!!!not-base64!!!', 'v2.eyJzIjpbXX0', 'eyJhbGciOiJIUzI1NiJ9.x.y', 'v1.' + 'A'.repeat(3000)];
    for (const value of values) {
      await context.addCookies([{ name: 'plumage_selection', value, url: web.url }]);
      const response = await page.goto(`${web.url}/`);
      expect(response?.status()).toBe(200);
      expect(await count()).toBe(PHOTOS.length);
      expect(await chips()).toEqual([]);
      const photo = await page.goto(`${web.url}/photos/${ids.dove}`);
      expect(photo?.status()).toBe(200);
    }
    await context.clearCookies();
  });

  test('security headers on every page: CSP without inline scripts, nosniff, referrer policy, no framing', async () => {
    for (const url of ['/', `/photos/${ids.dove}`, '/species', '/nowhere']) {
      const response = await fetch(`${web.url}${url}`);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      expect(response.headers.get('strict-transport-security')).toBeNull();
      const html = await response.text();
      // JSON-LD is data, not script (CSP does not apply to it): the only inline <script> allowed.
      expect(html).not.toMatch(/<script(?![^>]*\b(?:src=|type="application\/ld\+json"))[^>]*>/);
      expect(html).not.toMatch(/<style/);
      expect(html).not.toMatch(/\sstyle="/);
      expect(html).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)[^"'\s]*\.(?:css|js)/);
    }
  });

  test('form posts from another origin, or with no origin at all, are refused', async () => {
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const cases: Array<[Record<string, string>, number]> = [
      [{ ...form, origin: 'https://evil.example' }, 403],
      [{ ...form, referer: 'https://evil.example/page' }, 403],
      [form, 403],
      [{ ...form, origin: web.url }, 303],
    ];
    for (const [headers, status] of cases) {
      const answer = await fetch(`${web.url}/selection`, { method: 'POST', headers, body: 'species=owl', redirect: 'manual' });
      expect(answer.status, JSON.stringify(headers)).toBe(status);
      if (status === 303) expect(answer.headers.get('location')).toBe('/');
    }
    const clear = await fetch(`${web.url}/selection/clear`, { method: 'POST', headers: { ...form, origin: web.url }, redirect: 'manual' });
    expect(clear.status).toBe(303);
  });

  test('derivatives are served with long-lived immutable caching; nothing outside derivatives/', async () => {
    await page.goto(`${web.url}/photos/${ids.dove}`);
    const src = (await page.locator('figure img').getAttribute('src')) ?? '';
    const image = await fetch(`${web.url}${src}`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/jpeg');
    expect(image.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await image.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    for (const probe of ['/media/derivatives/..%2f..%2fweb-token', '/media/derivatives/%2e%2e/%2e%2e/plumage.db', '/media/uploads/x.jpg', '/media/derivatives/ab/../../web-token']) {
      const answer = await fetch(`${web.url}${probe}`);
      expect(answer.status, probe).toBe(404);
      expect(await answer.text()).not.toContain(cms.readToken);
    }
  });

  test('at most two Strapi requests per page, answers cached until a purge', async () => {
    /** How many requests the site sent Strapi to answer `url`. */
    const strapiRequestsFor = async (url: string) => {
      const since = web.logLines.length;
      expect((await fetch(`${web.url}${url}`)).status, url).toBe(200);
      const entries = await web.logUntil(since, (entry) => entry.msg === 'request' && entry.path === url.split('?')[0]);
      return entries.filter((entry) => entry.msg === 'strapi request').length;
    };
    const purge = await fetch(`${web.url}/_cache/purge`, { method: 'POST' });
    expect(purge.status).toBe(204);
    expect(await strapiRequestsFor('/species'), 'the species page after a purge').toBe(1);
    expect((await fetch(`${web.url}/_cache/purge`, { method: 'POST' })).status).toBe(204);
    for (const url of ['/', `/photos/${ids.owl}`, '/species', '/?species=yellow&month=4', `/photos/${ids.warblerMay}`]) {
      expect(await strapiRequestsFor(url), url).toBeLessThanOrEqual(2);
    }
    expect(await strapiRequestsFor('/'), 'a cached page').toBe(0);
  });

  test('new content shows after the CMS purges the cache', async () => {
    await page.goto(`${web.url}/`);
    expect(await count()).toBe(PHOTOS.length);
    const file = await makeTestJpeg({ width: 900, height: 600, seed: 999, exif: { dateTimeOriginal: '2022:07:01 09:00:00' } });
    const added = await uploadPhoto(cms, { file, fileName: 'late.jpg', species: ['Mourning Dove'] });
    expect((await fetch(`${web.url}/_cache/purge`, { method: 'POST' })).status).toBe(204);
    await page.goto(`${web.url}/`);
    expect(await count()).toBe(PHOTOS.length + 1);
    expect((await gridIds())[0]).toBe(added.documentId);
  });

  test('an access log line per request, as JSON, without cookies or tokens', async () => {
    const lines = web.logEntries().filter((entry) => entry.msg === 'request');
    expect(lines.length).toBeGreaterThan(20);
    for (const line of lines) {
      expect(line).toMatchObject({ method: expect.any(String), path: expect.any(String), status: expect.any(Number), durationMs: expect.any(Number) });
    }
    const everything = web.logLines.join('\n');
    expect(everything).not.toContain('plumage_selection');
    expect(everything).not.toContain(cms.readToken);
  });

  test('when Strapi is slow, pages answer 503 once the budget is spent', async () => {
    const silent = http.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
    const { port } = silent.address() as { port: number };
    const slowSite = await startWeb({ STRAPI_URL: `http://127.0.0.1:${port}`, STRAPI_TOKEN: 'x', STRAPI_TIMEOUT_MS: '500', LOG_LEVEL: 'warn' });
    try {
      for (const url of ['/', `/photos/${ids.dove}`, '/species']) {
        const answer = await fetch(`${slowSite.url}${url}`);
        expect(answer.status, url).toBe(503);
        expect(answer.headers.get('retry-after')).toBe('30');
        expect(await answer.text()).toContain('The photos are unavailable right now');
      }
      expect(slowSite.logEntries().some((entry) => entry.msg === 'strapi unavailable' && entry.reason === 'timeout')).toBe(true);
    } finally {
      await slowSite.stop();
      silent.closeAllConnections();
      silent.close();
    }
  });

  test('when Strapi is down, pages answer 503 and say so, without a stack trace', async () => {
    allowedProblems = [/Failed to load resource: the server responded with a status of 503/];
    cmsStopped = true;
    await cms.stop();
    expect((await fetch(`${web.url}/_cache/purge`, { method: 'POST' })).status).toBe(204);
    for (const url of ['/', `/photos/${ids.dove}`, '/species']) {
      const response = await page.goto(`${web.url}${url}`);
      expect(response?.status(), url).toBe(503);
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('The photos are unavailable right now');
      expect(await page.content()).not.toMatch(/at \w+ \(|node_modules|Error:/);
    }
  });
});
