import { ResponseCache } from './cache';
import { logger } from './logger';
import { settings } from './settings';
import { createStrapiClient, tokenSource, type StrapiClient } from './strapi-client';

/** How many distinct Strapi answers the site keeps, and for how long at most (purges empty it sooner). */
export const CACHE_MAX_ENTRIES = 500;
export const CACHE_TTL_MS = 5 * 60 * 1000;

let client: StrapiClient | null = null;

/** The process's Strapi client, made from the settings on first use. */
export function strapi(): StrapiClient {
  if (client === null) {
    const { strapiUrl, strapiToken, tokenFile, strapiTimeoutMs } = settings();
    client = createStrapiClient({
      baseUrl: strapiUrl,
      token: tokenSource(strapiToken, tokenFile),
      timeoutMs: strapiTimeoutMs,
      cache: new ResponseCache<unknown>({ maxEntries: CACHE_MAX_ENTRIES, ttlMs: CACHE_TTL_MS }),
      onRequest: ({ path, status, durationMs }) =>
        logger().debug({ strapi: { path, status, durationMs: Math.round(durationMs * 10) / 10 } }, 'strapi request'),
    });
  }
  return client;
}
