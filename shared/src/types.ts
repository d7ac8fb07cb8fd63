/** Image formats every derivative is written in, best first (the order of `<picture>` sources). */
export type DerivativeFormat = 'avif' | 'webp' | 'jpeg';

/** Which size a derivative is: a grid thumbnail, the photo page's display size, or its 2x twin. */
export type DerivativeName = 'thumb' | 'display' | 'display2x';

/** One file made from an original, as stored in a photo's `derivatives` JSON. */
export interface Derivative {
  name: DerivativeName;
  format: DerivativeFormat;
  width: number;
  height: number;
  bytes: number;
  /** Site-relative URL, e.g. `/media/derivatives/ab/ab12…/thumb.avif`. */
  url: string;
}

/** The shooting data the pipeline reads from EXIF; `null` where the file does not say. */
export interface ExifFields {
  camera: string | null;
  lens: string | null;
  fNumber: number | null;
  /** Seconds, e.g. 0.002 for 1/500 s. */
  exposureTime: number | null;
  iso: number | null;
  /** Millimetres, as the lens reports it. */
  focalLength: number | null;
  focalLength35mm: number | null;
  /** EV, e.g. -0.6666666666666666. */
  exposureBias: number | null;
  /** ISO 8601 with the offset when the camera wrote one (`2019-05-12T07:31:05-04:00`), otherwise without (`2019-05-12T07:31:05`). */
  takenAtLocal: string | null;
  /** UTC instant; when the camera wrote no offset the wall clock is taken as UTC. */
  takenAt: string | null;
  /** Year and month of the wall clock where the photo was taken. */
  takenYear: number | null;
  takenMonth: number | null;
  latitude: number | null;
  longitude: number | null;
  /** EXIF orientation 1–8 (1 when absent). */
  orientation: number;
}

/** A species as the REST API returns it (`/api/species-list`). */
export interface Species {
  id?: number;
  documentId: string;
  commonName: string;
  scientificName: string | null;
  family: string | null;
  code: string | null;
  /** eBird's species code (`yelwar`) when `code` holds the banding code (`YEWA`); searched like `code`. */
  ebirdCode?: string | null;
  taxonomicOrder: number | null;
  slug: string | null;
  hideLocation: boolean;
}

/** A photo as the REST API returns it (`/api/photos`). */
export interface Photo {
  id?: number;
  documentId: string;
  title: string | null;
  caption: string | null;
  location: string | null;
  takenAt: string | null;
  takenAtLocal: string | null;
  takenYear: number | null;
  takenMonth: number | null;
  camera: string | null;
  lens: string | null;
  fNumber: number | null;
  exposureTime: number | null;
  iso: number | null;
  focalLength: number | null;
  focalLength35mm: number | null;
  exposureBias: number | null;
  latitude: number | null;
  longitude: number | null;
  width: number | null;
  height: number | null;
  sha256: string | null;
  derivatives: Derivative[] | null;
  species?: Species[];
}

/**
 * A number as EXIF readers hand it over: a JS number, a rational or decimal string (`"63/10"`, `"6.3"`),
 * or a `[numerator, denominator]` pair. `null`/`undefined` when the tag is absent.
 */
export type RationalInput = number | string | readonly [number | string, number | string] | null | undefined;
