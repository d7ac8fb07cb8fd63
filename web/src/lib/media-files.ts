import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';

/** Content types of the files the site serves from MEDIA_DIR/derivatives, by extension. */
export const DERIVATIVE_CONTENT_TYPES: Readonly<Record<string, string>> = {
  avif: 'image/avif',
  webp: 'image/webp',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
};

/** Derivatives are named by the original's hash: a URL always means the same bytes. */
export const IMMUTABLE_CACHE_CONTROL = 'public, max-age=31536000, immutable';

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const MAX_SEGMENTS = 8;

/**
 * The file a `/media/derivatives/<rest>` URL names, or null when `rest` is not a plain relative path to an image:
 * only letters, digits, `.`, `_` and `-` in each segment, no segment starting with a dot (so no `..`), no empty
 * segment, a known image extension. The result is always inside `derivativesDir`.
 *
 * @example
 * derivativePath('/srv/media/derivatives', 'ab/ab12/thumb.avif') // '/srv/media/derivatives/ab/ab12/thumb.avif'
 * derivativePath('/srv/media/derivatives', '../originals/x.jpg') // null
 * derivativePath('/srv/media/derivatives', 'ab/x.svg') // null
 */
export function derivativePath(derivativesDir: string, rest: string | undefined): string | null {
  if (!isDerivativeRest(rest)) return null;
  const root = path.resolve(derivativesDir);
  const file = path.resolve(root, ...rest.split('/'));
  return file.startsWith(root + path.sep) ? file : null;
}

/**
 * Whether the rest of a `/media/derivatives/<rest>` URL is a plain relative path to an image (see `derivativePath`).
 *
 * @example
 * isDerivativeRest('ab/ab12/thumb.avif') // true
 * isDerivativeRest('../x.jpg') // false
 */
export function isDerivativeRest(rest: string | undefined): rest is string {
  if (typeof rest !== 'string' || rest.length === 0 || rest.length > 512) return false;
  const segments = rest.split('/');
  return segments.length <= MAX_SEGMENTS && segments.every((segment) => SEGMENT.test(segment)) && contentTypeOf(rest) !== null;
}

/**
 * The content type for a derivative's name, or null for anything else.
 *
 * @example
 * contentTypeOf('thumb.jpg') // 'image/jpeg'
 * contentTypeOf('notes.txt') // null
 */
export function contentTypeOf(name: string): string | null {
  const extension = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
  return Object.hasOwn(DERIVATIVE_CONTENT_TYPES, extension) ? (DERIVATIVE_CONTENT_TYPES[extension] ?? null) : null;
}

/**
 * A response with the derivative's bytes and long-lived immutable caching, or a plain 404 when there is no such
 * regular file inside `derivativesDir` (symbolic links pointing outside it included).
 */
export async function serveDerivative(derivativesDir: string, rest: string | undefined, method: string): Promise<Response> {
  const file = derivativePath(derivativesDir, rest);
  if (file === null) return notFound();
  let stat: fs.Stats;
  let real: string;
  try {
    let realRoot: string;
    [real, realRoot] = await Promise.all([fs.promises.realpath(file), fs.promises.realpath(derivativesDir)]);
    if (!real.startsWith(realRoot + path.sep)) return notFound();
    stat = await fs.promises.stat(real);
    if (!stat.isFile()) return notFound();
  } catch {
    return notFound();
  }
  const headers = {
    'Content-Type': contentTypeOf(file) ?? 'application/octet-stream',
    'Content-Length': String(stat.size),
    'Cache-Control': IMMUTABLE_CACHE_CONTROL,
    'Last-Modified': stat.mtime.toUTCString(),
  };
  if (method === 'HEAD') return new Response(null, { status: 200, headers });
  const body = Readable.toWeb(fs.createReadStream(real)) as ReadableStream<Uint8Array>;
  return new Response(body, { status: 200, headers });
}

function notFound(): Response {
  return new Response('Not found\n', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
}
