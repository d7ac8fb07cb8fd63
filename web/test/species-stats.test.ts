import { describe, expect, test } from 'vitest';
import { barChart } from '../src/lib/bar-chart';
import { firstAndLatest, instant, monthBars, newSpeciesPerYear, photosByMonth } from '../src/lib/species-stats';

describe('photosByMonth', () => {
  test.each([
    { months: [], counts: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] },
    { months: [4, 4, 12, null], counts: [0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 1] },
    { months: [1, 13, 0, -1, 2.5, Number.NaN], counts: [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] },
  ])('$months → $counts', ({ months, counts }) => {
    expect(photosByMonth(months.map((takenMonth) => ({ takenMonth })))).toEqual(counts);
  });
  test('month bars are labelled January first', () => {
    expect(monthBars(photosByMonth([{ takenMonth: 12 }])).map((bar) => `${bar.label}:${bar.value}`).join(' ')).toBe(
      'Jan:0 Feb:0 Mar:0 Apr:0 May:0 Jun:0 Jul:0 Aug:0 Sep:0 Oct:0 Nov:0 Dec:1',
    );
  });
});

describe('firstAndLatest', () => {
  const photo = (documentId: string, takenAt: string | null) => ({ documentId, takenAt });
  test.each([
    { photos: [], first: null, latest: null },
    { photos: [photo('a', null)], first: null, latest: null },
    { photos: [photo('a', '2021-05-01T00:00:00.000Z')], first: 'a', latest: 'a' },
    { photos: [photo('b', '2021-05-01T00:00:00Z'), photo('u', null), photo('a', '2019-01-10T17:00:00Z'), photo('c', '2020-01-01T00:00:00Z')], first: 'a', latest: 'b' },
    { photos: [photo('z', '2020-01-01T00:00:00Z'), photo('y', '2020-01-01T00:00:00Z')], first: 'y', latest: 'z' },
    { photos: [photo('x', 'not a date'), photo('y', '2020-01-01T00:00:00Z')], first: 'y', latest: 'y' },
  ])('$first … $latest', ({ photos, first, latest }) => {
    const found = firstAndLatest(photos);
    expect(found?.first.documentId ?? null).toBe(first);
    expect(found?.latest.documentId ?? null).toBe(latest);
  });
  test.each([
    ['2019-01-10T17:00:00.000Z', 1547139600000],
    [null, null],
    ['', null],
    ['nope', null],
  ])('instant(%j) = %j', (input, output) => expect(instant(input)).toBe(output));
});

describe('newSpeciesPerYear', () => {
  test.each([
    { years: [], out: [] },
    { years: [null], out: [] },
    { years: [2019], out: [{ year: 2019, count: 1 }] },
    { years: [2021, 2019, 2021, null], out: [{ year: 2019, count: 1 }, { year: 2020, count: 0 }, { year: 2021, count: 2 }] },
  ])('$years', ({ years, out }) => expect(newSpeciesPerYear(years)).toEqual(out));
});

describe('barChart', () => {
  test('bars proportional to the largest, in equal slots, above the baseline', () => {
    const chart = barChart(
      [
        { label: 'Jan', value: 2 },
        { label: 'Feb', value: 1 },
        { label: 'Mar', value: 0 },
      ],
      { width: 300, height: 120, labelHeight: 20, valueHeight: 0, gap: 0 },
    );
    expect(chart.baseline).toBe(100);
    expect(chart.max).toBe(2);
    expect(chart.bars).toEqual([
      { label: 'Jan', value: 2, x: 0, y: 0, width: 100, height: 100 },
      { label: 'Feb', value: 1, x: 100, y: 50, width: 100, height: 50 },
      { label: 'Mar', value: 0, x: 200, y: 100, width: 100, height: 0 },
    ]);
  });
  test('gaps centre each bar in its slot; values leave room on top', () => {
    const chart = barChart([{ label: 'a', value: 5 }, { label: 'b', value: 5 }], { width: 200, height: 100, labelHeight: 10, valueHeight: 10, gap: 0.5 });
    expect(chart.bars.map(({ x, y, width, height }) => [x, y, width, height])).toEqual([
      [25, 10, 50, 80],
      [125, 10, 50, 80],
    ]);
  });
  test.each([
    { values: [], bars: 0 },
    { values: [{ label: 'a', value: 0 }], bars: 1 },
  ])('no data draws no height ($bars bars)', ({ values, bars }) => {
    const chart = barChart(values, { width: 100, height: 50 });
    expect(chart.bars).toHaveLength(bars);
    expect(chart.bars.every((bar) => bar.height === 0 && Number.isFinite(bar.y))).toBe(true);
  });
});
