import { expect, test } from 'vitest';
import { parseManifest } from '../../scripts/import/manifest/parse-manifest';

const entry = (file: string, extra: Record<string, unknown> = {}) => ({
  file, species: [], title: null, caption: null, location: null, date: null, latitude: null, longitude: null, ...extra,
});

test.each([
  {
    name: 'CSV with the usual columns',
    format: 'csv' as const,
    input: 'file,species,title,location,date,latitude,longitude\nIMG_1.jpg,Yellow Warbler,Singing,"Magee Marsh, Ohio",2019-05-14,41.63,-83.19\n',
    output: [entry('IMG_1.jpg', { species: ['Yellow Warbler'], title: 'Singing', location: 'Magee Marsh, Ohio', date: '2019-05-14', latitude: 41.63, longitude: -83.19 })],
  },
  {
    name: 'CSV with semicolons (a European spreadsheet), several species in one quoted cell, other column names',
    format: 'csv' as const,
    input: 'Filename;Birds;Description;Place\nsub/IMG_2.jpg;"Yellow Warbler; Common Yellowthroat";Two together;Point Pelee\n',
    output: [entry('sub/IMG_2.jpg', { species: ['Yellow Warbler', 'Common Yellowthroat'], caption: 'Two together', location: 'Point Pelee' })],
  },
  {
    name: 'CSV: "|" between species',
    format: 'csv' as const,
    input: 'path,species\nIMG_3.jpg,Yellow Warbler|Common Yellowthroat\n',
    output: [entry('IMG_3.jpg', { species: ['Yellow Warbler', 'Common Yellowthroat'] })],
  },
  { name: 'a CSV without a file column is not a manifest', format: 'csv' as const, input: 'TAXON_ORDER,PRIMARY_COM_NAME\n1,Ostrich\n', output: null },
  {
    name: 'JSON array',
    format: 'json' as const,
    input: JSON.stringify([{ file: 'a.jpg', species: ['Sora', 'Virginia Rail'], caption: 'In the reeds', date: '2021:04:12 07:31:05' }]),
    output: [entry('a.jpg', { species: ['Sora', 'Virginia Rail'], caption: 'In the reeds', date: '2021:04:12 07:31:05' })],
  },
  {
    name: 'JSON { photos: [...] }',
    format: 'json' as const,
    input: JSON.stringify({ photos: [{ filename: 'b.jpg', species: 'Blue Jay', lat: '40.1', lng: -75 }] }),
    output: [entry('b.jpg', { species: ['Blue Jay'], latitude: 40.1, longitude: -75 })],
  },
  {
    name: 'JSON keyed by file name',
    format: 'json' as const,
    input: JSON.stringify({ 'c.jpg': { species: 'Snowy Owl', location: 'Duluth' }, generator: 'my script' }),
    output: [entry('c.jpg', { species: ['Snowy Owl'], location: 'Duluth' })],
  },
  { name: 'JSON without files is not a manifest', format: 'json' as const, input: JSON.stringify({ name: 'package' }), output: null },
])('$name', ({ input, format, output }) => {
  expect(parseManifest(input, format)).toEqual(output);
});

test('broken JSON is an error that says so', () => {
  expect(() => parseManifest('[{"file":', 'json')).toThrow(/not valid JSON/);
});
