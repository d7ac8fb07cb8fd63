import { looksLikeBirdName } from '../species/bird-names';
import { splitCaptionDate, type CaptionDate } from './parse-caption-date';

/** A species named in a caption, with the scientific name when the caption gave one in brackets. */
export interface NamedSpecies {
  name: string;
  scientificName: string | null;
}

export interface ParsedCaption {
  /** The caption, tidied (spaces collapsed); null when there was nothing to read. */
  text: string | null;
  /** The caption's head as written ("Yellow Warbler (male)"), for the photo's title. */
  title: string | null;
  species: NamedSpecies[];
  location: string | null;
  date: CaptionDate | null;
}

export interface CaptionContext {
  /** True when a name is a species the importer already knows (the CMS, the reference list, a taxonomy). */
  isKnownSpecies(name: string): boolean;
}

const SEGMENT_SEPARATOR = /\s*[,;|]\s*|\s+[–—-]\s+/;
// "Yellow Warbler at Magee Marsh": a place after at/near/in, when it starts with a capital ("in flight" is no place).
const PLACE_AFTER = /\s+(?:at|near|in)\s+(?=\p{Lu})/u;
const SPECIES_JOINER = /\s+(?:and|&|with|\+)\s+/i;
const QUALIFIER = String.raw`(?:an?|the|two|three|four|several|pair\s+of|male|female|adult|juvenile|immature|young|first[- ](?:year|winter|summer)|breeding|non-?breeding|winter|summer|singing|displaying)`;
const LEADING_QUALIFIERS = new RegExp(`^(?:${QUALIFIER}\\s+)+`, 'i');
const QUALIFIER_ONLY = new RegExp(`^(?:${QUALIFIER}(?:\\s+|$))+$`, 'i');
const BRACKETED = /\s*[([]([^)\]]*)[)\]]\s*/g;
const BINOMIAL = /^[A-Z][a-z]+ [a-z]+(?: [a-z]+)?$/;

/** Names in one part of a caption, with bracketed qualifiers dropped and a bracketed binomial kept aside. */
function namesIn(part: string): NamedSpecies[] {
  return part
    .split(SPECIES_JOINER)
    .map((piece) => {
      let scientificName: string | null = null;
      const name = piece
        .replace(BRACKETED, (_all, inner: string) => {
          if (BINOMIAL.test(inner.trim())) scientificName = inner.trim();
          return ' ';
        })
        .replace(LEADING_QUALIFIERS, '')
        .replace(/\s+/g, ' ')
        .trim();
      return { name, scientificName };
    })
    .filter((named) => named.name !== '');
}

function isSpecies(named: NamedSpecies, context: CaptionContext): boolean {
  return context.isKnownSpecies(named.name) || (named.scientificName !== null && context.isKnownSpecies(named.scientificName)) || looksLikeBirdName(named.name);
}

/**
 * Reads the captions predecessor galleries wrote: species first, then the place, then the date.
 *
 * @example
 * parseCaption('Yellow Warbler, Magee Marsh, Ohio, May 2019', { isKnownSpecies: () => false })
 * // { title: 'Yellow Warbler', species: [{ name: 'Yellow Warbler', scientificName: null }],
 * //   location: 'Magee Marsh, Ohio', date: { year: 2019, month: 5, day: null }, text: '…' }
 */
export function parseCaption(raw: string | null | undefined, context: CaptionContext): ParsedCaption {
  const text = (raw ?? '').replace(/\s+/g, ' ').trim().replace(/\.$/, '') || null;
  if (!text) return { text: null, title: null, species: [], location: null, date: null };

  const { date, rest } = splitCaptionDate(text);
  const segments = rest
    .split(SEGMENT_SEPARATOR)
    .map((segment) => segment.trim())
    .filter((segment) => segment !== '' && !QUALIFIER_ONLY.test(segment));
  if (segments.length === 0) return { text, title: null, species: [], location: null, date };

  const [head, ...others] = segments as [string, ...string[]];
  const [speciesPart, placeInHead] = splitPlace(head, context);
  const named = namesIn(speciesPart);
  let species = named.filter((one) => isSpecies(one, context));
  let placeParts = [placeInHead, ...others].filter((part): part is string => Boolean(part));
  let title = species.length > 0 ? speciesPart.trim() : head;

  if (species.length === 0) {
    // "Magee Marsh, Yellow Warbler": a known species elsewhere in the caption still counts.
    const index = others.findIndex((segment) => namesIn(segment).some((one) => context.isKnownSpecies(one.name)));
    if (index >= 0) {
      species = namesIn(others[index]!).filter((one) => context.isKnownSpecies(one.name));
      placeParts = [head, ...others.filter((_, i) => i !== index)];
      title = others[index]!;
    }
  }

  return {
    text,
    title,
    species,
    location: species.length > 0 || others.length > 0 ? placeParts.join(', ') || null : null,
    date,
  };
}

/** "Yellow Warbler at Magee Marsh" → ["Yellow Warbler", "Magee Marsh"]; a head without a place stays whole. */
function splitPlace(head: string, context: CaptionContext): [string, string | null] {
  const m = PLACE_AFTER.exec(head);
  if (!m) return [head, null];
  const before = head.slice(0, m.index);
  if (!namesIn(before).some((one) => isSpecies(one, context))) return [head, null];
  return [before, head.slice(m.index + m[0].length).trim() || null];
}
