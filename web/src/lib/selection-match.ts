import type { Selection, Species } from '@plumage/shared';

/** The photo fields a selection looks at. */
export interface MatchablePhoto {
  takenYear: number | null;
  takenMonth: number | null;
  species: ReadonlyArray<Pick<Species, 'commonName' | 'scientificName' | 'code' | 'ebirdCode'>>;
}

/**
 * Whether a photo is in a selection, by the rules `selectionToStrapiFilters` gives Strapi: every word is a
 * case-insensitive part of one of its species' common name, scientific name, code or eBird code; year and month equal.
 *
 * @example
 * photoMatchesSelection({ takenYear: 2021, takenMonth: 4, species: [{ commonName: 'Yellow Warbler', scientificName: null, code: 'YEWA' }] },
 *   { species: ['yellow'], year: null, month: 4 }) // true
 */
export function photoMatchesSelection(photo: MatchablePhoto, selection: Selection): boolean {
  if (selection.year !== null && photo.takenYear !== selection.year) return false;
  if (selection.month !== null && photo.takenMonth !== selection.month) return false;
  return selection.species.every((word) =>
    photo.species.some((species) =>
      [species.commonName, species.scientificName, species.code, species.ebirdCode].some(
        (name) => typeof name === 'string' && name.toLowerCase().includes(word),
      ),
    ),
  );
}
