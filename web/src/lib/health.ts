import { StrapiUnavailableError, type StrapiClient } from './strapi-client';

/** Where monitors and the reverse proxy ask whether the site can serve pages. */
export const HEALTH_PATH = '/healthz';
/** A health check answers within this long, whatever Strapi does. */
export const HEALTH_TIMEOUT_MS = 2000;

export interface Health {
  status: 200 | 503;
  body: {
    status: 'ok' | 'unavailable';
    /** Strapi answered HTTP at all. */
    strapi: 'ok' | 'unreachable' | 'failing';
    /** A query that reads the database came back. */
    database: 'ok' | 'unknown' | 'failing';
    durationMs: number;
    reason?: string;
  };
}

/**
 * Whether the site can serve pages: one uncached read of the species table through Strapi's REST API with the site's
 * own token (Strapi reachable, the token accepted, the database answering), within HEALTH_TIMEOUT_MS.
 */
export async function checkHealth(client: StrapiClient, timeoutMs = HEALTH_TIMEOUT_MS): Promise<Health> {
  const started = performance.now();
  const elapsed = () => Math.round((performance.now() - started) * 10) / 10;
  try {
    await client.get('/api/species-list', { fields: ['commonName'], pagination: { page: 1, pageSize: 1, withCount: false } }, { fresh: true, signal: AbortSignal.timeout(timeoutMs) });
    return { status: 200, body: { status: 'ok', strapi: 'ok', database: 'ok', durationMs: elapsed() } };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const unreachable = error instanceof StrapiUnavailableError && (error.reason === 'network' || error.reason === 'timeout');
    return {
      status: 503,
      body: { status: 'unavailable', strapi: unreachable ? 'unreachable' : 'failing', database: unreachable ? 'unknown' : 'failing', durationMs: elapsed(), reason },
    };
  }
}
