import { MEDIA_URL_PREFIX } from './derivative-spec.js';

/**
 * Where the media is read from: the site's own `/media/` route (the default, files under `MEDIA_DIR`) or the
 * public URL of an S3-compatible bucket. The bucket mirrors `MEDIA_DIR`'s layout under an optional key prefix
 * (`uploads/…` originals, `derivatives/ab/<sha256>/…`), so a photo's stored `derivatives[].url` stays the same
 * site path wherever the files live, and moving from disk to a bucket copies files without rewriting any photo.
 */

/**
 * A key prefix as the bucket's objects carry it: no leading slash, one trailing slash, `''` for none. Throws for a
 * prefix with `..` or characters other than letters, digits, `.`, `_`, `-` and `/`.
 *
 * @example
 * objectKeyPrefix('/plumage/prod') // 'plumage/prod/'
 * objectKeyPrefix(undefined) // ''
 */
export function objectKeyPrefix(prefix: string | null | undefined): string {
  const trimmed = (prefix ?? '').trim().replace(/^\/+|\/+$/g, '');
  if (trimmed === '') return '';
  if (!/^[A-Za-z0-9._\-/]+$/.test(trimmed) || trimmed.split('/').some((part) => part === '' || part === '.' || part === '..')) {
    throw new TypeError(`S3_PREFIX must be plain path segments (letters, digits, . _ - and /), not ${JSON.stringify(prefix)}`);
  }
  return `${trimmed}/`;
}

/**
 * The public base URL that `/media/` stands for when media lives in a bucket: `publicUrl` (the bucket's or its
 * CDN's address) joined with the key prefix, ending in `/`.
 *
 * @example
 * mediaBaseUrl('https://cdn.example.org/', 'plumage/') // 'https://cdn.example.org/plumage/'
 */
export function mediaBaseUrl(publicUrl: string, prefix: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/${objectKeyPrefix(prefix)}`;
}

/**
 * A media URL as visitors fetch it: a site path under `/media/` moved onto `base` (from `mediaBaseUrl`), anything
 * else (or every URL when `base` is null: media served from disk) unchanged.
 *
 * @example
 * publicMediaUrl('/media/derivatives/e9/e94c…/thumb.avif', 'https://cdn.example.org/') // 'https://cdn.example.org/derivatives/e9/e94c…/thumb.avif'
 * publicMediaUrl('/media/derivatives/e9/e94c…/thumb.avif', null) // '/media/derivatives/e9/e94c…/thumb.avif'
 */
export function publicMediaUrl(url: string, base: string | null): string {
  if (base === null || !url.startsWith(MEDIA_URL_PREFIX)) return url;
  return base + url.slice(MEDIA_URL_PREFIX.length);
}
