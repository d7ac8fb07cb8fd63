/**
 * The site keeps Strapi's answers in memory; when content changes it must forget them. The CMS
 * tells it after every write to a photo or species (fire and forget: a site that is down has no
 * cache to empty, and a write never waits on it for more than a moment).
 *
 * Several web processes each have a cache of their own, and every one must be told. The CMS
 * posts the purge to each of them (`siteUrls`: one web process per port, or per host), instead of:
 * - one address behind PM2's cluster mode or the proxy: a request reaches one process, so the
 *   others would show old content until their entries expire (CACHE_TTL_MS, 5 minutes);
 * - PM2's process messaging: ties the site to PM2 and never reaches another host;
 * - a content version each page asks the CMS for: one more Strapi request per page view, for
 *   what happens a few times a day.
 * A process that misses a purge because it was down starts with an empty cache; one that misses
 * it through a network failure is named in a warning and is stale until its entries expire.
 */
const WRITES = new Set(['create', 'update', 'delete', 'publish', 'unpublish', 'discardDraft', 'clone']);
const CONTENT = new Set(['api::photo.photo', 'api::species.species']);

type Log = { warn(msg: string): void };

/**
 * Every web process to tell: the addresses in WEB_INTERNAL_URL (separated by commas or spaces), or else
 * WEB_INSTANCES processes on HOST at WEB_PORT, WEB_PORT + 1, … (PM2's `instances` with `increment_var: 'PORT'`).
 *
 * @example
 * siteUrls({ WEB_INTERNAL_URL: 'http://10.0.0.5:4321, http://10.0.0.6:4321/' }) // ['http://10.0.0.5:4321', 'http://10.0.0.6:4321']
 * siteUrls({ WEB_PORT: '4321', WEB_INSTANCES: '2' }) // ['http://127.0.0.1:4321', 'http://127.0.0.1:4322']
 */
export function siteUrls(env: NodeJS.ProcessEnv = process.env): string[] {
  const listed = (env.WEB_INTERNAL_URL ?? '').split(/[\s,]+/).filter((url) => url !== '');
  if (listed.length > 0) return [...new Set(listed.map((url) => url.replace(/\/+$/, '')))];
  const host = env.HOST && env.HOST !== '0.0.0.0' && env.HOST !== '::' ? env.HOST : '127.0.0.1';
  const port = Number(env.WEB_PORT || 4321);
  const instances = Math.max(1, Math.min(64, Math.trunc(Number(env.WEB_INSTANCES || 1)) || 1));
  return Array.from({ length: instances }, (_, i) => `http://${host.includes(':') ? `[${host}]` : host}:${port + i}`);
}

/** Posts the purge to every web process at once; resolves when all have answered or timed out. */
export async function purgeSiteCache(log?: Log): Promise<void> {
  const headers: Record<string, string> = {};
  if (process.env.CACHE_PURGE_SECRET) headers['x-purge-secret'] = process.env.CACHE_PURGE_SECRET;
  await Promise.all(
    siteUrls().map(async (url) => {
      try {
        const answer = await fetch(`${url}/_cache/purge`, { method: 'POST', headers, signal: AbortSignal.timeout(1500) });
        await answer.body?.cancel();
        if (answer.status !== 204) log?.warn(`The site at ${url} refused to empty its cache (HTTP ${answer.status}); check CACHE_PURGE_SECRET. Its pages expire on their own.`);
      } catch (error) {
        log?.warn(`Could not tell the site at ${url} to empty its cache (${(error as Error).message}); it expires on its own.`);
      }
    }),
  );
}

export function siteCacheMiddleware(log?: Log) {
  return async (ctx: { uid: string; action: string }, next: () => Promise<unknown>): Promise<unknown> => {
    const result = await next();
    if (CONTENT.has(ctx.uid) && WRITES.has(ctx.action)) void purgeSiteCache(log);
    return result;
  };
}
