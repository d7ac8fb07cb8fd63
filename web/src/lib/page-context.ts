import type { AstroCookies } from 'astro';
import { StrapiUnavailableError } from './strapi-client';
import { logger } from './logger';

/** What a page helper reads from `Astro`: the URL, the cookies and what the middleware put in locals. */
export interface PageContext {
  url: URL;
  cookies: AstroCookies;
  locals: App.Locals;
}

/** A page whose content could not be read: the page answers 503 and says so. */
export interface UnavailableView {
  kind: 'unavailable';
  status: 503;
}

/** A page of something that does not exist: 404. */
export interface NotFoundView {
  kind: 'not-found';
  status: 404;
}

export const UNAVAILABLE: UnavailableView = Object.freeze({ kind: 'unavailable', status: 503 });
export const NOT_FOUND: NotFoundView = Object.freeze({ kind: 'not-found', status: 404 });

/** The view `load` makes, or the unavailable view when Strapi is down, slow or refuses the token; other errors propagate. */
export async function unlessUnavailable<T>(load: () => Promise<T>): Promise<T | UnavailableView> {
  try {
    return await load();
  } catch (error) {
    if (!(error instanceof StrapiUnavailableError)) throw error;
    logger().warn({ reason: error.reason, err: { message: error.message } }, 'strapi unavailable');
    return UNAVAILABLE;
  }
}

const STATUS_TEXT: Record<number, string> = { 200: 'OK', 404: 'Not Found', 503: 'Service Unavailable' };

/**
 * Sets a page's status from its view: the code, its reason phrase, and for 503 a hint to retry in 30 seconds.
 *
 * @example
 * applyStatus(Astro.response, view);
 */
export function applyStatus(response: { status?: number; statusText?: string; headers: Headers }, view: { status: number }): void {
  response.status = view.status;
  response.statusText = STATUS_TEXT[view.status] ?? '';
  if (view.status === 503) response.headers.set('Retry-After', '30');
}

/**
 * A positive page number from `?page=`, 1 when absent or malformed.
 *
 * @example
 * pageNumber(new URLSearchParams('page=3')) // 3
 * pageNumber(new URLSearchParams('page=-1')) // 1
 */
export function pageNumber(params: URLSearchParams): number {
  const text = params.get('page')?.trim() ?? '';
  if (!/^\d{1,5}$/.test(text)) return 1;
  const page = Number(text);
  return page >= 1 ? page : 1;
}
