import { defineMiddleware, sequence } from 'astro:middleware';
import { isPurgeAllowed, PURGE_PATH } from './lib/cache-purge';
import { isSameOriginRequest } from './lib/csrf';
import { accessLogEntry, logger } from './lib/logger';
import { readOrderCookie, readSelectionCookie } from './lib/selection-cookie';
import { securityHeaders, withHeaders } from './lib/security-headers';
import { settings } from './lib/settings';
import { strapi } from './lib/strapi';

/** One JSON line per request: method, path, status, duration. */
const accessLog = defineMiddleware(async (context, next) => {
  const started = performance.now();
  try {
    const response = await next();
    logger().info(accessLogEntry(context.request.method, context.url, response.status, performance.now() - started), 'request');
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
  let clientAddress: string | null = null;
  try {
    clientAddress = context.clientAddress;
  } catch {
    clientAddress = null;
  }
  if (!isPurgeAllowed(context.request.headers, clientAddress, settings().cachePurgeSecret)) return plain(403, 'Not allowed.');
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

function plain(status: number, message: string, extra: Record<string, string> = {}): Response {
  return new Response(`${message}\n`, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...extra } });
}

export const onRequest = sequence(accessLog, headers, cachePurge, csrf, visitorState);
