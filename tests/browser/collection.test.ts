/**
 * A birder's collection on the built site, in Debian's chromium, against a real Strapi: species pages (photos,
 * names, first and latest, photos by month as server-drawn SVG), the life list (field-guide order by family or by
 * first photo, lifer dates, new species per year), search by banding code, eBird code and scientific name, location
 * privacy on every page and feed, RSS feeds, the sitemap, OpenGraph/Twitter tags and JSON-LD.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium, openWatchedPage, type WatchedPage } from '../support/browser';
import { repoRoot, startCms, type RunningCms } from '../support/cms';
import { makeTestJpeg } from '../support/images';
import { ensureSpecies, uploadPhoto } from '../support/rest';
import { startWebFor, type RunningWeb } from '../support/web';

const SCREENSHOTS = path.join(repoRoot, 'test-results', 'web');

const SPECIES: Record<string, Record<string, unknown>> = {
  'Snowy Owl': { scientificName: 'Bubo scandiacus', family: 'Strigidae (Owls)', code: 'SNOW', ebirdCode: 'snoowl1', taxonomicOrder: 10, hideLocation: true },
  'Great Horned Owl': { scientificName: 'Bubo virginianus', family: 'Strigidae (Owls)', code: 'GHOW', ebirdCode: 'grhowl', taxonomicOrder: 11 },
  'American Robin': { scientificName: 'Turdus migratorius', family: 'Turdidae (Thrushes)', code: 'AMRO', ebirdCode: 'amerob', taxonomicOrder: 30 },
  'Yellow Warbler': { scientificName: 'Setophaga petechia', family: 'Parulidae (New World Warblers)', code: 'YEWA', ebirdCode: 'yelwar', taxonomicOrder: 50 },
};

const HOSTILE_TITLE = 'Yellow & "Warbler" <singing> \'loud\' ]]>';
const SECRETS = ['Secret Marsh', 'Owl Roost', '44.12', '70.98', '44.5', '71.2'];

const PHOTOS = [
  { key: 'w1', species: ['Yellow Warbler'], date: '2021:04:12 07:31:05', location: 'Magee Marsh', gps: { lat: 41.63212, lon: -83.19454 }, title: HOSTILE_TITLE, caption: 'a </description> & <b>bold</b>' },
  { key: 'w2', species: ['Yellow Warbler'], date: '2021:05:03 09:00:00', location: 'Point Pelee', gps: { lat: 41.96, lon: -82.51 } },
  { key: 'w3', species: ['Yellow Warbler'], date: '2019:04:20 08:00:00', location: 'Magee Marsh' },
  { key: 'r1', species: ['American Robin'], date: '2020:06:01 10:00:00', location: 'Backyard' },
  { key: 'owl', species: ['Snowy Owl'], date: '2018:01:10 12:00:00', location: 'Secret Marsh', gps: { lat: 44.1234, lon: -70.9876 } },
  { key: 'pair', species: ['American Robin', 'Snowy Owl'], date: '2022:03:01 12:00:00', location: 'Owl Roost', gps: { lat: 44.5, lon: -71.2 } },
] as const;
type PhotoKey = (typeof PHOTOS)[number]['key'];

let cms: RunningCms;
let web: RunningWeb;
let browser: Browser;
let watched: WatchedPage;
let page: Page;
const ids = {} as Record<PhotoKey, string>;

beforeAll(async () => {
  cms = await startCms();
  await ensureSpecies(cms, Object.keys(SPECIES), SPECIES);
  for (const [index, photo] of PHOTOS.entries()) {
    const file = await makeTestJpeg({
      width: 1200,
      height: 800,
      seed: 300 + index * 7,
      exif: { make: 'Canon', model: 'Canon EOS R7', dateTimeOriginal: photo.date, offsetTimeOriginal: '-04:00', ...('gps' in photo ? { gps: photo.gps } : {}) },
    });
    const created = await uploadPhoto(cms, {
      file,
      fileName: `${photo.key}.jpg`,
      species: [...photo.species],
      location: photo.location,
      ...('title' in photo ? { title: photo.title } : {}),
      ...('caption' in photo ? { caption: photo.caption } : {}),
    });
    ids[photo.key] = created.documentId;
  }
  web = await startWebFor(cms, { PUBLIC_COORDINATE_PRECISION: '2' });
  browser = await launchChromium();
  watched = await openWatchedPage(browser);
  page = watched.page;
});

afterEach(() => {
  // 404 pages are asked for on purpose; anything else (a CSP violation above all) fails the test.
  const found = watched.takeProblems().filter((problem) => !/status of 404/.test(problem));
  expect(found, 'console errors or CSP violations').toEqual([]);
});

afterAll(async () => {
  await watched?.context.close();
  await browser?.close();
  await web?.stop();
  await cms?.stop();
});

async function text(url: string): Promise<{ status: number; type: string; body: string }> {
  const answer = await fetch(`${web.url}${url}`);
  return { status: answer.status, type: answer.headers.get('content-type') ?? '', body: await answer.text() };
}

/** Parses XML with the browser's own parser: the root's name, or the parser's complaint. */
async function parseXml(xml: string): Promise<{ root: string; error: string | null; items: Array<{ title: string; link: string; description: string }>; locs: string[] }> {
  return page.evaluate((source) => {
    const doc = new DOMParser().parseFromString(source, 'application/xml');
    const error = doc.querySelector('parsererror');
    return {
      root: doc.documentElement.nodeName,
      error: error === null ? null : error.textContent,
      items: [...doc.querySelectorAll('item')].map((item) => ({
        title: item.querySelector('title')?.textContent ?? '',
        link: item.querySelector('link')?.textContent ?? '',
        description: item.querySelector('description')?.textContent ?? '',
      })),
      locs: [...doc.getElementsByTagName('loc')].map((loc) => loc.textContent ?? ''),
    };
  }, xml);
}

describe('species pages', () => {
  test('names, family, codes, photos, first and latest photo, and photos by month as an SVG drawn on the server', async () => {
    const response = await page.goto(`${web.url}/species/yellow-warbler`);
    expect(response?.status()).toBe(200);
    expect(await page.locator('h1').innerText()).toBe('Yellow Warbler');
    expect(await page.locator('[data-scientific-name]').innerText()).toBe('Setophaga petechia');
    expect(await page.locator('[data-family]').innerText()).toBe('Parulidae (New World Warblers)');
    expect(await page.locator('[data-codes]').innerText()).toBe('YEWA · yelwar');
    expect(await page.locator('[data-photo-count]').getAttribute('data-photo-count')).toBe('3');
    const grid = await page.locator('ul[aria-label="Photos"] a').evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    expect(grid).toEqual([`/photos/${ids.w2}`, `/photos/${ids.w1}`, `/photos/${ids.w3}`]);
    expect(await page.locator('[data-milestone="first"]').getAttribute('href')).toBe(`/photos/${ids.w3}`);
    expect(await page.locator('[data-milestone="first"]').innerText()).toBe('20 April 2019');
    expect(await page.locator('[data-milestone="latest"]').getAttribute('href')).toBe(`/photos/${ids.w2}`);
    const bars = await page.locator('svg.bar-chart g[data-bar-label]').evaluateAll((groups) =>
      groups.map((g) => `${g.getAttribute('data-bar-label')}:${g.getAttribute('data-bar-value')}`),
    );
    expect(bars).toEqual(['Jan:0', 'Feb:0', 'Mar:0', 'Apr:2', 'May:1', 'Jun:0', 'Jul:0', 'Aug:0', 'Sep:0', 'Oct:0', 'Nov:0', 'Dec:0']);
    // Drawn: April's bar is twice May's, and the page has no script at all.
    const heights = await page.locator('svg.bar-chart rect').evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('height'))));
    expect(heights[3]).toBeCloseTo(2 * heights[4]!, 1);
    expect(await page.locator('script').count()).toBe(0);
    expect((await page.locator('svg.bar-chart').boundingBox())?.width).toBeGreaterThan(200);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'species-detail.png'), fullPage: true });
  });

  test('a species that hides its location shows no place or coordinates of any of its photos', async () => {
    const response = await page.goto(`${web.url}/species/snowy-owl`);
    expect(response?.status()).toBe(200);
    expect(await page.locator('[data-location-hidden]').count()).toBe(1);
    const html = await page.content();
    for (const secret of SECRETS) expect(html).not.toContain(secret);
    const alts = await page.locator('ul[aria-label="Photos"] img').evaluateAll((images) => images.map((image) => image.getAttribute('alt')));
    expect(alts).toEqual(['American Robin and Snowy Owl, 1 March 2022', 'Snowy Owl, 10 January 2018']);
  });

  test('an unknown species is a 404 page; so is its feed', async () => {
    for (const slug of ['no-such-bird', '..%2f..%2fetc', 'a%20b', 'x'.repeat(200)]) {
      const response = await page.goto(`${web.url}/species/${slug}`);
      expect(response?.status(), slug).toBe(404);
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toMatch(/There is no such species|Page not found/);
    }
    expect((await text('/species/no-such-bird/feed.xml')).status).toBe(404);
  });
});

describe('the life list', () => {
  test('field-guide order, grouped by family, with counts, lifer numbers and dates, and new species per year', async () => {
    await page.goto(`${web.url}/species`);
    expect(await page.locator('[data-life-list-total]').innerText()).toContain('3 species photographed (of 4');
    const families = await page.locator('tbody[data-family]').evaluateAll((groups) => groups.map((g) => g.getAttribute('data-family')));
    expect(families).toEqual(['Strigidae (Owls)', 'Turdidae (Thrushes)', 'Parulidae (New World Warblers)']);
    const rows = await page.locator('tr[data-species]').evaluateAll((all) =>
      all.map((row) => [
        row.querySelector('[data-lifer-number]')?.textContent?.trim(),
        row.querySelector('th a')?.getAttribute('href'),
        row.querySelector('[data-lifer-date]')?.textContent?.trim(),
        row.querySelector('[data-species-count]')?.textContent?.trim(),
      ]),
    );
    expect(rows).toEqual([
      ['1', '/species/snowy-owl', '10 January 2018', '2'],
      ['3', '/species/american-robin', '1 June 2020', '2'],
      ['2', '/species/yellow-warbler', '20 April 2019', '3'],
    ]);
    const years = await page.locator('svg.bar-chart g[data-bar-label]').evaluateAll((groups) =>
      groups.map((g) => `${g.getAttribute('data-bar-label')}:${g.getAttribute('data-bar-value')}`),
    );
    expect(years).toEqual(['2018:1', '2019:1', '2020:1']);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'life-list.png'), fullPage: true });
  });

  test('the order control lists species by the date first photographed', async () => {
    await page.goto(`${web.url}/species`);
    await Promise.all([page.waitForURL(/order=lifer/), page.locator('[data-life-list-order="lifer"]').click()]);
    const names = await page.locator('tr[data-species] th').allInnerTexts();
    expect(names).toEqual(['Snowy Owl', 'Yellow Warbler', 'American Robin']);
    expect(await page.locator('[data-life-list-order="lifer"]').getAttribute('aria-current')).toBe('page');
    await Promise.all([page.waitForURL(`${web.url}/species`), page.locator('[data-life-list-order="field-guide"]').click()]);
    expect(await page.locator('tr[data-species] th').first().innerText()).toBe('Snowy Owl');
  });

  test('a species links to its page, whose button walks its photos in the gallery', async () => {
    await page.goto(`${web.url}/species`);
    await Promise.all([page.waitForURL(/\/species\/american-robin$/), page.getByRole('link', { name: 'American Robin' }).click()]);
    await Promise.all([page.waitForURL(/species=american\+robin/), page.getByRole('link', { name: 'Walk its photos in the gallery' }).click()]);
    expect(await page.locator('[data-selection-count]').getAttribute('data-selection-count')).toBe('2');
  });
});

describe('search', () => {
  test.each([
    ['YEWA', 3],
    ['yewa', 3],
    ['yelwar', 3],
    ['Setophaga petechia', 3],
    ['setophaga', 3],
    ['Turdus migratorius', 2],
    ['AMRO', 2],
    ['amerob', 2],
    ['yellow warbler', 3],
    ['robin', 2],
    ['Bubo', 2],
    ['snoowl1', 2],
    ['zzzz', 0],
  ])('%s finds %i photos', async (word, expected) => {
    await page.goto(`${web.url}/?species=${encodeURIComponent(word)}`);
    expect(await page.locator('[data-selection-count]').getAttribute('data-selection-count')).toBe(String(expected));
  });

  test('the narrowing form takes a banding code too', async () => {
    await page.goto(`${web.url}/`);
    if ((await page.locator('.selection-chip').count()) > 0) {
      await Promise.all([page.waitForURL(`${web.url}/`), page.getByRole('button', { name: 'Clear all' }).click()]);
    }
    await page.getByLabel('Species', { exact: true }).fill('YEWA');
    await Promise.all([page.waitForURL(`${web.url}/`), page.getByRole('button', { name: 'Narrow' }).click()]);
    expect(await page.locator('[data-selection-count]').getAttribute('data-selection-count')).toBe('3');
    await Promise.all([page.waitForURL(`${web.url}/`), page.getByRole('button', { name: 'Clear all' }).click()]);
  });
});

describe('the photo page: coordinates, sharing tags and JSON-LD', () => {
  test('coordinates rounded to PUBLIC_COORDINATE_PRECISION; OpenGraph and Twitter tags on the display JPEG; JSON-LD Photograph; no CSP violation', async () => {
    const response = await page.goto(`${web.url}/photos/${ids.w1}`);
    expect(response?.status()).toBe(200);
    expect(await page.locator('[data-photo-coordinates]').innerText()).toBe('41.63° N, 83.19° W');
    const html = await page.content();
    expect(html).not.toContain('41.63212');
    expect(html).not.toContain('83.19454');

    const meta = Object.fromEntries(
      await page.locator('head meta[property], head meta[name^="twitter:"]').evaluateAll((tags) =>
        tags.map((tag) => [tag.getAttribute('property') ?? tag.getAttribute('name'), tag.getAttribute('content')]),
      ),
    );
    expect(meta['og:title']).toBe(HOSTILE_TITLE);
    expect(meta['og:url']).toBe(`${web.url}/photos/${ids.w1}`);
    expect(meta['og:image']).toMatch(new RegExp(`^${web.url}/media/derivatives/[0-9a-f]{2}/[0-9a-f]{64}/display\\.jpg$`));
    expect(meta['twitter:card']).toBe('summary_large_image');
    expect(meta['twitter:image']).toBe(meta['og:image']);
    const image = await fetch(meta['og:image']!);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/jpeg');
    expect(Number(meta['og:image:width'])).toBe(1200);

    const blocks = await page.locator('script[type="application/ld+json"]').allTextContents();
    expect(blocks).toHaveLength(1);
    const data = JSON.parse(blocks[0]!);
    expect(data).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Photograph',
      name: HOSTILE_TITLE,
      description: 'a </description> & <b>bold</b>',
      url: `${web.url}/photos/${ids.w1}`,
      dateCreated: '2021-04-12T07:31:05-04:00',
      contentLocation: { '@type': 'Place', name: 'Magee Marsh', geo: { '@type': 'GeoCoordinates', latitude: 41.63, longitude: -83.19 } },
      about: [{ '@type': 'Taxon', name: 'Setophaga petechia', alternateName: 'Yellow Warbler' }],
      image: { '@type': 'ImageObject', contentUrl: meta['og:image'], width: 1200, height: 800 },
    });
    // The hostile caption could not end the block: it is escaped JSON, and the page's only script is the site's own.
    expect(html).not.toContain('</description> & <b>');
    expect(await page.locator('script:not([type="application/ld+json"])').evaluateAll((all) => all.every((s) => s.hasAttribute('src')))).toBe(true);
  });

  test('a photo with a species that hides its location: no place, coordinates or geo anywhere in the page', async () => {
    for (const key of ['owl', 'pair'] as const) {
      const response = await page.goto(`${web.url}/photos/${ids[key]}`);
      expect(response?.status()).toBe(200);
      expect(await page.locator('[data-photo-coordinates]').count()).toBe(0);
      const html = await page.content();
      for (const secret of SECRETS) expect(html, key).not.toContain(secret);
      const data = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? '{}');
      expect(data.contentLocation).toBeUndefined();
    }
  });
});

describe('feeds and the sitemap', () => {
  test('/feed.xml: RSS 2.0 of the newest photos, well-formed, escaped, absolute, without hidden places', async () => {
    const feed = await text('/feed.xml');
    expect(feed.status).toBe(200);
    expect(feed.type).toBe('application/rss+xml; charset=utf-8');
    const parsed = await parseXml(feed.body);
    expect(parsed.error).toBeNull();
    expect(parsed.root).toBe('rss');
    expect(parsed.items).toHaveLength(PHOTOS.length);
    expect(parsed.items.map((item) => item.link).sort()).toEqual(Object.values(ids).map((id) => `${web.url}/photos/${id}`).sort());
    const hostile = parsed.items.find((item) => item.link.endsWith(ids.w1));
    expect(hostile?.title).toBe(HOSTILE_TITLE);
    expect(hostile?.description).toBe('Yellow Warbler at Magee Marsh, 12 April 2021. a </description> & <b>bold</b>');
    for (const secret of SECRETS) expect(feed.body).not.toContain(secret);
    expect(feed.body).toMatch(new RegExp(`<enclosure url="${web.url}/media/derivatives/[^"]+/display\\.jpg" length="\\d+" type="image/jpeg"/>`));
  });

  test('/species/{slug}/feed.xml: that species’ photos only; a hiding species’ feed names no place', async () => {
    const warbler = await parseXml((await text('/species/yellow-warbler/feed.xml')).body);
    expect(warbler.error).toBeNull();
    expect(warbler.items.map((item) => item.link)).toEqual([ids.w2, ids.w1, ids.w3].map((id) => `${web.url}/photos/${id}`));
    const owl = await text('/species/snowy-owl/feed.xml');
    expect((await parseXml(owl.body)).items).toHaveLength(2);
    for (const secret of SECRETS) expect(owl.body).not.toContain(secret);
  });

  test('/sitemap.xml: absolute URLs on PUBLIC_URL for the gallery, the life list, species with photos and every photo', async () => {
    const map = await text('/sitemap.xml');
    expect(map.status).toBe(200);
    expect(map.type).toBe('application/xml; charset=utf-8');
    const parsed = await parseXml(map.body);
    expect(parsed.error).toBeNull();
    expect(parsed.root).toBe('urlset');
    expect(parsed.locs.sort()).toEqual(
      [
        `${web.url}/`,
        `${web.url}/species`,
        `${web.url}/species/snowy-owl`,
        `${web.url}/species/american-robin`,
        `${web.url}/species/yellow-warbler`,
        ...Object.values(ids).map((id) => `${web.url}/photos/${id}`),
      ].sort(),
    );
  });

  test('at most two Strapi requests for each new page and feed', async () => {
    expect((await fetch(`${web.url}/_cache/purge`, { method: 'POST' })).status).toBe(204);
    for (const url of ['/species', '/species/yellow-warbler', '/species?order=lifer', '/feed.xml', '/species/snowy-owl/feed.xml', '/sitemap.xml', `/photos/${ids.w1}`]) {
      const since = web.logLines.length;
      expect((await fetch(`${web.url}${url}`)).status, url).toBe(200);
      const entries = await web.logUntil(since, (entry) => entry.msg === 'request' && entry.path === url.split('?')[0]);
      expect(entries.filter((entry) => entry.msg === 'strapi request').length, url).toBeLessThanOrEqual(2);
    }
  });
});
