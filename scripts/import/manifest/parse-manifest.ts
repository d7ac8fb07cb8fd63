import { csvRecords } from '../lib/csv';

/** What a sidecar manifest says about one photo. */
export interface ManifestEntry {
  /** The photo's path as the manifest writes it, relative to the manifest's folder. */
  file: string;
  species: string[];
  title: string | null;
  caption: string | null;
  location: string | null;
  /** As written: an ISO date-time, a date, or caption-like text ("May 2019"). */
  date: string | null;
  latitude: number | null;
  longitude: number | null;
}

type Field = 'file' | 'species' | 'title' | 'caption' | 'location' | 'date' | 'latitude' | 'longitude';

const FIELD_NAMES: Record<Field, string[]> = {
  file: ['file', 'filename', 'file_name', 'path', 'image', 'photo', 'src'],
  species: ['species', 'bird', 'birds', 'common_name', 'commonname', 'species_list'],
  title: ['title', 'headline'],
  caption: ['caption', 'description', 'notes', 'comment'],
  location: ['location', 'place', 'site', 'where'],
  date: ['date', 'taken', 'taken_at', 'takenat', 'datetime', 'date_taken', 'when'],
  latitude: ['latitude', 'lat'],
  longitude: ['longitude', 'lon', 'lng', 'long'],
};

const normalise = (name: string) => name.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');

function pick(record: Record<string, unknown>, field: Field): unknown {
  const byName = new Map(Object.keys(record).map((key) => [normalise(key), key]));
  for (const name of FIELD_NAMES[field]) {
    const key = byName.get(name);
    if (key !== undefined && record[key] !== undefined && record[key] !== null && record[key] !== '') return record[key];
  }
  return undefined;
}

/** Species as a manifest may list them: an array, or one cell with ";" or "|" between names. */
function speciesList(value: unknown): string[] {
  const names = Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(/\s*[;|]\s*/) : [];
  return names.map((name) => name.trim()).filter(Boolean);
}

function text(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  const out = String(value).replace(/\s+/g, ' ').trim();
  return out || null;
}

function number(value: unknown): number | null {
  if (value === undefined || value === null || value === '') return null;
  const n = typeof value === 'number' ? value : Number(String(value).trim());
  return Number.isFinite(n) ? n : null;
}

function entryFrom(record: Record<string, unknown>, fileFallback?: string): ManifestEntry | null {
  const file = text(pick(record, 'file')) ?? fileFallback ?? null;
  if (!file) return null;
  return {
    file,
    species: speciesList(pick(record, 'species')),
    title: text(pick(record, 'title')),
    caption: text(pick(record, 'caption')),
    location: text(pick(record, 'location')),
    date: text(pick(record, 'date')),
    latitude: number(pick(record, 'latitude')),
    longitude: number(pick(record, 'longitude')),
  };
}

/** True when a CSV header or JSON record names the photo's file: only then is it a manifest. */
export function hasFileColumn(keys: string[]): boolean {
  const names = new Set(keys.map(normalise));
  return FIELD_NAMES.file.some((name) => names.has(name));
}

/**
 * A folder's sidecar manifest, CSV or JSON. CSV: a header row with a file column (file,
 * filename, path…) and any of species (several split by ";" or "|"), title, caption, location,
 * date, latitude, longitude. JSON: an array of such objects, `{ "photos": [...] }`, or an object
 * keyed by file name. Returns null when the file is not a manifest (no file column).
 *
 * @example
 * parseManifest('file,species,location\nIMG_1.jpg,Yellow Warbler,Magee Marsh\n', 'csv')
 * // [{ file: 'IMG_1.jpg', species: ['Yellow Warbler'], location: 'Magee Marsh', … }]
 */
export function parseManifest(content: string, format: 'csv' | 'json'): ManifestEntry[] | null {
  if (format === 'csv') {
    const records = csvRecords(content);
    if (records.length === 0 || !hasFileColumn(Object.keys(records[0]!))) return null;
    return records.map((record) => entryFrom(record)).filter((entry): entry is ManifestEntry => entry !== null);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(content.charCodeAt(0) === 0xfeff ? content.slice(1) : content);
  } catch (error) {
    throw new Error(`not valid JSON (${(error as Error).message})`);
  }
  const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
  const list = Array.isArray(parsed) ? parsed : isRecord(parsed) && Array.isArray(parsed.photos) ? parsed.photos : null;
  if (list) {
    const records = list.filter(isRecord);
    if (records.length === 0 || !records.some((record) => hasFileColumn(Object.keys(record)))) return null;
    return records.map((record) => entryFrom(record)).filter((entry): entry is ManifestEntry => entry !== null);
  }
  if (isRecord(parsed)) {
    // { "IMG_1.jpg": { "species": [...] }, ... }: keys that name image files.
    const entries = Object.entries(parsed).filter(([key, value]) => /\.[a-z0-9]{3,4}$/i.test(key) && isRecord(value));
    if (entries.length === 0) return null;
    return entries.map(([key, value]) => entryFrom(value as Record<string, unknown>, key)).filter((entry): entry is ManifestEntry => entry !== null);
  }
  return null;
}
