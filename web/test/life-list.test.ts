import { describe, expect, test } from 'vitest';
import type { CatalogSpecies } from '../src/lib/catalog';
import { lifeList, parseLifeListOrder, speciesPageHref } from '../src/lib/life-list';

const row = (commonName: string, family: string | null, taxonomicOrder: number | null, photoCount: number, lifer: [string, string, number] | null): CatalogSpecies => ({
  documentId: `d-${commonName}`,
  commonName,
  scientificName: null,
  family,
  code: null,
  taxonomicOrder,
  hideLocation: false,
  slug: commonName.toLowerCase().replace(/ /g, '-'),
  photoCount,
  lifer: lifer === null ? null : { documentId: lifer[0], takenAt: lifer[1], takenAtLocal: lifer[1].replace('Z', '-04:00'), takenYear: lifer[2] },
});

// Field-guide order, as the CMS's life-list route gives it.
const catalog = {
  species: [
    row('Snowy Owl', 'Strigidae (Owls)', 10, 1, ['o1', '2019-01-10T17:00:00Z', 2019]),
    row('Great Horned Owl', 'Strigidae (Owls)', 11, 0, null),
    row('Yellow Warbler', 'Parulidae (New World Warblers)', 50, 2, ['w1', '2021-04-12T11:31:05Z', 2021]),
    row('American Robin', 'Turdidae (Thrushes)', 30, 2, ['r1', '2020-04-01T15:00:00Z', 2020]),
    row('Mystery Bird', null, null, 1, null),
  ],
};

describe('lifeList', () => {
  test('field-guide order: families in the order of their first species, species with a family first, unphotographed left out', () => {
    const list = lifeList(catalog.species, 'field-guide');
    expect(list.total).toBe(4);
    expect(list.groups.map((group) => [group.family, group.species.map((one) => `${one.number ?? '-'} ${one.commonName} ${one.liferDate ?? ''}`.trim())])).toEqual([
      ['Strigidae (Owls)', ['1 Snowy Owl 10 January 2019']],
      ['Parulidae (New World Warblers)', ['3 Yellow Warbler 12 April 2021']],
      ['Turdidae (Thrushes)', ['2 American Robin 1 April 2020']],
      [null, ['- Mystery Bird']],
    ]);
  });
  test('lifer order: one list by first photo, undated last', () => {
    const list = lifeList(catalog.species, 'lifer');
    expect(list.groups).toHaveLength(1);
    expect(list.groups[0]!.species.map((one) => one.commonName)).toEqual(['Snowy Owl', 'American Robin', 'Yellow Warbler', 'Mystery Bird']);
  });
  test('new species per year, years without one included', () => {
    expect(lifeList(catalog.species, 'lifer').newPerYear).toEqual([
      { year: 2019, count: 1 },
      { year: 2020, count: 1 },
      { year: 2021, count: 1 },
    ]);
  });
  test('an empty catalog is an empty list', () => {
    expect(lifeList([], 'lifer')).toEqual({ order: 'lifer', groups: [], total: 0, newPerYear: [] });
  });
  test.each([
    ['lifer', 'lifer'],
    ['field-guide', 'field-guide'],
    [null, 'field-guide'],
    ['<script>', 'field-guide'],
  ])('parseLifeListOrder(%j) = %s', (input, output) => expect(parseLifeListOrder(input)).toBe(output));
  test.each([
    ['yellow-warbler', '/species/yellow-warbler'],
    ['a b', '/species/a%20b'],
    ['', null],
    [null, null],
  ])('speciesPageHref(%j) = %j', (input, output) => expect(speciesPageHref(input)).toBe(output));
});
