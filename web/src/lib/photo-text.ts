import { formatTakenDate } from '@plumage/shared';

interface NamedSpecies {
  commonName: string;
  hideLocation?: boolean | null;
}

interface DescribedPhoto {
  title: string | null;
  location: string | null;
  takenAtLocal: string | null;
  species: readonly NamedSpecies[];
}

/**
 * Names joined as a sentence does.
 *
 * @example
 * joinNames(['Yellow Warbler', 'American Robin', 'Snowy Owl']) // 'Yellow Warbler, American Robin and Snowy Owl'
 */
export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * The place a photo may show: none when any of its species hides where it was photographed.
 *
 * @example
 * visibleLocation({ location: 'Magee Marsh', species: [{ commonName: 'Snowy Owl', hideLocation: true }] }) // null
 */
export function visibleLocation(photo: Pick<DescribedPhoto, 'location' | 'species'>): string | null {
  if (photo.species.some((species) => species.hideLocation === true)) return null;
  const place = photo.location?.trim();
  return place === undefined || place === '' ? null : place;
}

/**
 * A heading for the photo: its title, else its species.
 *
 * @example
 * photoHeading({ title: null, species: [{ commonName: 'Snowy Owl' }], location: null, takenAtLocal: null }) // 'Snowy Owl'
 */
export function photoHeading(photo: DescribedPhoto): string {
  const title = photo.title?.trim();
  if (title !== undefined && title !== '') return title;
  return joinNames(photo.species.map((species) => species.commonName)) || 'Untitled photo';
}

/**
 * Alternative text: the species, the place (unless hidden) and the date.
 *
 * @example
 * photoAlt({ title: null, location: 'Magee Marsh', takenAtLocal: '2021-04-12T07:31:05-04:00',
 *   species: [{ commonName: 'Yellow Warbler', hideLocation: false }] })
 * // 'Yellow Warbler at Magee Marsh, 12 April 2021'
 */
export function photoAlt(photo: DescribedPhoto): string {
  const subject = joinNames(photo.species.map((species) => species.commonName)) || photo.title?.trim() || 'A bird';
  const place = visibleLocation(photo);
  const date = formatTakenDate(photo.takenAtLocal);
  return `${subject}${place === null ? '' : ` at ${place}`}${date === null ? '' : `, ${date}`}`;
}
