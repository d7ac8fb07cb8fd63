import { parseExifDateTime } from '@plumage/shared';
import { parseCaption, type CaptionContext, type NamedSpecies, type ParsedCaption } from './caption/parse-caption';
import { splitCaptionDate, type CaptionDate } from './caption/parse-caption-date';
import type { GalleryImage } from './gallery/scan-gallery-html';
import type { ManifestEntry } from './manifest/parse-manifest';
import type { EmbeddedMetadata } from './metadata/embedded-metadata';
import { looksLikeBirdName } from './species/bird-names';
import { tidySpeciesName } from './species/species-key';

/** Everything the importer was told about one photo besides the file itself. */
export interface PhotoHints {
  manifest?: ManifestEntry | null;
  /** Caption candidates from a gallery page, best first. */
  captions?: GalleryImage['captions'];
  /** Folder names from the import root down to the file ("Warblers", "Yellow Warbler"). */
  folders?: string[];
}

export type SpeciesSource = 'manifest' | 'caption' | 'keywords' | 'xmp-title' | 'folder';

/** The photo's fields as the importer will send them (species still as names). */
export interface PhotoFields {
  title: string | null;
  caption: string | null;
  location: string | null;
  species: NamedSpecies[];
  speciesSource: SpeciesSource | null;
  /** Only what the file's EXIF does not say wins on the CMS: these are the fallback. */
  takenAt: string | null;
  takenAtLocal: string | null;
  takenYear: number | null;
  takenMonth: number | null;
  latitude: number | null;
  longitude: number | null;
}

const MAX = { title: 200, caption: 5000, location: 200 };

function clip(text: string | null, length: number): string | null {
  if (!text) return null;
  return text.length <= length ? text : `${text.slice(0, length - 1).trimEnd()}…`;
}

interface DateFields {
  takenAt: string | null;
  takenAtLocal: string | null;
  takenYear: number | null;
  takenMonth: number | null;
}

const NO_DATE: DateFields = { takenAt: null, takenAtLocal: null, takenYear: null, takenMonth: null };

function fromCaptionDate(date: CaptionDate | null): DateFields {
  return date ? { ...NO_DATE, takenYear: date.year, takenMonth: date.month } : NO_DATE;
}

/** A manifest's date: a full date-time (with its offset, if any) or caption-like text ("May 2019", "2019-05-14"). */
export function manifestDate(text: string | null): DateFields {
  if (!text) return NO_DATE;
  const full = parseExifDateTime(text.trim());
  if (full) return { takenAt: full.utc, takenAtLocal: full.local, takenYear: full.year, takenMonth: full.month };
  return fromCaptionDate(splitCaptionDate(text).date);
}

/** Species among keywords: known ones first; failing that, keywords that read like bird names. */
function speciesInKeywords(keywords: string[], context: CaptionContext): NamedSpecies[] {
  const known = keywords.filter((keyword) => context.isKnownSpecies(keyword));
  const chosen = known.length > 0 ? known : keywords.filter((keyword) => looksLikeBirdName(keyword));
  return chosen.map((name) => ({ name, scientificName: null }));
}

/** The deepest folder that names a species ("2019/Ohio/Yellow Warbler/IMG_1.jpg" → Yellow Warbler). */
function speciesInFolders(folders: string[], context: CaptionContext): NamedSpecies[] {
  for (const folder of [...folders].reverse()) {
    const name = tidySpeciesName(folder);
    if (context.isKnownSpecies(name) || looksLikeBirdName(name)) return [{ name, scientificName: null }];
  }
  return [];
}

/**
 * Decides a photo's fields from what is known about it, most explicit first: the manifest, then
 * the gallery's caption, then the file's own XMP/IPTC (keywords, title, description), then the
 * folder names. A field one source leaves empty is taken from the next.
 */
export function planPhotoFields(hints: PhotoHints, embedded: EmbeddedMetadata, context: CaptionContext): PhotoFields {
  const manifest = hints.manifest ?? null;
  const captions = (hints.captions ?? []).map((caption) => parseCaption(caption.text, context));
  const xmpTitle = parseCaption(embedded.title, context);
  const parsed: ParsedCaption[] = [...captions, xmpTitle];

  let species: NamedSpecies[] = [];
  let speciesSource: SpeciesSource | null = null;
  const take = (found: NamedSpecies[], source: SpeciesSource) => {
    if (species.length === 0 && found.length > 0) {
      species = found;
      speciesSource = source;
    }
  };
  take((manifest?.species ?? []).map((name) => ({ name, scientificName: null })), 'manifest');
  take(captions.find((caption) => caption.species.length > 0)?.species ?? [], 'caption');
  take(speciesInKeywords(embedded.keywords, context), 'keywords');
  take(xmpTitle.species, 'xmp-title');
  take(speciesInFolders(hints.folders ?? [], context), 'folder');

  const firstOf = <K extends keyof ParsedCaption>(key: K) => parsed.map((one) => one[key]).find((value) => value !== null && value !== undefined) ?? null;
  const title = manifest?.title ?? (firstOf('title') as string | null) ?? (species.length > 0 ? species.map((one) => tidySpeciesName(one.name)).join(' and ') : null);
  const captionText = manifest?.caption ?? captions.find((caption) => caption.text)?.text ?? embedded.description ?? null;
  const dates = manifest?.date ? manifestDate(manifest.date) : fromCaptionDate(firstOf('date') as CaptionDate | null);

  return {
    title: clip(title, MAX.title),
    // A caption that only repeats the title says nothing more.
    caption: captionText && captionText !== title ? clip(captionText, MAX.caption) : null,
    location: clip(manifest?.location ?? (firstOf('location') as string | null), MAX.location),
    species,
    speciesSource,
    ...dates,
    latitude: manifest?.latitude ?? null,
    longitude: manifest?.longitude ?? null,
  };
}
