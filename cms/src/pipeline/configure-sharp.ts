import sharp from 'sharp';

/** sharp's process-wide settings for the CMS: memory before speed (ARCHITECTURE §3: a 24 MP upload peaks near 400 MB so). */
export const sharpSettings = Object.freeze({
  /** libvips' operation cache keeps decoded images around for reuse that an upload never has. */
  cache: false,
  /** Threads per image; uploads are rare and the host may have 1 GB of memory. */
  concurrency: 1,
});

/**
 * Applies `sharpSettings` (or the given ones) to sharp for the whole process; the app calls it once at boot.
 *
 * @example
 * configureSharp() // in Strapi's register()
 */
export function configureSharp(settings: { cache: boolean; concurrency: number } = sharpSettings): void {
  sharp.cache(settings.cache);
  sharp.concurrency(settings.concurrency);
}
