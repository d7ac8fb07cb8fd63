/**
 * What a visitor has narrowed the collection to. Kept in a cookie between pages and in the query string of a
 * shareable link. Species words are normalised (see `normaliseSpeciesWord`) and each must match a photo's species.
 */
export interface Selection {
  species: string[];
  year: number | null;
  month: number | null;
}

/** The parts of a selection a visitor can give, as form fields and query parameters name them. */
export type SelectionField = 'species' | 'year' | 'month';

/** What a visitor asks to add through the narrowing form (`POST /selection`); empty fields are not given. */
export interface SelectionInput {
  species?: string | null;
  year?: string | number | null;
  month?: string | number | null;
}

/** The selection after narrowing, and the fields that were given but refused, so the page can say why. */
export interface NarrowResult {
  selection: Selection;
  rejected: SelectionField[];
}

/** One removable part of a selection. */
export type SelectionCriterion = { kind: 'species'; word: string } | { kind: 'year' } | { kind: 'month' };

/** A selection part as the page shows it: a chip with a label and the value its remove button posts. */
export interface SelectionChip {
  kind: SelectionField;
  label: string;
  /** Read back with `criterionFromRemoveValue`: `species:<word>`, `year` or `month`. */
  removeValue: string;
}

/** A species word must match the common name, the scientific name or the code of one of a photo's species. */
export interface SpeciesWordFilter {
  species: {
    $or: [
      { commonName: { $containsi: string } },
      { scientificName: { $containsi: string } },
      { code: { $containsi: string } },
    ];
  };
}

/** Strapi 5 REST `filters` for `/api/photos`. */
export interface PhotoFilters {
  $and?: SpeciesWordFilter[];
  takenYear?: { $eq: number };
  takenMonth?: { $eq: number };
}

/** English month names, January first: `MONTH_NAMES[month - 1]`. */
export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** The years a photo can be selected by (and stored with). */
export const EARLIEST_YEAR = 1800;
export const LATEST_YEAR = 2100;

/** At most this many species words in one selection. */
export const MAX_SPECIES_WORDS = 8;
/** A species word longer than this many characters is refused. */
export const MAX_SPECIES_WORD_LENGTH = 60;
/** A selection cookie longer than this is not ours and is ignored. */
export const MAX_SERIALIZED_SELECTION_LENGTH = 1024;

const LONGEST_SPECIES_INPUT = 1024;
const SERIALIZATION_PREFIX = 'v1.';
const SPECIES_WORD_CHARACTERS = /^[\p{L}\p{M}\p{Nd} '.-]+$/u;
const HAS_LETTER_OR_DIGIT = /[\p{L}\p{Nd}]/u;
const CONTROL_CHARACTER = /\p{Cc}/u;
// Phones type a typographic apostrophe ("Cetti’s"); species names are stored with the plain one.
const APOSTROPHE_LOOKALIKES = /[\u2018\u2019\u02BC]/gu;
const BASE64URL = /^[A-Za-z0-9_-]*$/;
const REMOVE_SPECIES_PREFIX = 'species:';

/**
 * A selection with nothing in it: the whole collection.
 *
 * @example
 * emptySelection() // { species: [], year: null, month: null }
 */
export function emptySelection(): Selection {
  return { species: [], year: null, month: null };
}

/**
 * Whether the selection narrows nothing.
 *
 * @example
 * isEmptySelection({ species: [], year: null, month: null }) // true
 * isEmptySelection({ species: ['owl'], year: null, month: null }) // false
 */
export function isEmptySelection(selection: Selection): boolean {
  return selection.species.length === 0 && selection.year === null && selection.month === null;
}

/**
 * A species word as the selection keeps it: trimmed, inner whitespace collapsed to one space, lower case, NFC,
 * typographic apostrophes made plain. Null when empty, longer than 60 characters, holding a control character, or
 * holding anything but letters (any script, with their accents), digits, spaces, hyphens, apostrophes and periods,
 * or holding no letter or digit at all.
 *
 * @example
 * normaliseSpeciesWord('  Yellow   Warbler ') // 'yellow warbler'
 * normaliseSpeciesWord('Rougegorge familier') // 'rougegorge familier'
 * normaliseSpeciesWord('Cetti’s') // "cetti's"
 * normaliseSpeciesWord('owl%') // null
 */
export function normaliseSpeciesWord(input: unknown): string | null {
  if (typeof input !== 'string') return null;
  // Bounds the work done on hostile input; padding can collapse, but no real word arrives this long.
  if (input.length > LONGEST_SPECIES_INPUT) return null;
  const trimmed = input.normalize('NFC').trim();
  if (CONTROL_CHARACTER.test(trimmed)) return null;
  const word = trimmed.replace(/\s+/gu, ' ').replace(APOSTROPHE_LOOKALIKES, "'").toLowerCase();
  if (word === '' || [...word].length > MAX_SPECIES_WORD_LENGTH) return null;
  if (!SPECIES_WORD_CHARACTERS.test(word) || !HAS_LETTER_OR_DIGIT.test(word)) return null;
  return word;
}

/**
 * A year a photo can be selected by: an integer from 1800 to 2100, given as a number or as four digits.
 *
 * @example
 * validateYear('2019') // 2019
 * validateYear(1799) // null
 * validateYear('2019.5') // null
 */
export function validateYear(value: string | number | null | undefined): number | null {
  const year = parseWholeNumber(value, 4);
  return year !== null && year >= EARLIEST_YEAR && year <= LATEST_YEAR ? year : null;
}

/**
 * A month from 1 to 12, given as a number or as one or two digits.
 *
 * @example
 * validateMonth('04') // 4
 * validateMonth(13) // null
 */
export function validateMonth(value: string | number | null | undefined): number | null {
  const month = parseWholeNumber(value, 2);
  return month !== null && month >= 1 && month <= 12 ? month : null;
}

/**
 * Narrows a selection by what the visitor gave: a species word is added unless already there (at most 8 words);
 * a year or a month replaces the one before. Empty fields are not given; invalid ones leave the selection as it was
 * and are listed in `rejected`.
 *
 * @example
 * narrowSelection({ species: ['yellow'], year: null, month: null }, { species: 'Warbler', month: '13' })
 * // { selection: { species: ['yellow', 'warbler'], year: null, month: null }, rejected: ['month'] }
 */
export function narrowSelection(selection: Selection, input: SelectionInput): NarrowResult {
  const narrowed: Selection = { ...selection, species: [...selection.species] };
  const rejected: SelectionField[] = [];

  if (isGiven(input.species)) {
    const word = normaliseSpeciesWord(input.species);
    if (word === null) {
      rejected.push('species');
    } else if (!narrowed.species.includes(word)) {
      if (narrowed.species.length >= MAX_SPECIES_WORDS) rejected.push('species');
      else narrowed.species.push(word);
    }
  }
  if (isGiven(input.year)) {
    const year = validateYear(input.year);
    if (year === null) rejected.push('year');
    else narrowed.year = year;
  }
  if (isGiven(input.month)) {
    const month = validateMonth(input.month);
    if (month === null) rejected.push('month');
    else narrowed.month = month;
  }
  return { selection: narrowed, rejected };
}

/**
 * The selection a shareable link describes (`?species=yellow&species=warbler&year=2019&month=4`), replacing any
 * other. One `species` parameter per word; invalid and surplus words and invalid year or month are left out.
 *
 * @example
 * selectionFromQuery(new URLSearchParams('species=Yellow&year=2019&month=13'))
 * // { species: ['yellow'], year: 2019, month: null }
 */
export function selectionFromQuery(params: URLSearchParams): Selection {
  const species: string[] = [];
  for (const raw of params.getAll('species')) {
    const word = normaliseSpeciesWord(raw);
    if (word !== null && !species.includes(word) && species.length < MAX_SPECIES_WORDS) species.push(word);
  }
  return { species, year: validateYear(params.get('year')), month: validateMonth(params.get('month')) };
}

/**
 * Whether a URL carries a selection at all, i.e. whether `selectionFromQuery` should replace the visitor's one
 * (`/?page=2` must not clear it).
 *
 * @example
 * hasSelectionQuery(new URLSearchParams('year=2019')) // true
 * hasSelectionQuery(new URLSearchParams('page=2')) // false
 */
export function hasSelectionQuery(params: URLSearchParams): boolean {
  return params.has('species') || params.has('year') || params.has('month');
}

/**
 * The query string of a shareable link to this selection, without the `?`; `''` for an empty selection.
 * `selectionFromQuery` reads it back to the same selection.
 *
 * @example
 * selectionToQuery({ species: ['yellow warbler', 'owl'], year: 2019, month: 4 })
 * // 'species=yellow+warbler&species=owl&year=2019&month=4'
 */
export function selectionToQuery(selection: Selection): string {
  const params = new URLSearchParams();
  for (const word of selection.species) params.append('species', word);
  if (selection.year !== null) params.set('year', String(selection.year));
  if (selection.month !== null) params.set('month', String(selection.month));
  return params.toString();
}

/**
 * The selection without one of its parts.
 *
 * @example
 * removeCriterion({ species: ['yellow', 'owl'], year: 2019, month: 4 }, { kind: 'species', word: 'yellow' })
 * // { species: ['owl'], year: 2019, month: 4 }
 * removeCriterion({ species: [], year: 2019, month: 4 }, { kind: 'month' })
 * // { species: [], year: 2019, month: null }
 */
export function removeCriterion(selection: Selection, criterion: SelectionCriterion): Selection {
  switch (criterion.kind) {
    case 'species':
      return { ...selection, species: selection.species.filter((word) => word !== criterion.word) };
    case 'year':
      return { ...selection, species: [...selection.species], year: null };
    case 'month':
      return { ...selection, species: [...selection.species], month: null };
  }
}

/**
 * The selection after "clear": empty, the whole collection (what `POST /selection/clear` stores).
 *
 * @example
 * clearSelection() // { species: [], year: null, month: null }
 */
export function clearSelection(): Selection {
  return emptySelection();
}

/**
 * The selection as a cookie value: `v1.` and base64url JSON, only cookie-safe characters.
 *
 * @example
 * serializeSelection({ species: ['owl'], year: 2019, month: null }) // 'v1.eyJzIjpbIm93bCJdLCJ5IjoyMDE5LCJtIjpudWxsfQ'
 */
export function serializeSelection(selection: Selection): string {
  const compact = { s: selection.species, y: selection.year, m: selection.month };
  return SERIALIZATION_PREFIX + encodeBase64Url(JSON.stringify(compact));
}

/**
 * Reads a selection cookie back. Every field is checked again as if a visitor had typed it: anything that
 * `serializeSelection` would not have written (tampered, truncated, longer than 1024 characters, another version,
 * another site's cookie) gives the empty selection. Never throws.
 *
 * @example
 * parseSelection('v1.eyJzIjpbIm93bCJdLCJ5IjoyMDE5LCJtIjpudWxsfQ') // { species: ['owl'], year: 2019, month: null }
 * parseSelection('v2.whatever') // { species: [], year: null, month: null }
 */
export function parseSelection(cookieValue: string | null | undefined): Selection {
  if (typeof cookieValue !== 'string' || cookieValue.length > MAX_SERIALIZED_SELECTION_LENGTH) return emptySelection();
  if (!cookieValue.startsWith(SERIALIZATION_PREFIX)) return emptySelection();
  const json = decodeBase64Url(cookieValue.slice(SERIALIZATION_PREFIX.length));
  if (json === null) return emptySelection();
  let decoded: unknown;
  try {
    decoded = JSON.parse(json);
  } catch {
    return emptySelection();
  }
  return selectionFromCompact(decoded) ?? emptySelection();
}

/**
 * Strapi 5 REST `filters` for the photos in a selection: every species word must match a species' common name,
 * scientific name or code (case-insensitive substring); year and month match the wall-clock `takenYear` and
 * `takenMonth`. Words and numbers are validated again here, so nothing a visitor typed reaches Strapi unchecked.
 *
 * @example
 * selectionToStrapiFilters({ species: ['owl'], year: 2019, month: null })
 * // { $and: [{ species: { $or: [{ commonName: { $containsi: 'owl' } }, { scientificName: { $containsi: 'owl' } },
 * //   { code: { $containsi: 'owl' } }] } }], takenYear: { $eq: 2019 } }
 */
export function selectionToStrapiFilters(selection: Selection): PhotoFilters {
  const filters: PhotoFilters = {};
  const words = selection.species.map(normaliseSpeciesWord).filter((word): word is string => word !== null);
  if (words.length > 0) {
    filters.$and = words.map((word) => ({
      species: {
        $or: [{ commonName: { $containsi: word } }, { scientificName: { $containsi: word } }, { code: { $containsi: word } }],
      },
    }));
  }
  const year = validateYear(selection.year);
  if (year !== null) filters.takenYear = { $eq: year };
  const month = validateMonth(selection.month);
  if (month !== null) filters.takenMonth = { $eq: month };
  return filters;
}

/**
 * The selection's parts as chips, species words first (in the order given), then year, then month.
 *
 * @example
 * describeSelection({ species: ['yellow'], year: 2019, month: 4 })
 * // [{ kind: 'species', label: '“yellow”', removeValue: 'species:yellow' },
 * //  { kind: 'year', label: '2019', removeValue: 'year' },
 * //  { kind: 'month', label: 'April', removeValue: 'month' }]
 */
export function describeSelection(selection: Selection): SelectionChip[] {
  const chips: SelectionChip[] = selection.species.map((word) => ({
    kind: 'species',
    label: `“${word}”`,
    removeValue: REMOVE_SPECIES_PREFIX + word,
  }));
  if (selection.year !== null) chips.push({ kind: 'year', label: String(selection.year), removeValue: 'year' });
  const monthName = selection.month === null ? undefined : MONTH_NAMES[selection.month - 1];
  if (monthName !== undefined) chips.push({ kind: 'month', label: monthName, removeValue: 'month' });
  return chips;
}

/**
 * The criterion a chip's remove button posted (`SelectionChip.removeValue`), or null when it is not one.
 *
 * @example
 * criterionFromRemoveValue('species:yellow') // { kind: 'species', word: 'yellow' }
 * criterionFromRemoveValue('year') // { kind: 'year' }
 * criterionFromRemoveValue('colour') // null
 */
export function criterionFromRemoveValue(value: string | null | undefined): SelectionCriterion | null {
  if (value === 'year' || value === 'month') return { kind: value };
  if (typeof value !== 'string' || !value.startsWith(REMOVE_SPECIES_PREFIX)) return null;
  const word = normaliseSpeciesWord(value.slice(REMOVE_SPECIES_PREFIX.length));
  return word === null ? null : { kind: 'species', word };
}

function isGiven(value: string | number | null | undefined): value is string | number {
  if (typeof value === 'string') return value.trim() !== '';
  return typeof value === 'number';
}

function parseWholeNumber(value: string | number | null | undefined, maxDigits: number): number | null {
  if (typeof value === 'number') return Number.isInteger(value) ? value : null;
  if (typeof value !== 'string') return null;
  const text = value.trim();
  return text.length <= maxDigits && /^\d+$/.test(text) ? Number(text) : null;
}

function selectionFromCompact(decoded: unknown): Selection | null {
  if (typeof decoded !== 'object' || decoded === null || Array.isArray(decoded)) return null;
  const keys = Object.keys(decoded).sort().join(',');
  if (keys !== 'm,s,y') return null;
  const { s, y, m } = decoded as Record<'s' | 'y' | 'm', unknown>;

  if (!Array.isArray(s) || s.length > MAX_SPECIES_WORDS) return null;
  const species: string[] = [];
  for (const word of s) {
    if (typeof word !== 'string' || normaliseSpeciesWord(word) !== word || species.includes(word)) return null;
    species.push(word);
  }
  const year = y === null ? null : typeof y === 'number' && validateYear(y) === y ? y : undefined;
  const month = m === null ? null : typeof m === 'number' && validateMonth(m) === m ? m : undefined;
  if (year === undefined || month === undefined) return null;
  return { species, year, month };
}

// btoa/atob and TextEncoder exist in Node and in browsers alike, so the cookie codec needs no Buffer.
function encodeBase64Url(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function decodeBase64Url(encoded: string): string | null {
  if (!BASE64URL.test(encoded) || encoded.length % 4 === 1) return null;
  const base64 = encoded.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (encoded.length % 4)) % 4);
  try {
    const bytes = Uint8Array.from(atob(base64), (character) => character.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}
