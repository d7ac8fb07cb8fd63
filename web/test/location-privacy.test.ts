import { describe, expect, test } from 'vitest';
import type { Derivative } from '@plumage/shared';
import { formatCoordinates, hidesLocation, parseCoordinatePrecision, roundCoordinate, roundingInWords, visibleCoordinates } from '../src/lib/location-privacy';
import { photoView, walkView } from '../src/lib/photo-page';
import { emptySelection } from '@plumage/shared';
import type { PagePhoto } from '../src/lib/photos';

describe('parseCoordinatePrecision', () => {
  test.each([
    [undefined, 1],
    ['', 1],
    ['0', 0],
    ['2', 2],
    [' 3 ', 3],
    ['5', 5],
    ['9', 5],
    ['-1', 1],
    ['1.5', 1],
    ['off', null],
    ['NONE', null],
    ['false', null],
  ])('%j → %j', (input, output) => expect(parseCoordinatePrecision(input)).toBe(output));
});

describe('roundCoordinate', () => {
  test.each([
    [41.63212, 1, 41.6],
    [41.65, 1, 41.7],
    [-83.19454, 2, -83.19],
    [-83.195, 2, -83.2],
    [-83.5, 0, -84],
    [-0.04, 1, 0],
    [89.99, 0, 90],
    [12.345678, 5, 12.34568],
  ])('%d to %i places → %d', (value, precision, output) => expect(Object.is(roundCoordinate(value, precision), output)).toBe(true));
});

describe('visibleCoordinates', () => {
  const photo = { location: 'Magee Marsh', latitude: 41.63212, longitude: -83.19454, species: [{ hideLocation: false }] };
  test.each([
    { name: 'rounded to the precision', photo, precision: 1, out: { latitude: 41.6, longitude: -83.2, precision: 1 } },
    { name: 'kept to 3 places', photo, precision: 3, out: { latitude: 41.632, longitude: -83.195, precision: 3 } },
    { name: 'none when the site shows none', photo, precision: null, out: null },
    { name: 'none when one species hides its location', photo: { ...photo, species: [{ hideLocation: false }, { hideLocation: true }] }, precision: 5, out: null },
    { name: 'none without coordinates', photo: { ...photo, latitude: null }, precision: 1, out: null },
    { name: 'none for impossible ones', photo: { ...photo, latitude: 91 }, precision: 1, out: null },
  ])('$name', ({ photo: input, precision, out }) => expect(visibleCoordinates(input, precision)).toEqual(out));
  test.each([
    [[{ hideLocation: true }], true],
    [[{ hideLocation: false }, { hideLocation: null }], false],
    [[], false],
  ])('hidesLocation(%j) = %s', (species, out) => expect(hidesLocation({ species })).toBe(out));
  test.each([
    [{ latitude: 41.6, longitude: -83.2, precision: 1 }, '41.6° N, 83.2° W'],
    [{ latitude: -33.87, longitude: 151.21, precision: 2 }, '33.87° S, 151.21° E'],
    [{ latitude: 0, longitude: 0, precision: 0 }, '0° N, 0° E'],
  ])('formatCoordinates(%j) = %s', (input, out) => expect(formatCoordinates(input)).toBe(out));
  test.each([
    [0, 'about 111 km'],
    [1, 'about 11 km'],
    [2, 'about 1 km'],
    [3, 'about 110 m'],
    [5, 'about 1 m'],
  ])('roundingInWords(%i) = %s', (precision, out) => expect(roundingInWords(precision)).toBe(out));
});

describe('the photo page hides where a hiding species was photographed, everywhere', () => {
  const derivatives: Derivative[] = [
    { name: 'display', format: 'jpeg', width: 1600, height: 1067, bytes: 1000, url: '/media/derivatives/ab/abc/display.jpg' },
    { name: 'thumb', format: 'jpeg', width: 400, height: 267, bytes: 100, url: '/media/derivatives/ab/abc/thumb.jpg' },
  ];
  const base: PagePhoto = {
    documentId: 'owl1',
    title: null,
    caption: null,
    location: 'Secret Marsh',
    takenAt: '2019-01-10T17:00:00.000Z',
    takenAtLocal: '2019-01-10T12:00:00-05:00',
    takenYear: 2019,
    takenMonth: 1,
    camera: null,
    lens: null,
    fNumber: null,
    exposureTime: null,
    iso: null,
    focalLength: null,
    focalLength35mm: null,
    exposureBias: null,
    width: 1600,
    height: 1067,
    latitude: 44.123456,
    longitude: -70.987654,
    derivatives,
    species: [{ documentId: 's', commonName: 'Snowy Owl', scientificName: 'Bubo scandiacus', code: 'SNOW', taxonomicOrder: 1, hideLocation: false, slug: 'snowy-owl' }],
  };
  const site = { origin: 'https://birds.example', coordinatePrecision: 2 };
  const walk = walkView({ position: 1, total: 1, previous: null, next: null }, 'all', emptySelection(), 'newest');

  test('a species that shows its location: place and rounded coordinates, never the raw ones', () => {
    const view = photoView(base, walk, site);
    const everything = JSON.stringify(view);
    expect(view.place).toBe('Secret Marsh');
    expect(view.coordinates).toEqual({ text: '44.12° N, 70.99° W', rounding: 'about 1 km' });
    expect(JSON.parse(view.jsonLd).contentLocation).toEqual({ '@type': 'Place', name: 'Secret Marsh', geo: { '@type': 'GeoCoordinates', latitude: 44.12, longitude: -70.99 } });
    expect(everything).not.toContain('44.123456');
    expect(everything).not.toContain('70.987654');
  });

  test('a species that hides its location: no place, no coordinates in the page, alt, OpenGraph or JSON-LD', () => {
    const view = photoView({ ...base, species: [{ ...base.species[0]!, hideLocation: true }] }, walk, site);
    const everything = JSON.stringify(view);
    expect(view.place).toBeNull();
    expect(view.coordinates).toBeNull();
    expect(view.alt).toBe('Snowy Owl, 10 January 2019');
    expect(JSON.parse(view.jsonLd).contentLocation).toBeUndefined();
    for (const secret of ['Secret Marsh', '44.1', '70.9', 'GeoCoordinates']) expect(everything).not.toContain(secret);
  });

  test('OpenGraph and Twitter tags use the display JPEG, absolute; the species links to its page', () => {
    const view = photoView(base, walk, site);
    const tags = Object.fromEntries(view.meta.map((tag) => [tag.property ?? tag.name, tag.content]));
    expect(tags).toMatchObject({
      'og:image': 'https://birds.example/media/derivatives/ab/abc/display.jpg',
      'og:image:width': '1600',
      'og:url': 'https://birds.example/photos/owl1',
      'twitter:card': 'summary_large_image',
      'twitter:image': 'https://birds.example/media/derivatives/ab/abc/display.jpg',
    });
    expect(view.species[0]?.href).toBe('/species/snowy-owl');
    expect(JSON.parse(view.jsonLd)).toMatchObject({
      '@type': 'Photograph',
      url: 'https://birds.example/photos/owl1',
      image: { '@type': 'ImageObject', contentUrl: 'https://birds.example/media/derivatives/ab/abc/display.jpg', width: 1600, height: 1067 },
      about: [{ '@type': 'Taxon', name: 'Bubo scandiacus', alternateName: 'Snowy Owl' }],
    });
  });
});
