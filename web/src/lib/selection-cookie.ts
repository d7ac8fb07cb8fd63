import type { AstroCookies, AstroCookieSetOptions } from 'astro';
import {
  isEmptySelection,
  parseSelection,
  serializeSelection,
  type Selection,
  type SelectionField,
} from '@plumage/shared';
import { DEFAULT_ORDER, parseOrder, type PhotoOrder } from './photo-order';

/** The visitor's selection (`v1.` + base64url JSON, see `serializeSelection`). */
export const SELECTION_COOKIE = 'plumage_selection';
/** The order the visitor chose for the gallery (`newest` or `field-guide`). */
export const ORDER_COOKIE = 'plumage_order';
/** What the last narrowing refused, shown once on the gallery (`rejected:species,month`). */
export const NOTICE_COOKIE = 'plumage_notice';

const KEEP_SECONDS = 60 * 60 * 24 * 30;
const NOTICE_SECONDS = 60;
const FIELDS: readonly SelectionField[] = ['species', 'year', 'month'];

/**
 * The attributes every cookie of the site gets: HttpOnly, SameSite=Lax, path /, Secure when the site is https.
 *
 * @example
 * cookieOptions(true, 60) // { httpOnly: true, sameSite: 'lax', path: '/', secure: true, maxAge: 60 }
 */
export function cookieOptions(secure: boolean, maxAge: number = KEEP_SECONDS): AstroCookieSetOptions {
  return { httpOnly: true, sameSite: 'lax', path: '/', secure, maxAge };
}

/** The visitor's selection; anything but a cookie the site wrote counts as the empty selection. */
export function readSelectionCookie(cookies: AstroCookies): Selection {
  return parseSelection(cookies.get(SELECTION_COOKIE)?.value);
}

/** Stores the selection, or removes the cookie when the selection is empty. */
export function writeSelectionCookie(cookies: AstroCookies, selection: Selection, secure: boolean): void {
  if (isEmptySelection(selection)) cookies.delete(SELECTION_COOKIE, { path: '/' });
  else cookies.set(SELECTION_COOKIE, serializeSelection(selection), cookieOptions(secure));
}

export function readOrderCookie(cookies: AstroCookies): PhotoOrder {
  return parseOrder(cookies.get(ORDER_COOKIE)?.value) ?? DEFAULT_ORDER;
}

export function writeOrderCookie(cookies: AstroCookies, order: PhotoOrder, secure: boolean): void {
  if (order === DEFAULT_ORDER) cookies.delete(ORDER_COOKIE, { path: '/' });
  else cookies.set(ORDER_COOKIE, order, cookieOptions(secure));
}

/**
 * The notice cookie's value for refused fields.
 *
 * @example
 * noticeValue(['species', 'month']) // 'rejected:species,month'
 */
export function noticeValue(rejected: readonly SelectionField[]): string {
  return `rejected:${FIELDS.filter((field) => rejected.includes(field)).join(',')}`;
}

/**
 * The refused fields a notice cookie names; only known field names count.
 *
 * @example
 * parseNotice('rejected:species,month') // ['species', 'month']
 * parseNotice('rejected:<script>') // []
 */
export function parseNotice(value: string | null | undefined): SelectionField[] {
  if (typeof value !== 'string' || !value.startsWith('rejected:') || value.length > 64) return [];
  const named = value.slice('rejected:'.length).split(',');
  return FIELDS.filter((field) => named.includes(field));
}

/** Leaves a one-time notice of refused fields for the next gallery page. */
export function writeNoticeCookie(cookies: AstroCookies, rejected: readonly SelectionField[], secure: boolean): void {
  if (rejected.length === 0) return;
  cookies.set(NOTICE_COOKIE, noticeValue(rejected), cookieOptions(secure, NOTICE_SECONDS));
}

/** Reads the notice and removes it, so it is shown once. */
export function takeNoticeCookie(cookies: AstroCookies): SelectionField[] {
  const cookie = cookies.get(NOTICE_COOKIE);
  if (cookie === undefined) return [];
  cookies.delete(NOTICE_COOKIE, { path: '/' });
  return parseNotice(cookie.value);
}
