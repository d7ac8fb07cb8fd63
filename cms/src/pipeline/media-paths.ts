import { derivativeRelPath, type DerivativeFormat, type DerivativeName } from '@plumage/shared';
import { dirname, join, resolve } from 'node:path';

/** The folder under the media directory that holds every derivative, and nothing the pipeline did not make. */
export const derivativesFolderName = 'derivatives';

/**
 * Where one derivative file lives on disk.
 *
 * @example
 * derivativeFile('/srv/media', 'e94c…', 'thumb', 'avif') // '/srv/media/derivatives/e9/e94c…/thumb.avif'
 */
export function derivativeFile(mediaDir: string, sha256: string, name: DerivativeName, format: DerivativeFormat): string {
  return join(mediaDir, derivativeRelPath(sha256, name, format));
}

/**
 * The folder holding all derivatives of one original.
 *
 * @example
 * derivativeFolder('/srv/media', 'e94c…') // '/srv/media/derivatives/e9/e94c…'
 */
export function derivativeFolder(mediaDir: string, sha256: string): string {
  return dirname(derivativeFile(mediaDir, sha256, 'thumb', 'jpeg'));
}

/**
 * The absolute folder that every derivative sits under.
 *
 * @example
 * derivativesRoot('media') // '/srv/plumage/media/derivatives'
 */
export function derivativesRoot(mediaDir: string): string {
  return resolve(mediaDir, derivativesFolderName);
}
