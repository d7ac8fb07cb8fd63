import { describe, expect, test } from 'vitest';
import { looksLikeBirdName } from '../../scripts/import/species/bird-names';
import { createSpeciesCatalog } from '../../scripts/import/species/species-catalog';
import { speciesKey, tidySpeciesName } from '../../scripts/import/species/species-key';
import { missingFields, speciesFieldsFrom } from '../../scripts/import/species/species-registry';
import type { TaxonRecord } from '../../scripts/import/species/taxonomy';

describe('speciesKey joins spellings of one name', () => {
  test.each([
    ['Yellow-rumped Warbler', 'yellow rumped warbler'],
    ['Yellow-rumped Warbler', 'YELLOW_RUMPED_WARBLER'],
    ["Cooper's Hawk", 'Cooper’s Hawk'],
    ['Black-and-white Warbler', 'black and white warbler'],
  ])('%s = %s', (a, b) => expect(speciesKey(a)).toBe(speciesKey(b)));
  test('but not different species', () => expect(speciesKey('Yellow Warbler')).not.toBe(speciesKey('Yellow-rumped Warbler')));
});

test.each([
  { input: 'yellow warbler', output: 'Yellow Warbler' },
  { input: 'yellow-rumped_warbler', output: 'Yellow-rumped Warbler' },
  { input: 'COMMON YELLOWTHROAT', output: 'Common Yellowthroat' },
  { input: 'Yellow-rumped Warbler', output: 'Yellow-rumped Warbler' },
  { input: '  Snowy   Owl ', output: 'Snowy Owl' },
])('tidySpeciesName($input)', ({ input, output }) => expect(tidySpeciesName(input)).toBe(output));

test.each([
  { input: 'Yellow Warbler', output: true },
  { input: 'Yellow-breasted Chat', output: true },
  { input: 'Black-crowned Night-Heron', output: true },
  { input: 'Snowy Owls', output: true },
  { input: 'Purple Finches', output: true },
  { input: 'Killdeer', output: true },
  { input: 'Magee Marsh', output: false },
  { input: 'Sunset', output: false },
  { input: 'IMG 1234 Warbler', output: false },
  { input: 'Warblers of the boreal forest in the springtime', output: false },
  { input: '', output: false },
])('looksLikeBirdName($input) is $output', ({ input, output }) => expect(looksLikeBirdName(input)).toBe(output));

const yellowWarbler: TaxonRecord = {
  commonName: 'Yellow Warbler', scientificName: 'Setophaga petechia', family: 'Parulidae (New World Warblers)',
  speciesCode: 'yelwar', bandingCode: 'YEWA', taxonomicOrder: 33557,
};

describe('createSpeciesCatalog', () => {
  const catalog = createSpeciesCatalog([yellowWarbler], [{ ...yellowWarbler, family: null, taxonomicOrder: 40000 }]);
  test.each(['Yellow Warbler', 'yellow warbler', 'Yellow Warblers', 'YELLOW-WARBLER', 'Setophaga petechia'])('finds %s', (name) => {
    expect(catalog.find(name)?.commonName).toBe('Yellow Warbler');
  });
  test('a later list wins, but its empty cells do not erase', () => {
    expect(catalog.find('Yellow Warbler')).toMatchObject({ taxonomicOrder: 40000, family: 'Parulidae (New World Warblers)' });
  });
  test('unknown names are not found', () => expect(catalog.find('Yellow Wagtail')).toBeNull());
  test('counts species once', () => expect(catalog.size).toBe(1));
});

test('speciesFieldsFrom prefers the banding code, else eBird’s', () => {
  expect(speciesFieldsFrom(yellowWarbler).code).toBe('YEWA');
  expect(speciesFieldsFrom({ ...yellowWarbler, bandingCode: null }).code).toBe('yelwar');
  expect(speciesFieldsFrom(yellowWarbler).ebirdCode).toBe('yelwar');
});

test.each([
  { existing: { scientificName: null, family: '', code: 'MYCODE', taxonomicOrder: null }, output: { scientificName: 'Setophaga petechia', family: 'Parulidae (New World Warblers)', ebirdCode: 'yelwar', taxonomicOrder: 33557 } },
  { existing: { scientificName: 'S. p.', family: 'F', code: 'C', ebirdCode: 'x', taxonomicOrder: 1 }, output: {} },
])('missingFields fills gaps only: $output', ({ existing, output }) => {
  expect(missingFields(existing, speciesFieldsFrom(yellowWarbler))).toEqual(output);
});
