import { describe, expect, test } from 'vitest';
import type { Derivative } from '@plumage/shared';
import { emptySelection } from '@plumage/shared';
import { catalogFrom, findCatalog } from '../src/lib/catalog';
import { ResponseCache } from '../src/lib/cache';
import { createStrapiClient } from '../src/lib/strapi-client';
import { galleryHref, pageLinks } from '../src/lib/gallery-page';
import { applyStatus, pageNumber } from '../src/lib/page-context';
import { speciesSelectionHref, speciesWord, walkView } from '../src/lib/photo-page';
import { parseOrder, sortFor } from '../src/lib/photo-order';
import { joinNames, photoAlt, photoHeading, visibleLocation } from '../src/lib/photo-text';
import { DISPLAY_SIZES, pictureOf } from '../src/lib/picture';
import { photoMatchesSelection } from '../src/lib/selection-match';

describe('galleryHref', () => {
  const cases = [
    { selection: emptySelection(), order: 'newest' as const, page: 1, explicit: false, href: '/' },
    { selection: emptySelection(), order: 'newest' as const, page: 3, explicit: false, href: '/?page=3' },
    { selection: emptySelection(), order: 'newest' as const, page: 1, explicit: true, href: '/?order=newest' },
    { selection: emptySelection(), order: 'field-guide' as const, page: 1, explicit: false, href: '/?order=field-guide' },
    { selection: { species: ['yellow warbler', 'owl'], year: 2019, month: 4 }, order: 'newest' as const, page: 2, explicit: false, href: '/?species=yellow+warbler&species=owl&year=2019&month=4&page=2' },
    { selection: { species: ["cetti's"], year: null, month: null }, order: 'newest' as const, page: 1, explicit: false, href: "/?species=cetti%27s" },
  ];
  for (const { selection, order, page, explicit, href } of cases) {
    test(href, () => expect(galleryHref(selection, order, page, explicit)).toBe(href));
  }
});

describe('pageLinks', () => {
  test.each([
    [1, 0, []],
    [1, 1, [1]],
    [1, 3, [1, 2, 3]],
    [6, 12, [1, 4, 5, 6, 7, 8, 12]],
    [12, 12, [1, 10, 11, 12]],
    [40, 12, [1, 12]],
  ])('page %i of %i → %j', (current, count, links) => expect(pageLinks(current, count)).toEqual(links));
});

describe('pageNumber', () => {
  test.each([
    ['', 1],
    ['page=2', 2],
    ['page=0', 1],
    ['page=-3', 1],
    ['page=2.5', 1],
    ['page=abc', 1],
    ['page=999999', 1],
    ['page=%202%20', 2],
  ])('%j → %i', (query, page) => expect(pageNumber(new URLSearchParams(query))).toBe(page));
});

describe('orders', () => {
  test.each([
    ['newest', 'newest'],
    ['field-guide', 'field-guide'],
    ['taxonomic', null],
    [null, null],
  ])('parseOrder(%j) = %j', (value, order) => expect(parseOrder(value)).toBe(order));

  test('both orders end with the same tie-breakers, so pages and previous/next agree', () => {
    expect(sortFor('newest')).toEqual(['takenAt:desc', 'id:desc']);
    expect(sortFor('field-guide')).toEqual(['species.taxonomicOrder:asc', 'takenAt:desc', 'id:desc']);
  });
});

describe('walkView', () => {
  const cases = [
    { name: 'first', neighbours: { position: 1, total: 3, previous: null, next: 'b' }, position: 1, total: 3, prevHref: null, nextHref: '/photos/b' },
    { name: 'middle', neighbours: { position: 2, total: 3, previous: 'a', next: 'c' }, position: 2, total: 3, prevHref: '/photos/a', nextHref: '/photos/c' },
    { name: 'last', neighbours: { position: 3, total: 3, previous: 'b', next: null }, position: 3, total: 3, prevHref: '/photos/b', nextHref: null },
    { name: 'not placed', neighbours: null, position: null, total: 0, prevHref: null, nextHref: null },
  ];
  for (const { name, neighbours, position, total, prevHref, nextHref } of cases) {
    test(name, () => {
      expect(walkView(neighbours, 'all', emptySelection(), 'newest')).toMatchObject({ position, total, prevHref, nextHref });
    });
  }

  test('names the selection and the gallery page the photo is on', () => {
    const view = walkView({ position: 31, total: 60, previous: 'p29', next: 'p31' }, 'selection', { species: ['yellow'], year: null, month: 4 }, 'newest');
    expect(view.selectionLabel).toBe('“yellow”, April');
    expect(view.galleryHref).toBe('/?species=yellow&month=4&page=2');
  });
});

describe('speciesWord and its link', () => {
  const cases = [
    { species: { commonName: 'Yellow Warbler', code: 'yelwar', scientificName: 'Setophaga petechia' }, word: 'yellow warbler', href: '/?species=yellow+warbler' },
    { species: { commonName: 'Rock Pigeon (Feral)', code: 'rocpig', scientificName: null }, word: 'rocpig', href: '/?species=rocpig' },
    { species: { commonName: 'Bird (?)', code: null, scientificName: 'Aves indet.' }, word: 'aves indet.', href: '/?species=aves+indet.' },
    { species: { commonName: '???', code: null, scientificName: null }, word: null, href: null },
  ];
  for (const { species, word, href } of cases) {
    test(species.commonName, () => {
      expect(speciesWord(species)).toBe(word);
      expect(speciesSelectionHref(species)).toBe(href);
    });
  }
});

describe('photo text', () => {
  const warbler = { commonName: 'Yellow Warbler', hideLocation: false };
  const owl = { commonName: 'Snowy Owl', hideLocation: true };
  const base = { title: null, location: 'Magee Marsh', takenAtLocal: '2021-04-12T07:31:05-04:00' };

  test.each([
    [[], ''],
    [['A'], 'A'],
    [['A', 'B'], 'A and B'],
    [['A', 'B', 'C'], 'A, B and C'],
  ])('joinNames(%j) = %j', (names, joined) => expect(joinNames(names)).toBe(joined));

  const altCases = [
    { photo: { ...base, species: [warbler] }, alt: 'Yellow Warbler at Magee Marsh, 12 April 2021' },
    { photo: { ...base, species: [warbler, owl] }, alt: 'Yellow Warbler and Snowy Owl, 12 April 2021' },
    { photo: { ...base, location: null, takenAtLocal: null, species: [warbler] }, alt: 'Yellow Warbler' },
    { photo: { ...base, title: 'Dawn', species: [] }, alt: 'Dawn at Magee Marsh, 12 April 2021' },
    { photo: { ...base, location: '  ', species: [] }, alt: 'A bird, 12 April 2021' },
  ];
  for (const { photo, alt } of altCases) {
    test(`alt: ${alt}`, () => expect(photoAlt(photo)).toBe(alt));
  }

  test('a species that hides its location hides the place', () => {
    expect(visibleLocation({ location: 'Magee Marsh', species: [warbler] })).toBe('Magee Marsh');
    expect(visibleLocation({ location: 'Magee Marsh', species: [warbler, owl] })).toBeNull();
  });

  test.each([
    [{ ...base, title: ' Dawn chorus ', species: [warbler] }, 'Dawn chorus'],
    [{ ...base, species: [warbler, owl] }, 'Yellow Warbler and Snowy Owl'],
    [{ ...base, species: [] }, 'Untitled photo'],
  ])('heading %#', (photo, heading) => expect(photoHeading(photo)).toBe(heading));
});

describe('pictureOf', () => {
  const d = (name: Derivative['name'], format: Derivative['format'], width: number, height: number): Derivative => ({
    name,
    format,
    width,
    height,
    bytes: 1,
    url: `/media/derivatives/ab/x/${name}.${format === 'jpeg' ? 'jpg' : format}`,
  });
  const all = [
    d('thumb', 'avif', 400, 267),
    d('thumb', 'webp', 400, 267),
    d('thumb', 'jpeg', 400, 267),
    d('display', 'jpeg', 1600, 1067),
    d('display', 'avif', 1600, 1067),
    d('display', 'webp', 1600, 1067),
    d('display2x', 'avif', 3200, 2133),
    d('display2x', 'webp', 3200, 2133),
    d('display2x', 'jpeg', 3200, 2133),
  ];

  test('display and display2x in AVIF, WebP, with a JPEG img of the display size', () => {
    expect(pictureOf(all, ['display', 'display2x'], DISPLAY_SIZES)).toEqual({
      sources: [
        { type: 'image/avif', srcset: '/media/derivatives/ab/x/display.avif 1600w, /media/derivatives/ab/x/display2x.avif 3200w' },
        { type: 'image/webp', srcset: '/media/derivatives/ab/x/display.webp 1600w, /media/derivatives/ab/x/display2x.webp 3200w' },
      ],
      src: '/media/derivatives/ab/x/display.jpg',
      srcset: '/media/derivatives/ab/x/display.jpg 1600w, /media/derivatives/ab/x/display2x.jpg 3200w',
      width: 1600,
      height: 1067,
      sizes: DISPLAY_SIZES,
    });
  });

  test('a thumb', () => {
    expect(pictureOf(all, ['thumb'], '50vw')).toMatchObject({ src: '/media/derivatives/ab/x/thumb.jpg', width: 400, height: 267 });
  });

  test('with media in a bucket, every URL is the bucket\'s', () => {
    expect(pictureOf(all, ['thumb'], '50vw', 'http://127.0.0.1:9000/birds/site/')).toMatchObject({
      sources: [
        { type: 'image/avif', srcset: 'http://127.0.0.1:9000/birds/site/derivatives/ab/x/thumb.avif 400w' },
        { type: 'image/webp', srcset: 'http://127.0.0.1:9000/birds/site/derivatives/ab/x/thumb.webp 400w' },
      ],
      src: 'http://127.0.0.1:9000/birds/site/derivatives/ab/x/thumb.jpg',
      srcset: 'http://127.0.0.1:9000/birds/site/derivatives/ab/x/thumb.jpg 400w',
    });
  });

  test.each([[null], [[]], [[d('display', 'avif', 1600, 1067)]]])('no JPEG: no picture (%#)', (derivatives) => {
    expect(pictureOf(derivatives, ['display'], '100vw')).toBeNull();
  });
});

describe('photoMatchesSelection', () => {
  const photo = {
    takenYear: 2021,
    takenMonth: 4,
    species: [
      { commonName: 'Yellow Warbler', scientificName: 'Setophaga petechia', code: 'yelwar' },
      { commonName: 'American Robin', scientificName: 'Turdus migratorius', code: 'amerob' },
    ],
  };
  const cases = [
    { selection: emptySelection(), matches: true },
    { selection: { species: ['yellow'], year: null, month: null }, matches: true },
    { selection: { species: ['yellow', 'robin'], year: null, month: null }, matches: true },
    { selection: { species: ['setophaga'], year: 2021, month: 4 }, matches: true },
    { selection: { species: ['amerob'], year: null, month: null }, matches: true },
    { selection: { species: ['owl'], year: null, month: null }, matches: false },
    { selection: { species: ['yellow'], year: 2020, month: null }, matches: false },
    { selection: { species: [], year: null, month: 5 }, matches: false },
  ];
  for (const { selection, matches } of cases) {
    test(`${JSON.stringify(selection)} → ${matches}`, () => expect(photoMatchesSelection(photo, selection)).toBe(matches));
  }
});

describe('catalogFrom (the CMS life-list answer, checked)', () => {
  const species = { documentId: 'a', commonName: 'Snowy Owl', scientificName: null, family: null, code: null, taxonomicOrder: 1, slug: 'snowy-owl', hideLocation: false, photoCount: 2 };
  const lifer = { documentId: 'p', takenAt: '2019-01-10T17:00:00.000Z', takenAtLocal: null, takenYear: 2019 };
  test.each([
    { name: 'a whole answer', answer: { data: [{ ...species, lifer }], meta: { years: [2021, 2019] } }, species: 1, lifer: 'p', years: [2021, 2019] },
    { name: 'no data at all', answer: {}, species: 0, lifer: null, years: [] },
    { name: 'data not a list', answer: { data: 'x', meta: { years: 'y' } }, species: 0, lifer: null, years: [] },
    { name: 'rows without names or counts left out', answer: { data: [null, { documentId: 'b' }, { ...species, lifer: { documentId: 3 } }], meta: { years: [2019.5, '2020', 2018] } }, species: 1, lifer: null, years: [2018] },
  ])('$name', ({ answer, species: count, lifer: liferId, years }) => {
    const catalog = catalogFrom(answer as never);
    expect(catalog.species).toHaveLength(count);
    expect(catalog.species[0]?.lifer?.documentId ?? null).toBe(liferId);
    expect(catalog.years).toEqual(years);
  });
});

describe('findCatalog', () => {
  test('builds the catalog once per cached answer, and again after a purge', async () => {
    let requests = 0;
    const answer = () => ({
      data: [{ documentId: 'owl', commonName: 'Snowy Owl', scientificName: null, family: null, code: null, taxonomicOrder: 1, hideLocation: false, slug: 'snowy-owl', photoCount: 1, lifer: { documentId: 'p', takenAt: '2019-02-03T10:00:00.000Z', takenAtLocal: null, takenYear: 2019 } }],
      meta: { years: [2019] },
    });
    const client = createStrapiClient({
      baseUrl: 'http://cms.test',
      token: { current: () => 'token', refresh: () => false },
      timeoutMs: 1000,
      cache: new ResponseCache<unknown>({ maxEntries: 10, ttlMs: 60_000 }),
      fetch: (async () => {
        requests++;
        return new Response(JSON.stringify(answer()), { status: 200, headers: { 'Content-Type': 'application/json' } });
      }) as typeof fetch,
    });
    const first = await findCatalog(client);
    expect(await findCatalog(client)).toBe(first);
    expect(first.years).toEqual([2019]);
    client.purge();
    const afterPurge = await findCatalog(client);
    expect(afterPurge).not.toBe(first);
    expect(afterPurge).toEqual(first);
    expect(requests).toBe(2);
  });
});

describe('inFieldGuideOrder', () => {
  test('by taxonomic order, species without one last, then by name', async () => {
    const { inFieldGuideOrder } = await import('../src/lib/photos');
    const species = [
      { commonName: 'Yellow Warbler', taxonomicOrder: 50 },
      { commonName: 'Unknown bird', taxonomicOrder: null },
      { commonName: 'American Robin', taxonomicOrder: 30 },
      { commonName: 'Another bird', taxonomicOrder: null },
    ];
    expect(inFieldGuideOrder(species).map((one) => one.commonName)).toEqual(['American Robin', 'Yellow Warbler', 'Another bird', 'Unknown bird']);
  });
});

describe('applyStatus', () => {
  test.each([
    [200, 'OK', null],
    [404, 'Not Found', null],
    [503, 'Service Unavailable', '30'],
  ])('%i', (status, statusText, retryAfter) => {
    const response = { status: 0, statusText: '', headers: new Headers() };
    applyStatus(response, { status });
    expect(response).toMatchObject({ status, statusText });
    expect(response.headers.get('retry-after')).toBe(retryAfter);
  });
});

describe('accessLogEntry', () => {
  test.each([
    ['GET', 'http://site.test/photos/abc?species=owl', 200, 12.345, { method: 'GET', path: '/photos/abc', status: 200, durationMs: 12.3 }],
    ['POST', 'http://site.test/selection', 303, 0.04, { method: 'POST', path: '/selection', status: 303, durationMs: 0 }],
  ])('%s %s', async (method, url, status, duration, entry) => {
    const { accessLogEntry } = await import('../src/lib/logger');
    expect(accessLogEntry(method, new URL(url), status, duration)).toEqual(entry);
  });
});
