import { expect, test } from 'vitest';
import { splitCaptionDate } from '../../scripts/import/caption/parse-caption-date';

test.each([
  { input: 'Yellow Warbler, Magee Marsh, Ohio, May 2019', date: { year: 2019, month: 5, day: null }, rest: 'Yellow Warbler, Magee Marsh, Ohio' },
  { input: 'Snowy Owl, Duluth, January 12, 2020', date: { year: 2020, month: 1, day: 12 }, rest: 'Snowy Owl, Duluth' },
  { input: 'Snowy Owl, Duluth, Jan. 12th 2020', date: { year: 2020, month: 1, day: 12 }, rest: 'Snowy Owl, Duluth' },
  { input: 'Wood Duck - 14 April 2021', date: { year: 2021, month: 4, day: 14 }, rest: 'Wood Duck' },
  { input: 'Wood Duck (2021-04-14)', date: { year: 2021, month: 4, day: 14 }, rest: 'Wood Duck' },
  { input: 'Wood Duck, 4/14/2021', date: { year: 2021, month: 4, day: 14 }, rest: 'Wood Duck' },
  { input: 'Wood Duck, 2021-04', date: { year: 2021, month: 4, day: null }, rest: 'Wood Duck' },
  { input: 'Bald Eagle, Conowingo Dam, 2018.', date: { year: 2018, month: null, day: null }, rest: 'Bald Eagle, Conowingo Dam' },
  { input: 'Bald Eagle at Conowingo in Sept 2018', date: { year: 2018, month: 9, day: null }, rest: 'Bald Eagle at Conowingo' },
  { input: 'Cape May, 2019', date: { year: 2019, month: null, day: null }, rest: 'Cape May' },
  // "May" right after a place name with only a space between is part of the place.
  { input: 'Yellow Warbler, Cape May 2019', date: null, rest: 'Yellow Warbler, Cape May 2019' },
  { input: 'May 2019', date: { year: 2019, month: 5, day: null }, rest: '' },
  { input: 'Yellow Warbler, February 30, 2019', date: null, rest: 'Yellow Warbler, February 30, 2019' },
  { input: 'Yellow Warbler, 13/45/2019', date: null, rest: 'Yellow Warbler, 13/45/2019' },
  { input: 'Yellow Warbler', date: null, rest: 'Yellow Warbler' },
  { input: 'Route 1999 overlook', date: null, rest: 'Route 1999 overlook' },
])('splitCaptionDate($input)', ({ input, date, rest }) => {
  expect(splitCaptionDate(input)).toEqual({ date, rest });
});
