import { describe, expect, test } from 'vitest';
import {
  MAX_SPECIES_WORDS,
  MONTH_NAMES,
  clearSelection,
  criterionFromRemoveValue,
  describeSelection,
  emptySelection,
  hasSelectionQuery,
  isEmptySelection,
  narrowSelection,
  normaliseSpeciesWord,
  parseSelection,
  removeCriterion,
  selectionFromQuery,
  selectionToQuery,
  selectionToStrapiFilters,
  serializeSelection,
  validateMonth,
  validateYear,
  type NarrowResult,
  type PhotoFilters,
  type Selection,
  type SelectionChip,
  type SelectionCriterion,
  type SelectionInput,
  type SpeciesWordFilter,
} from '../src/index.js';

const selection = (species: string[], year: number | null = null, month: number | null = null): Selection => ({
  species,
  year,
  month,
});
const EIGHT_WORDS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];

describe('emptySelection, clearSelection and isEmptySelection', () => {
  test('empty', () => {
    expect(emptySelection()).toEqual({ species: [], year: null, month: null });
    expect(clearSelection()).toEqual({ species: [], year: null, month: null });
    expect(emptySelection()).not.toBe(emptySelection());
  });
  const cases: Array<{ input: Selection; output: boolean }> = [
    { input: selection([]), output: true },
    { input: selection(['owl']), output: false },
    { input: selection([], 2019), output: false },
    { input: selection([], null, 4), output: false },
  ];
  for (const { input, output } of cases) {
    test(`${JSON.stringify(input)} → ${output}`, () => {
      expect(isEmptySelection(input)).toBe(output);
    });
  }
});

describe('MONTH_NAMES', () => {
  test('twelve English months, January first', () => {
    expect(MONTH_NAMES).toHaveLength(12);
    expect([MONTH_NAMES[0], MONTH_NAMES[3], MONTH_NAMES[11]]).toEqual(['January', 'April', 'December']);
  });
});

describe('normaliseSpeciesWord', () => {
  const cases: Array<{ input: unknown; output: string | null }> = [
    { input: 'yellow', output: 'yellow' },
    { input: '  Yellow   Warbler ', output: 'yellow warbler' },
    { input: 'YELLOW\u00A0WARBLER', output: 'yellow warbler' },
    { input: 'Rougegorge familier', output: 'rougegorge familier' },
    { input: 'Mésange bleue', output: 'mésange bleue' },
    { input: 'Me\u0301sange', output: 'm\u00E9sange' },
    { input: 'Grünfink', output: 'grünfink' },
    { input: 'Πελαργός', output: 'πελαργός' },
    { input: 'シジュウカラ', output: 'シジュウカラ' },
    { input: 'Поползень', output: 'поползень' },
    { input: "Cetti's warbler", output: "cetti's warbler" },
    { input: 'Cetti’s warbler', output: "cetti's warbler" },
    { input: 'Black-capped chickadee', output: 'black-capped chickadee' },
    { input: 'Parus m.', output: 'parus m.' },
    { input: 'YEWA', output: 'yewa' },
    { input: 'Gull 2', output: 'gull 2' },
    { input: 'owl\n', output: 'owl' },
    { input: 'a'.repeat(60), output: 'a'.repeat(60) },
    { input: `  ${'a'.repeat(60)}  `, output: 'a'.repeat(60) },
    { input: 'a'.repeat(61), output: null },
    { input: 'é'.repeat(61), output: null },
    { input: '', output: null },
    { input: '   ', output: null },
    { input: 'yellow\twarbler', output: null },
    { input: 'yellow\nwarbler', output: null },
    { input: 'owl\u0000', output: null },
    { input: 'owl%', output: null },
    { input: 'owl_', output: null },
    { input: 'owl*', output: null },
    { input: '<script>', output: null },
    { input: '$containsi', output: null },
    { input: 'owl"', output: null },
    { input: 'owl;drop', output: null },
    { input: 'a/b', output: null },
    { input: '...', output: null },
    { input: "-'", output: null },
    { input: '🦉', output: null },
    { input: `owl${' '.repeat(2000)}`, output: null },
    { input: 42, output: null },
    { input: null, output: null },
    { input: undefined, output: null },
  ];
  for (const { input, output } of cases) {
    test(`${JSON.stringify(input)?.slice(0, 80)} → ${JSON.stringify(output)}`, () => {
      expect(normaliseSpeciesWord(input)).toBe(output);
    });
  }
});

describe('validateYear', () => {
  const cases: Array<{ input: string | number | null | undefined; output: number | null }> = [
    { input: 2019, output: 2019 },
    { input: '2019', output: 2019 },
    { input: ' 2019 ', output: 2019 },
    { input: 1800, output: 1800 },
    { input: 2100, output: 2100 },
    { input: 1799, output: null },
    { input: 2101, output: null },
    { input: '0800', output: null },
    { input: '12019', output: null },
    { input: 2019.5, output: null },
    { input: '2019.0', output: null },
    { input: '2e3', output: null },
    { input: '+2019', output: null },
    { input: '-2019', output: null },
    { input: '0x7E3', output: null },
    { input: 'MMXIX', output: null },
    { input: '', output: null },
    { input: Number.NaN, output: null },
    { input: null, output: null },
    { input: undefined, output: null },
  ];
  for (const { input, output } of cases) {
    test(`${JSON.stringify(input)} → ${output}`, () => {
      expect(validateYear(input)).toBe(output);
    });
  }
});

describe('validateMonth', () => {
  const cases: Array<{ input: string | number | null | undefined; output: number | null }> = [
    { input: 4, output: 4 },
    { input: '4', output: 4 },
    { input: '04', output: 4 },
    { input: 1, output: 1 },
    { input: '12', output: 12 },
    { input: 0, output: null },
    { input: 13, output: null },
    { input: '13', output: null },
    { input: '004', output: null },
    { input: 4.5, output: null },
    { input: 'April', output: null },
    { input: '', output: null },
    { input: null, output: null },
  ];
  for (const { input, output } of cases) {
    test(`${JSON.stringify(input)} → ${output}`, () => {
      expect(validateMonth(input)).toBe(output);
    });
  }
});

describe('narrowSelection', () => {
  const cases: Array<{ input: [Selection, SelectionInput]; output: NarrowResult }> = [
    { input: [selection([]), { species: 'Yellow' }], output: { selection: selection(['yellow']), rejected: [] } },
    {
      input: [selection(['yellow']), { species: 'Warbler' }],
      output: { selection: selection(['yellow', 'warbler']), rejected: [] },
    },
    { input: [selection(['yellow']), { species: ' YELLOW ' }], output: { selection: selection(['yellow']), rejected: [] } },
    {
      input: [selection(['yellow'], 2018, 3), { year: '2019', month: 4 }],
      output: { selection: selection(['yellow'], 2019, 4), rejected: [] },
    },
    {
      input: [selection(['yellow']), { species: 'Warbler', month: '13' }],
      output: { selection: selection(['yellow', 'warbler']), rejected: ['month'] },
    },
    {
      input: [selection([], 2019, 4), { species: 'owl%', year: '1492', month: 'May' }],
      output: { selection: selection([], 2019, 4), rejected: ['species', 'year', 'month'] },
    },
    {
      input: [selection(['owl'], 2019), { species: '', year: '', month: '  ' }],
      output: { selection: selection(['owl'], 2019), rejected: [] },
    },
    { input: [selection(['owl']), {}], output: { selection: selection(['owl']), rejected: [] } },
    {
      input: [selection(['owl']), { species: null, year: null, month: null }],
      output: { selection: selection(['owl']), rejected: [] },
    },
    {
      input: [selection(EIGHT_WORDS), { species: 'i', year: 2020 }],
      output: { selection: selection(EIGHT_WORDS, 2020), rejected: ['species'] },
    },
    { input: [selection(EIGHT_WORDS), { species: 'H' }], output: { selection: selection(EIGHT_WORDS), rejected: [] } },
  ];
  for (const { input, output } of cases) {
    test(`${JSON.stringify(input)} → ${JSON.stringify(output)}`, () => {
      const before = structuredClone(input[0]);
      expect(narrowSelection(...input)).toEqual(output);
      expect(input[0]).toEqual(before);
    });
  }
  test(`at most ${MAX_SPECIES_WORDS} words`, () => {
    let current = emptySelection();
    for (let index = 0; index < 20; index++) current = narrowSelection(current, { species: `word ${index}` }).selection;
    expect(current.species).toHaveLength(MAX_SPECIES_WORDS);
    expect(current.species[7]).toBe('word 7');
  });
});

describe('selectionFromQuery', () => {
  const cases: Array<{ input: string; output: Selection }> = [
    { input: 'species=yellow&year=2019&month=4', output: selection(['yellow'], 2019, 4) },
    { input: 'species=Yellow+Warbler&species=owl', output: selection(['yellow warbler', 'owl']) },
    { input: 'species=yellow%20warbler', output: selection(['yellow warbler']) },
    { input: 'species=M%C3%A9sange', output: selection(['mésange']) },
    { input: 'species=owl&species=OWL&species=owl%25', output: selection(['owl']) },
    { input: 'species=Yellow&year=2019&month=13', output: selection(['yellow'], 2019) },
    { input: 'year=1492&month=04', output: selection([], null, 4) },
    { input: 'year=2019&year=2020', output: selection([], 2019) },
    { input: `${'abcdefghij'.split('').map((letter) => `species=${letter}`).join('&')}`, output: selection(EIGHT_WORDS) },
    { input: 'page=2', output: selection([]) },
    { input: '', output: selection([]) },
  ];
  for (const { input, output } of cases) {
    test(`?${input} → ${JSON.stringify(output)}`, () => {
      expect(selectionFromQuery(new URLSearchParams(input))).toEqual(output);
    });
  }
});

describe('hasSelectionQuery', () => {
  const cases: Array<{ input: string; output: boolean }> = [
    { input: 'species=owl', output: true },
    { input: 'year=2019&page=2', output: true },
    { input: 'month=', output: true },
    { input: 'page=2', output: false },
    { input: '', output: false },
  ];
  for (const { input, output } of cases) {
    test(`?${input} → ${output}`, () => {
      expect(hasSelectionQuery(new URLSearchParams(input))).toBe(output);
    });
  }
});

describe('selectionToQuery', () => {
  const cases: Array<{ input: Selection; output: string }> = [
    { input: selection(['yellow warbler', 'owl'], 2019, 4), output: 'species=yellow+warbler&species=owl&year=2019&month=4' },
    { input: selection(["cetti's", 'mésange']), output: 'species=cetti%27s&species=m%C3%A9sange' },
    { input: selection([], null, 12), output: 'month=12' },
    { input: selection([]), output: '' },
  ];
  for (const { input, output } of cases) {
    test(`${JSON.stringify(input)} → ${output}`, () => {
      expect(selectionToQuery(input)).toBe(output);
      expect(selectionFromQuery(new URLSearchParams(output))).toEqual(input);
    });
  }
});

describe('removeCriterion', () => {
  const full = selection(['yellow', 'owl'], 2019, 4);
  const cases: Array<{ input: [Selection, SelectionCriterion]; output: Selection }> = [
    { input: [full, { kind: 'species', word: 'yellow' }], output: selection(['owl'], 2019, 4) },
    { input: [full, { kind: 'species', word: 'heron' }], output: full },
    { input: [full, { kind: 'year' }], output: selection(['yellow', 'owl'], null, 4) },
    { input: [full, { kind: 'month' }], output: selection(['yellow', 'owl'], 2019) },
    { input: [selection([]), { kind: 'month' }], output: selection([]) },
  ];
  for (const { input, output } of cases) {
    test(`${JSON.stringify(input[1])} → ${JSON.stringify(output)}`, () => {
      const result = removeCriterion(...input);
      expect(result).toEqual(output);
      expect(result.species).not.toBe(input[0].species);
      expect(full).toEqual(selection(['yellow', 'owl'], 2019, 4));
    });
  }
});

describe('serializeSelection and parseSelection', () => {
  const roundTrips: Selection[] = [
    selection([]),
    selection(['owl'], 2019),
    selection(['yellow warbler', "cetti's", 'mésange', 'シジュウカラ'], 1800, 12),
    selection(EIGHT_WORDS.map((letter) => letter.repeat(60)), 2100, 1),
  ];
  for (const input of roundTrips) {
    test(`round trip ${JSON.stringify(input).slice(0, 80)}`, () => {
      const cookie = serializeSelection(input);
      expect(cookie).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
      expect(cookie.length).toBeLessThanOrEqual(1024);
      expect(parseSelection(cookie)).toEqual(input);
    });
  }

  const encode = (value: unknown): string => `v1.${Buffer.from(JSON.stringify(value)).toString('base64url')}`;
  const valid = serializeSelection(selection(['owl'], 2019, 4));
  const rejected: Array<{ input: string | null | undefined; why: string }> = [
    { input: undefined, why: 'no cookie' },
    { input: null, why: 'no cookie' },
    { input: '', why: 'empty' },
    { input: 'v1.', why: 'nothing after the version' },
    { input: valid.slice(0, -6), why: 'truncated' },
    { input: valid.slice(0, 6), why: 'truncated to a few characters' },
    { input: `${valid}!`, why: 'not base64url' },
    { input: valid.replace('v1.', 'v2.'), why: 'another version' },
    { input: valid.slice(3), why: 'no version' },
    { input: 'connect.sid=s%3Aabc', why: 'a foreign cookie' },
    { input: `v1.${'A'.repeat(1100)}`, why: 'longer than 1024 characters' },
    { input: encode({ s: ['owl'], y: 2019, m: 4 }).padEnd(1025, 'A'), why: 'padded past the limit' },
    { input: `v1.${Buffer.from('not json').toString('base64url')}`, why: 'not JSON' },
    { input: `v1.${Buffer.from([0xff, 0xfe, 0x22]).toString('base64url')}`, why: 'not UTF-8' },
    { input: encode(null), why: 'JSON null' },
    { input: encode(['owl']), why: 'a JSON array' },
    { input: encode({ s: ['owl'], y: 2019 }), why: 'a missing field' },
    { input: encode({ s: ['owl'], y: 2019, m: 4, admin: true }), why: 'an extra field' },
    { input: encode({ s: 'owl', y: 2019, m: 4 }), why: 'species not a list' },
    { input: encode({ s: ['OWL'], y: 2019, m: 4 }), why: 'a word that is not normalised' },
    { input: encode({ s: ['owl%'], y: 2019, m: 4 }), why: 'an invalid word' },
    { input: encode({ s: [{ $ne: null }], y: 2019, m: 4 }), why: 'an object for a word' },
    { input: encode({ s: ['owl', 'owl'], y: 2019, m: 4 }), why: 'a repeated word' },
    { input: encode({ s: [...EIGHT_WORDS, 'i'], y: null, m: null }), why: 'nine words' },
    { input: encode({ s: [], y: '2019', m: null }), why: 'a year as a string' },
    { input: encode({ s: [], y: 1492, m: null }), why: 'a year out of range' },
    { input: encode({ s: [], y: null, m: 13 }), why: 'month 13' },
    { input: encode({ s: [], y: null, m: 4.5 }), why: 'a fractional month' },
  ];
  for (const { input, why } of rejected) {
    test(`${why} → empty selection`, () => {
      expect(() => parseSelection(input)).not.toThrow();
      expect(parseSelection(input)).toEqual(emptySelection());
    });
  }
  test('the valid cookie the tampered ones start from does parse', () => {
    expect(parseSelection(valid)).toEqual(selection(['owl'], 2019, 4));
  });
});

describe('selectionToStrapiFilters', () => {
  const wordFilter = (word: string): SpeciesWordFilter => ({
    species: {
      $or: [{ commonName: { $containsi: word } }, { scientificName: { $containsi: word } }, { code: { $containsi: word } }],
    },
  });
  const cases: Array<{ input: Selection; output: PhotoFilters }> = [
    { input: selection([]), output: {} },
    { input: selection(['owl']), output: { $and: [wordFilter('owl')] } },
    {
      input: selection(['yellow', 'warbler'], 2019, 4),
      output: { $and: [wordFilter('yellow'), wordFilter('warbler')], takenYear: { $eq: 2019 }, takenMonth: { $eq: 4 } },
    },
    { input: selection([], null, 12), output: { takenMonth: { $eq: 12 } } },
    // A selection built by hand, not parsed: what could not have come from a visitor still never reaches Strapi.
    { input: selection(['Owl', 'owl%', '$where'], 1492, 13), output: { $and: [wordFilter('owl')] } },
  ];
  for (const { input, output } of cases) {
    test(`${JSON.stringify(input)}`, () => {
      expect(selectionToStrapiFilters(input)).toEqual(output);
    });
  }
});

describe('describeSelection', () => {
  const cases: Array<{ input: Selection; output: SelectionChip[] }> = [
    { input: selection([]), output: [] },
    {
      input: selection(['yellow', 'owl'], 2019, 4),
      output: [
        { kind: 'species', label: '“yellow”', removeValue: 'species:yellow' },
        { kind: 'species', label: '“owl”', removeValue: 'species:owl' },
        { kind: 'year', label: '2019', removeValue: 'year' },
        { kind: 'month', label: 'April', removeValue: 'month' },
      ],
    },
    { input: selection([], null, 1), output: [{ kind: 'month', label: 'January', removeValue: 'month' }] },
  ];
  for (const { input, output } of cases) {
    test(`${JSON.stringify(input)}`, () => {
      const chips = describeSelection(input);
      expect(chips).toEqual(output);
      // Each chip's remove value takes away that chip and no other.
      for (const chip of chips) {
        const criterion = criterionFromRemoveValue(chip.removeValue);
        expect(criterion).not.toBeNull();
        const remaining = describeSelection(removeCriterion(input, criterion as SelectionCriterion));
        expect(remaining).toEqual(chips.filter((other) => other !== chip));
      }
    });
  }
});

describe('criterionFromRemoveValue', () => {
  const cases: Array<{ input: string | null | undefined; output: SelectionCriterion | null }> = [
    { input: 'species:yellow', output: { kind: 'species', word: 'yellow' } },
    { input: 'species:Yellow Warbler', output: { kind: 'species', word: 'yellow warbler' } },
    { input: 'year', output: { kind: 'year' } },
    { input: 'month', output: { kind: 'month' } },
    { input: 'species:', output: null },
    { input: 'species:owl%', output: null },
    { input: 'colour', output: null },
    { input: 'Year', output: null },
    { input: '', output: null },
    { input: null, output: null },
  ];
  for (const { input, output } of cases) {
    test(`${JSON.stringify(input)} → ${JSON.stringify(output)}`, () => {
      expect(criterionFromRemoveValue(input)).toEqual(output);
    });
  }
});
