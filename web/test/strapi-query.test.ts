import { describe, expect, test } from 'vitest';
import { selectionToStrapiFilters } from '@plumage/shared';
import { toQueryString } from '../src/lib/strapi-query';

const decode = (query: string) => [...new URLSearchParams(query)];

describe('toQueryString', () => {
  const cases: Array<{ name: string; input: Parameters<typeof toQueryString>[0]; output: Array<[string, string]> }> = [
    { name: 'nothing', input: {}, output: [] },
    {
      name: 'nested filters in bracket style',
      input: { filters: { takenYear: { $eq: 2019 } } },
      output: [['filters[takenYear][$eq]', '2019']],
    },
    {
      name: 'arrays by index',
      input: { fields: ['title', 'takenAt'], sort: ['takenAt:desc', 'id:desc'] },
      output: [
        ['fields[0]', 'title'],
        ['fields[1]', 'takenAt'],
        ['sort[0]', 'takenAt:desc'],
        ['sort[1]', 'id:desc'],
      ],
    },
    {
      name: 'populate with fields',
      input: { populate: { species: { fields: ['commonName'] } } },
      output: [['populate[species][fields][0]', 'commonName']],
    },
    {
      name: 'pagination and status',
      input: { pagination: { page: 2, pageSize: 24 }, status: 'published' },
      output: [
        ['pagination[page]', '2'],
        ['pagination[pageSize]', '24'],
        ['status', 'published'],
      ],
    },
    { name: 'null and undefined left out', input: { filters: { a: null, b: undefined, c: true } }, output: [['filters[c]', 'true']] },
    {
      name: 'a value cannot add a parameter',
      input: { filters: { title: { $eq: 'a&status=draft&x[y]=1' } } },
      output: [['filters[title][$eq]', 'a&status=draft&x[y]=1']],
    },
  ];
  for (const { name, input, output } of cases) {
    test(name, () => expect(decode(toQueryString(input))).toEqual(output));
  }

  test('values are percent-encoded', () => {
    expect(toQueryString({ filters: { title: { $eq: 'a&b=c d' } } })).toBe('filters%5Btitle%5D%5B%24eq%5D=a%26b%3Dc+d');
  });

  test.each([['a]b'], ['a[b'], [''], ['a b']])('refuses the key %j', (key) => {
    expect(() => toQueryString({ filters: { [key]: 1 } })).toThrow(TypeError);
  });

  test('refuses a number that is not finite', () => {
    expect(() => toQueryString({ pagination: { page: Number.NaN, pageSize: 1 } })).toThrow(TypeError);
  });

  test('a selection becomes the filters the contract names', () => {
    const query = toQueryString({ filters: selectionToStrapiFilters({ species: ['yellow', "cetti's"], year: 2021, month: 4 }) });
    expect(decode(query)).toEqual([
      ['filters[$and][0][species][$or][0][commonName][$containsi]', 'yellow'],
      ['filters[$and][0][species][$or][1][scientificName][$containsi]', 'yellow'],
      ['filters[$and][0][species][$or][2][code][$containsi]', 'yellow'],
      ['filters[$and][0][species][$or][3][ebirdCode][$containsi]', 'yellow'],
      ['filters[$and][1][species][$or][0][commonName][$containsi]', "cetti's"],
      ['filters[$and][1][species][$or][1][scientificName][$containsi]', "cetti's"],
      ['filters[$and][1][species][$or][2][code][$containsi]', "cetti's"],
      ['filters[$and][1][species][$or][3][ebirdCode][$containsi]', "cetti's"],
      ['filters[takenYear][$eq]', '2021'],
      ['filters[takenMonth][$eq]', '4'],
    ]);
  });
});
