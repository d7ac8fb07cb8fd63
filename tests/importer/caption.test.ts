import { expect, test } from 'vitest';
import { parseCaption } from '../../scripts/import/caption/parse-caption';
import { speciesKey } from '../../scripts/import/species/species-key';

// Known species as the CMS or the reference list would know them.
const KNOWN = new Set(['Yellow Warbler', 'Common Yellowthroat', 'Sora', 'Setophaga petechia'].map(speciesKey));
const context = { isKnownSpecies: (name: string) => KNOWN.has(speciesKey(name)) };
const sp = (name: string, scientificName: string | null = null) => ({ name, scientificName });

test.each([
  {
    input: 'Yellow Warbler, Magee Marsh, Ohio, May 2019',
    title: 'Yellow Warbler', species: [sp('Yellow Warbler')], location: 'Magee Marsh, Ohio', date: { year: 2019, month: 5, day: null },
  },
  {
    input: 'Yellow-breasted Chat — High Island, Texas — April 14, 2021',
    title: 'Yellow-breasted Chat', species: [sp('Yellow-breasted Chat')], location: 'High Island, Texas', date: { year: 2021, month: 4, day: 14 },
  },
  {
    input: 'Male Yellow Warbler (Setophaga petechia) at Magee Marsh',
    title: 'Male Yellow Warbler (Setophaga petechia)', species: [sp('Yellow Warbler', 'Setophaga petechia')], location: 'Magee Marsh', date: null,
  },
  {
    input: 'Yellow Warbler and Common Yellowthroat, Point Pelee',
    title: 'Yellow Warbler and Common Yellowthroat', species: [sp('Yellow Warbler'), sp('Common Yellowthroat')], location: 'Point Pelee', date: null,
  },
  {
    input: 'Snowy Owls, Duluth, Minnesota, 2020',
    title: 'Snowy Owls', species: [sp('Snowy Owls')], location: 'Duluth, Minnesota', date: { year: 2020, month: null, day: null },
  },
  {
    input: 'Bald Eagle in flight',
    title: 'Bald Eagle in flight', species: [], location: null, date: null,
  },
  {
    input: 'Sora (juvenile), Horicon Marsh',
    title: 'Sora (juvenile)', species: [sp('Sora')], location: 'Horicon Marsh', date: null,
  },
  {
    input: 'Yellow Warbler, female, Magee Marsh',
    title: 'Yellow Warbler', species: [sp('Yellow Warbler')], location: 'Magee Marsh', date: null,
  },
  {
    input: 'Magee Marsh boardwalk, Yellow Warbler, 2019',
    title: 'Yellow Warbler', species: [sp('Yellow Warbler')], location: 'Magee Marsh boardwalk', date: { year: 2019, month: null, day: null },
  },
  {
    input: 'Sunset over Lake Erie, Ohio, June 2018',
    title: 'Sunset over Lake Erie', species: [], location: 'Ohio', date: { year: 2018, month: 6, day: null },
  },
  { input: 'Sunset', title: 'Sunset', species: [], location: null, date: null },
  { input: '   ', title: null, species: [], location: null, date: null },
])('parseCaption($input)', ({ input, title, species, location, date }) => {
  const parsed = parseCaption(input, context);
  expect({ title: parsed.title, species: parsed.species, location: parsed.location, date: parsed.date }).toEqual({ title, species, location, date });
});

test('keeps the whole caption text, tidied', () => {
  expect(parseCaption('  Yellow Warbler,\n  Magee Marsh. ', context).text).toBe('Yellow Warbler, Magee Marsh');
});
