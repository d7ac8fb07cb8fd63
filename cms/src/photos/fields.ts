import type { ExifFields } from '@plumage/shared';

/** What the pipeline writes into a photo, keyed by the photo's attribute names. */
export interface PipelineValues {
  camera: string | null;
  lens: string | null;
  fNumber: number | null;
  exposureTime: number | null;
  iso: number | null;
  focalLength: number | null;
  focalLength35mm: number | null;
  exposureBias: number | null;
  takenAt: string | null;
  takenAtLocal: string | null;
  takenYear: number | null;
  takenMonth: number | null;
  latitude: number | null;
  longitude: number | null;
}

/** Fields the owner may correct by hand (a camera that wrote the wrong clock, a lens it did not know). */
export const EDITABLE_PIPELINE_FIELDS = [
  'camera', 'lens', 'fNumber', 'exposureTime', 'iso', 'focalLength', 'focalLength35mm', 'exposureBias',
  'takenAt', 'takenAtLocal', 'takenYear', 'takenMonth', 'latitude', 'longitude',
] as const satisfies readonly (keyof PipelineValues)[];

/** Fields only the pipeline writes: a client's value for them is never taken. */
export const PIPELINE_OWNED_FIELDS = ['sha256', 'derivatives', 'width', 'height', 'pipelineValues', 'phash'] as const;

export function pipelineValuesFromExif(exif: ExifFields): PipelineValues {
  return {
    camera: exif.camera,
    lens: exif.lens,
    fNumber: exif.fNumber,
    exposureTime: exif.exposureTime,
    iso: exif.iso,
    focalLength: exif.focalLength,
    focalLength35mm: exif.focalLength35mm,
    exposureBias: exif.exposureBias,
    takenAt: exif.takenAt,
    takenAtLocal: exif.takenAtLocal,
    takenYear: exif.takenYear,
    takenMonth: exif.takenMonth,
    latitude: exif.latitude,
    longitude: exif.longitude,
  };
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a == null || b == null) return a == null && b == null;
  if (typeof a === 'number' || typeof b === 'number') return Math.abs(Number(a) - Number(b)) < 1e-9;
  // Datetimes come back from the database as `…T…:00.000Z`: compare the instants.
  const ta = Date.parse(String(a));
  const tb = Date.parse(String(b));
  if (!Number.isNaN(ta) && !Number.isNaN(tb) && /\d{4}-\d\d-\d\dT/.test(String(a))) return ta === tb;
  return String(a) === String(b);
}

export interface MergeInput {
  /** What the pipeline read now. */
  fresh: PipelineValues;
  /** What the request asks to store (the admin sends the whole form; a script sends what it knows). */
  requested: Partial<Record<keyof PipelineValues, unknown>>;
  /** The stored row before this change, when there is one. */
  stored?: Partial<Record<keyof PipelineValues, unknown>> | null;
  /** What the pipeline wrote last time, to tell hand edits from its own values. */
  previous?: Partial<PipelineValues> | null;
  /** True when the bytes of the image differ from those the stored values were read from. */
  imageChanged: boolean;
}

/**
 * Decides each EXIF-derived field.
 * - A new image: what the file says wins; where it says nothing, what the request gives stays
 *   (an importer's date from a caption, for a scan without EXIF).
 * - The same image read again: a field the owner edited by hand (its stored value is not what
 *   the pipeline wrote last time) is kept; the others take the fresh reading.
 */
export function mergePipelineValues({ fresh, requested, stored, previous, imageChanged }: MergeInput): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of EDITABLE_PIPELINE_FIELDS) {
    const freshValue = fresh[field];
    if (imageChanged) {
      out[field] = freshValue ?? (field in requested ? requested[field] : null);
      continue;
    }
    const current = field in requested ? requested[field] : stored?.[field];
    const editedByHand = previous != null && !sameValue(current, previous[field] ?? null);
    out[field] = editedByHand ? current : freshValue ?? current ?? null;
  }
  return out;
}

