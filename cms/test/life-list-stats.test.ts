import { describe, expect, test } from 'vitest';
import { earliestTakenAt, instantOf, lifeListStats, type FirstPhoto, type LifeListSpecies, type SpeciesYearCount } from '../src/species/life-list-stats';

const species = (id: number, commonName: string, taxonomicOrder: number | null): LifeListSpecies => ({
  id,
  documentId: `s${id}`,
  commonName,
  scientificName: null,
  family: null,
  code: null,
  ebirdCode: null,
  taxonomicOrder,
  slug: null,
  hideLocation: false,
});
const first = (speciesId: number, documentId: string, takenAt: FirstPhoto['takenAt'], takenYear: number | null = null): FirstPhoto => ({
  speciesId,
  documentId,
  takenAt,
  takenAtLocal: null,
  takenYear,
});

describe('lifeListStats', () => {
  const all = [species(1, 'Yellow Warbler', 50), species(2, 'Snowy Owl', 10), species(3, 'Dodo', null), species(4, 'Auk', null)];

  test('field-guide order: taxonomic order, species without one last, by name', () => {
    expect(lifeListStats(all, [], []).data.map((one) => one.commonName)).toEqual(['Snowy Owl', 'Yellow Warbler', 'Auk', 'Dodo']);
  });

  const yearCounts: SpeciesYearCount[] = [
    { speciesId: 1, takenYear: 2021, photoCount: 1, firstTakenAt: '2021-05-03T13:00:00.000Z' },
    { speciesId: 1, takenYear: 2019, photoCount: '1', firstTakenAt: Date.parse('2019-04-20T12:00:00Z') },
    { speciesId: 1, takenYear: null, photoCount: 1, firstTakenAt: null },
    { speciesId: 2, takenYear: '2018', photoCount: '2', firstTakenAt: new Date('2018-01-10T17:00:00Z') },
    { speciesId: 3, takenYear: null, photoCount: 1, firstTakenAt: null },
  ];

  test('counts summed over years (numbers or bigint strings), the years newest first once, the earliest candidate (ties: the smaller documentId)', () => {
    const answer = lifeListStats(all, yearCounts, [
      first(1, 'w2', '2021-05-03T13:00:00.000Z', 2021),
      first(1, 'w1', Date.parse('2019-04-20T12:00:00Z'), 2019),
      first(2, 'o1', new Date('2018-01-10T17:00:00Z'), 2018),
      first(2, 'o0', new Date('2018-01-10T17:00:00Z'), 2018),
      first(3, 'd1', 'not a date'),
    ]);
    const byName = Object.fromEntries(answer.data.map((one) => [one.commonName, [one.photoCount, one.lifer?.documentId ?? null, one.lifer?.takenAt ?? null]]));
    expect(byName).toEqual({
      'Yellow Warbler': [3, 'w1', '2019-04-20T12:00:00.000Z'],
      'Snowy Owl': [2, 'o0', '2018-01-10T17:00:00.000Z'],
      Dodo: [1, null, null],
      Auk: [0, null, null],
    });
    expect(answer.meta.years).toEqual([2021, 2019, 2018]);
    expect(answer.data[0]).not.toHaveProperty('id');
  });

  test('earliestTakenAt: each species’ earliest instant as the database gave it, once', () => {
    expect(earliestTakenAt(yearCounts)).toEqual([Date.parse('2019-04-20T12:00:00Z'), new Date('2018-01-10T17:00:00Z')]);
    expect(earliestTakenAt([...yearCounts, { speciesId: 4, takenYear: 2018, photoCount: 1, firstTakenAt: '2018-01-10T17:00:00.000Z' }])).toHaveLength(2);
  });

  test.each([
    [1547139600000, 1547139600000],
    ['2019-01-10T17:00:00.000Z', 1547139600000],
    [new Date(1547139600000), 1547139600000],
    ['', null],
    [null, null],
    ['nope', null],
  ])('instantOf(%j) = %j', (input, output) => expect(instantOf(input)).toBe(output));
});
