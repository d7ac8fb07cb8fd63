/**
 * The site keeps Strapi's answers in memory; when content changes it must forget them. The CMS
 * tells it after every write to a photo or species (fire and forget: a site that is down has no
 * cache to empty, and a write never waits on it for more than a moment).
 */
const WRITES = new Set(['create', 'update', 'delete', 'publish', 'unpublish', 'discardDraft', 'clone']);
const CONTENT = new Set(['api::photo.photo', 'api::species.species']);

export function siteUrl(): string {
  return process.env.WEB_INTERNAL_URL || `http://${process.env.HOST || '127.0.0.1'}:${process.env.WEB_PORT || '4321'}`;
}

export async function purgeSiteCache(log?: { warn(msg: string): void }): Promise<void> {
  const headers: Record<string, string> = {};
  if (process.env.CACHE_PURGE_SECRET) headers['x-purge-secret'] = process.env.CACHE_PURGE_SECRET;
  try {
    await fetch(`${siteUrl()}/_cache/purge`, { method: 'POST', headers, signal: AbortSignal.timeout(1500) });
  } catch (error) {
    log?.warn(`Could not tell the site to empty its cache (${(error as Error).message}); it expires on its own.`);
  }
}

export function siteCacheMiddleware(log?: { warn(msg: string): void }) {
  return async (ctx: { uid: string; action: string }, next: () => Promise<unknown>): Promise<unknown> => {
    const result = await next();
    if (CONTENT.has(ctx.uid) && WRITES.has(ctx.action)) void purgeSiteCache(log);
    return result;
  };
}
