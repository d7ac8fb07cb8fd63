import { expect, test } from 'vitest';
import type { EmbeddedMetadata } from '../../scripts/import/metadata/embedded-metadata';
import { manifestDate, planPhotoFields, type PhotoHints } from '../../scripts/import/photo-fields';
import { speciesKey } from '../../scripts/import/species/species-key';

const KNOWN = new Set(['Yellow Warbler', 'Common Yellowthroat', 'Snowy Owl'].map(speciesKey));
const context = { isKnownSpecies: (name: string) => KNOWN.has(speciesKey(name)) };
const none: EmbeddedMetadata = { title: null, description: null, keywords: [], hasDate: false };
const manifest = (extra: object) => ({ file: 'x.jpg', species: [], title: null, caption: null, location: null, date: null, latitude: null, longitude: null, ...extra });

test.each([
  {
    name: 'a gallery caption',
    hints: { captions: [{ source: 'data-title', text: 'Yellow Warbler, Magee Marsh, Ohio, May 2019' }] } as PhotoHints,
    embedded: none,
    output: { title: 'Yellow Warbler', caption: 'Yellow Warbler, Magee Marsh, Ohio, May 2019', location: 'Magee Marsh, Ohio', species: ['Yellow Warbler'], speciesSource: 'caption', takenYear: 2019, takenMonth: 5 },
  },
  {
    name: 'a caption that only repeats the title is not kept twice',
    hints: { captions: [{ source: 'alt', text: 'Snowy Owl' }] } as PhotoHints,
    embedded: none,
    output: { title: 'Snowy Owl', caption: null, location: null, species: ['Snowy Owl'], speciesSource: 'caption', takenYear: null, takenMonth: null },
  },
  {
    name: 'later captions fill what the first leaves out',
    hints: { captions: [{ source: 'data-title', text: 'Yellow Warbler' }, { source: 'alt', text: 'Yellow Warbler, Point Pelee, 2018' }] } as PhotoHints,
    embedded: none,
    output: { title: 'Yellow Warbler', caption: null, location: 'Point Pelee', species: ['Yellow Warbler'], speciesSource: 'caption', takenYear: 2018, takenMonth: null },
  },
  {
    name: 'the manifest wins over everything else',
    hints: { manifest: manifest({ species: ['Common Yellowthroat'], location: 'Cape May', date: '2021-04-12T07:31:05-04:00' }), folders: ['Yellow Warbler'] } as PhotoHints,
    embedded: { ...none, keywords: ['Snowy Owl'] },
    output: { title: 'Common Yellowthroat', caption: null, location: 'Cape May', species: ['Common Yellowthroat'], speciesSource: 'manifest', takenYear: 2021, takenMonth: 4 },
  },
  {
    name: 'XMP keywords: a known species among other words',
    hints: { folders: ['2019'] } as PhotoHints,
    embedded: { ...none, keywords: ['Ohio', 'bird', 'Yellow Warbler'], description: 'Singing' },
    output: { title: 'Yellow Warbler', caption: 'Singing', location: null, species: ['Yellow Warbler'], speciesSource: 'keywords', takenYear: null, takenMonth: null },
  },
  {
    name: 'XMP title read like a caption',
    hints: {} as PhotoHints,
    embedded: { ...none, title: 'Snowy Owl, Duluth, Minnesota, January 2020' },
    output: { title: 'Snowy Owl', caption: null, location: 'Duluth, Minnesota', species: ['Snowy Owl'], speciesSource: 'xmp-title', takenYear: 2020, takenMonth: 1 },
  },
  {
    name: 'the deepest folder that names a species',
    hints: { folders: ['2019', 'yellow_warbler', 'edited'] } as PhotoHints,
    embedded: none,
    output: { title: 'Yellow Warbler', caption: null, location: null, species: ['Yellow Warbler'], speciesSource: 'folder', takenYear: null, takenMonth: null },
  },
  {
    name: 'nothing known',
    hints: { folders: ['misc'] } as PhotoHints,
    embedded: none,
    output: { title: null, caption: null, location: null, species: [], speciesSource: null, takenYear: null, takenMonth: null },
  },
])('planPhotoFields: $name', ({ hints, embedded, output }) => {
  const fields = planPhotoFields(hints, embedded, context);
  expect({ ...fields, species: fields.species.map((s) => s.name), takenAt: undefined, takenAtLocal: undefined, latitude: undefined, longitude: undefined }).toEqual({
    ...output, takenAt: undefined, takenAtLocal: undefined, latitude: undefined, longitude: undefined,
  });
});

test.each([
  { input: '2021-04-12T07:31:05-04:00', output: { takenAt: '2021-04-12T11:31:05.000Z', takenAtLocal: '2021-04-12T07:31:05-04:00', takenYear: 2021, takenMonth: 4 } },
  { input: '2021:04:12 07:31:05', output: { takenAt: '2021-04-12T07:31:05.000Z', takenAtLocal: '2021-04-12T07:31:05', takenYear: 2021, takenMonth: 4 } },
  { input: '2021-04-12', output: { takenAt: null, takenAtLocal: null, takenYear: 2021, takenMonth: 4 } },
  { input: 'May 2019', output: { takenAt: null, takenAtLocal: null, takenYear: 2019, takenMonth: 5 } },
  { input: 'sometime', output: { takenAt: null, takenAtLocal: null, takenYear: null, takenMonth: null } },
])('manifestDate($input)', ({ input, output }) => expect(manifestDate(input)).toEqual(output));
