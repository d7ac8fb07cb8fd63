import type { Derivative, DerivativeFormat, DerivativeName } from './types.js';

/** One size every photo is resized to. */
export interface DerivativeSize {
  name: DerivativeName;
  /** Target length of the longer edge in pixels; an original never gets enlarged to reach it. */
  longEdge: number;
  /** Made only when the original's long edge is longer than this (0: always). */
  whenSourceLongEdgeOver: number;
}

/** A derivative to make from one original: its size name and its output dimensions. */
export interface PlannedDerivative {
  name: DerivativeName;
  longEdge: number;
  width: number;
  height: number;
}

/**
 * The sizes derivatives are made in: a grid thumbnail, the photo page's display size and, for originals large
 * enough to give it real detail, its 2x twin.
 */
export const DERIVATIVE_SIZES: readonly DerivativeSize[] = Object.freeze([
  Object.freeze({ name: 'thumb', longEdge: 400, whenSourceLongEdgeOver: 0 }),
  Object.freeze({ name: 'display', longEdge: 1600, whenSourceLongEdgeOver: 0 }),
  Object.freeze({ name: 'display2x', longEdge: 3200, whenSourceLongEdgeOver: 2000 }),
] satisfies DerivativeSize[]);

/** The formats every size is written in, best first: the order of a `<picture>`'s sources. */
export const DERIVATIVE_FORMATS: readonly DerivativeFormat[] = Object.freeze(['avif', 'webp', 'jpeg'] satisfies DerivativeFormat[]);

/** Where derivative URLs start; the reverse proxy serves this path from `MEDIA_DIR`. */
export const MEDIA_URL_PREFIX = '/media/';

const SHA256_PATTERN = /^[0-9a-f]{64}$/;
const FILE_EXTENSIONS: Record<DerivativeFormat, string> = { avif: 'avif', webp: 'webp', jpeg: 'jpg' };

/**
 * The derivatives to make from an original of this displayed size (orientation already applied), with the
 * dimensions sharp gives for `resize({ width: longEdge, height: longEdge, fit: 'inside', withoutEnlargement: true })`:
 * the long edge becomes `min(target, original long edge)`, the short edge is scaled and rounded half up, at least 1.
 * Sharp's JPEG shrink-on-load can land one pixel off this on the short edge, so a pipeline that hands sharp the
 * JPEG itself should record the dimensions sharp reports. Throws a RangeError unless both sides are positive integers.
 *
 * @example
 * planDerivatives(5184, 3456)
 * // [{ name: 'thumb', longEdge: 400, width: 400, height: 267 },
 * //  { name: 'display', longEdge: 1600, width: 1600, height: 1067 },
 * //  { name: 'display2x', longEdge: 3200, width: 3200, height: 2133 }]
 * planDerivatives(480, 360)
 * // [{ name: 'thumb', longEdge: 400, width: 400, height: 300 },
 * //  { name: 'display', longEdge: 480, width: 480, height: 360 }]
 */
export function planDerivatives(width: number, height: number): PlannedDerivative[] {
  if (!isPositiveInteger(width) || !isPositiveInteger(height)) {
    throw new RangeError(`An image is at least 1×1 whole pixels, not ${width}×${height}`);
  }
  const sourceLongEdge = Math.max(width, height);
  return DERIVATIVE_SIZES.filter((size) => sourceLongEdge > size.whenSourceLongEdgeOver).map((size) => {
    const longEdge = Math.min(size.longEdge, sourceLongEdge);
    const scaledShortEdge = Math.max(1, Math.round((Math.min(width, height) * longEdge) / sourceLongEdge));
    return width >= height
      ? { name: size.name, longEdge, width: longEdge, height: scaledShortEdge }
      : { name: size.name, longEdge, width: scaledShortEdge, height: longEdge };
  });
}

/**
 * Whether a string is a sha256 as photos store it: 64 lowercase hex digits.
 *
 * @example
 * isSha256('e94c132f6a87e2d94f72d41e31afe07aad9300a4a7b40a34c97e19a1cb359185') // true
 * isSha256('E94C…') // false
 */
export function isSha256(value: unknown): value is string {
  return typeof value === 'string' && SHA256_PATTERN.test(value);
}

/**
 * The file extension a format is written with.
 *
 * @example
 * derivativeExtension('jpeg') // 'jpg'
 * derivativeExtension('avif') // 'avif'
 */
export function derivativeExtension(format: DerivativeFormat): string {
  return FILE_EXTENSIONS[format];
}

/**
 * A derivative's path under `MEDIA_DIR`, addressed by the original's sha256 (so the same photo always has the same
 * files, and a replaced photo new ones) and fanned out by its first two hex digits. Throws a TypeError for a
 * malformed sha256, size name or format, as these become a file path.
 *
 * @example
 * derivativeRelPath('e94c132f6a87e2d94f72d41e31afe07aad9300a4a7b40a34c97e19a1cb359185', 'thumb', 'jpeg')
 * // 'derivatives/e9/e94c132f6a87e2d94f72d41e31afe07aad9300a4a7b40a34c97e19a1cb359185/thumb.jpg'
 */
export function derivativeRelPath(sha256: string, name: DerivativeName, format: DerivativeFormat): string {
  if (!isSha256(sha256)) throw new TypeError('A derivative path needs the sha256 of its original as 64 lowercase hex digits');
  if (!DERIVATIVE_SIZES.some((size) => size.name === name)) throw new TypeError(`Unknown derivative size: ${String(name)}`);
  if (!DERIVATIVE_FORMATS.includes(format)) throw new TypeError(`Unknown derivative format: ${String(format)}`);
  return `derivatives/${sha256.slice(0, 2)}/${sha256}/${name}.${derivativeExtension(format)}`;
}

/**
 * A derivative's site-relative URL: `/media/` and its path. Throws like `derivativeRelPath`.
 *
 * @example
 * derivativeUrl('e94c132f6a87e2d94f72d41e31afe07aad9300a4a7b40a34c97e19a1cb359185', 'display', 'avif')
 * // '/media/derivatives/e9/e94c132f6a87e2d94f72d41e31afe07aad9300a4a7b40a34c97e19a1cb359185/display.avif'
 */
export function derivativeUrl(sha256: string, name: DerivativeName, format: DerivativeFormat): string {
  return MEDIA_URL_PREFIX + derivativeRelPath(sha256, name, format);
}

/**
 * A photo's derivatives of one size, in `DERIVATIVE_FORMATS` order (best first).
 *
 * @example
 * pickDerivatives(photo.derivatives, 'thumb').map((d) => d.format) // ['avif', 'webp', 'jpeg']
 */
export function pickDerivatives(derivatives: readonly Derivative[] | null | undefined, name: DerivativeName): Derivative[] {
  return (derivatives ?? [])
    .filter((derivative) => derivative.name === name && DERIVATIVE_FORMATS.includes(derivative.format))
    .sort((a, b) => DERIVATIVE_FORMATS.indexOf(a.format) - DERIVATIVE_FORMATS.indexOf(b.format));
}

/**
 * One derivative by size and format, or null when the photo has none such (e.g. a `<img src>` fallback).
 *
 * @example
 * pickDerivative(photo.derivatives, 'display', 'jpeg')?.url // '/media/derivatives/…/display.jpg'
 */
export function pickDerivative(
  derivatives: readonly Derivative[] | null | undefined,
  name: DerivativeName,
  format: DerivativeFormat,
): Derivative | null {
  return (derivatives ?? []).find((derivative) => derivative.name === name && derivative.format === format) ?? null;
}

/**
 * A `srcset` for one format: each derivative's URL with its width descriptor, narrowest first, limited to the
 * given sizes (all by default). Sizes that came out equally wide (a small original) appear once. `''` when there
 * are none.
 *
 * @example
 * srcsetFor(photo.derivatives, 'avif', ['display', 'display2x'])
 * // '/media/derivatives/…/display.avif 1600w, /media/derivatives/…/display2x.avif 3200w'
 */
export function srcsetFor(
  derivatives: readonly Derivative[] | null | undefined,
  format: DerivativeFormat,
  names: readonly DerivativeName[] = DERIVATIVE_SIZES.map((size) => size.name),
): string {
  const candidates = (derivatives ?? [])
    .filter((derivative) => derivative.format === format && names.includes(derivative.name) && derivative.width > 0)
    .sort((a, b) => a.width - b.width);
  const seenWidths = new Set<number>();
  const entries: string[] = [];
  for (const derivative of candidates) {
    if (seenWidths.has(derivative.width)) continue;
    seenWidths.add(derivative.width);
    entries.push(`${derivative.url} ${derivative.width}w`);
  }
  return entries.join(', ');
}

function isPositiveInteger(value: number): boolean {
  return Number.isInteger(value) && value > 0;
}
