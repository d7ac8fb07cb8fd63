import { pickDerivative, publicMediaUrl, srcsetFor, type Derivative, type DerivativeName } from '@plumage/shared';

/** What a `<picture>` needs: AVIF and WebP sources, a JPEG `<img>` with its size set so nothing jumps. */
export interface PictureView {
  sources: Array<{ type: 'image/avif' | 'image/webp'; srcset: string }>;
  src: string;
  srcset: string;
  width: number;
  height: number;
  sizes: string;
}

/** Grid cells: two columns on phones, up to five on wide screens. */
export const THUMB_SIZES = '(min-width: 1400px) 260px, (min-width: 992px) 25vw, (min-width: 576px) 33vw, 50vw';
/** The photo page shows the photo across the container. */
export const DISPLAY_SIZES = '(min-width: 1400px) 1296px, 100vw';

/**
 * The picture of a photo's derivatives of the given sizes (the first one sets `src`, width and height), or null
 * when the photo has no JPEG of the first size. With `mediaBase` (settings' `mediaBaseUrl`: media in a bucket) the
 * URLs point at the bucket instead of the site's `/media/`.
 *
 * @example
 * pictureOf(photo.derivatives, ['display', 'display2x'], DISPLAY_SIZES)?.sources.map((s) => s.type) // ['image/avif', 'image/webp']
 */
export function pictureOf(
  derivatives: readonly Derivative[] | null | undefined,
  names: readonly [DerivativeName, ...DerivativeName[]],
  sizes: string,
  mediaBase: string | null = null,
): PictureView | null {
  if (mediaBase !== null)
    derivatives = derivatives?.map((derivative) => ({ ...derivative, url: publicMediaUrl(derivative.url, mediaBase) }));
  const fallback = pickDerivative(derivatives, names[0], 'jpeg');
  if (fallback === null || fallback.width <= 0 || fallback.height <= 0) return null;
  const sources: PictureView['sources'] = [];
  const avif = srcsetFor(derivatives, 'avif', names);
  if (avif !== '') sources.push({ type: 'image/avif', srcset: avif });
  const webp = srcsetFor(derivatives, 'webp', names);
  if (webp !== '') sources.push({ type: 'image/webp', srcset: webp });
  return {
    sources,
    src: fallback.url,
    srcset: srcsetFor(derivatives, 'jpeg', names),
    width: fallback.width,
    height: fallback.height,
    sizes,
  };
}
