import { defineMiddleware, sequence } from 'astro:middleware';
import { isPurgeAllowed, PURGE_PATH } from './lib/cache-purge';
import { isSameOriginRequest } from './lib/csrf';
import { accessLogEntry, logger } from './lib/logger';
import { HEALTH_PATH } from './lib/health';
import { isScannerProbe } from './lib/scanner-probes';
import { readOrderCookie, readSelectionCookie } from './lib/selection-cookie';
import { securityHeaders, withHeaders } from './lib/security-headers';
import { settings } from './lib/settings';
import { strapi } from './lib/strapi';
import { visitorAddress } from './lib/visitor-address';

/**
 * Paths only scanners ask for (`/wp-login.php`, `/.env`, `/.git/config`): a plain 404 before any page runs, so a scan
 * never reaches Strapi. One log line each with the source address, for `npm run logs:probes`.
 */
const scannerProbes = defineMiddleware((context, next) => {
  if (!isScannerProbe(context.url.pathname)) return next();
  const entry = accessLogEntry(context.request.method, context.url, 404, 0);
  logger().info({ ...entry, probe: true, ip: visitorAddress(context.request.headers, socketAddress(context)) }, 'probe');
  return plain(404, 'Not found.', { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
});

/** One JSON line per request: method, path, status, duration. */
const accessLog = defineMiddleware(async (context, next) => {
  const started = performance.now();
  try {
    const response = await next();
    const entry = accessLogEntry(context.request.method, context.url, response.status, performance.now() - started);
    // A monitor asks for /healthz every few seconds: only its failures belong in the log at info.
    if (context.url.pathname === HEALTH_PATH && response.ok) logger().debug(entry, 'request');
    else logger().info(entry, 'request');
    return response;
  } catch (error) {
    // Astro answers with the 500 page, which passes through here again and is logged then.
    logger().error({ path: context.url.pathname, err: error }, 'request failed');
    throw error;
  }
});

/** CSP, nosniff, referrer policy, no framing, HSTS on https; pages vary with the selection cookie. */
const headers = defineMiddleware(async (_context, next) => {
  const response = await next();
  const { secure, mediaBaseUrl } = settings();
  const extra = securityHeaders(secure, mediaBaseUrl === null ? null : new URL(mediaBaseUrl).origin);
  if ((response.headers.get('content-type') ?? '').startsWith('text/html') && !response.headers.has('cache-control')) {
    extra['Cache-Control'] = 'private, no-cache';
    extra.Vary = 'Cookie';
  }
  return withHeaders(response, extra);
});

/** `POST /_cache/purge`: the CMS says content changed. Guarded by CACHE_PURGE_SECRET, or loopback only. */
const cachePurge = defineMiddleware((context, next) => {
  if (context.url.pathname !== PURGE_PATH) return next();
  if (context.request.method !== 'POST') return plain(405, 'Use POST.', { Allow: 'POST' });
  if (!isPurgeAllowed(context.request.headers, socketAddress(context), settings().cachePurgeSecret)) return plain(403, 'Not allowed.');
  strapi().purge();
  logger().info('cache purged');
  return new Response(null, { status: 204 });
});

/** Form posts must come from a page of the site itself (PUBLIC_URL's origin). */
const csrf = defineMiddleware((context, next) => {
  if (isSameOriginRequest(context.request.method, context.request.headers, settings().publicOrigin)) return next();
  logger().warn({ method: context.request.method, path: context.url.pathname }, 'cross-origin request refused');
  return plain(403, 'This form must be sent from the site itself.');
});

/** The visitor's selection and order from their cookies, and the request's budget for Strapi. */
const visitorState = defineMiddleware((context, next) => {
  context.locals.selection = readSelectionCookie(context.cookies);
  context.locals.order = readOrderCookie(context.cookies);
  context.locals.deadline = AbortSignal.timeout(settings().strapiTimeoutMs);
  return next();
});

/** The address of the socket's peer (the reverse proxy in production), or null when the adapter cannot say. */
function socketAddress(context: { clientAddress: string }): string | null {
  try {
    return context.clientAddress;
  } catch {
    return null;
  }
}

function plain(status: number, message: string, extra: Record<string, string> = {}): Response {
  return new Response(`${message}\n`, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...extra } });
}

export const onRequest = sequence(scannerProbes, accessLog, headers, cachePurge, csrf, visitorState);
