import type { APIContext } from 'astro';
import {
  clearSelection,
  criterionFromRemoveValue,
  narrowSelection,
  normaliseSpeciesWord,
  removeCriterion,
  type SelectionCriterion,
} from '@plumage/shared';
import { settings } from './settings';
import { writeNoticeCookie, writeSelectionCookie } from './selection-cookie';

/** Form posts are a few short fields; anything bigger is not the site's form. */
export const MAX_FORM_BYTES = 8 * 1024;

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];

/** `POST /selection`: narrows the selection by the fields given (species, year, month), then 303 to the gallery. */
export async function narrowAction(context: APIContext): Promise<Response> {
  const form = await readForm(context.request);
  if (form instanceof Response) return form;
  const { selection, rejected } = narrowSelection(context.locals.selection, {
    species: textField(form, 'species'),
    year: textField(form, 'year'),
    month: textField(form, 'month'),
  });
  const { secure } = settings();
  writeSelectionCookie(context.cookies, selection, secure);
  writeNoticeCookie(context.cookies, rejected, secure);
  return seeGallery();
}

/** `POST /selection/clear`: the whole collection again, 303 to the gallery. */
export function clearAction(context: APIContext): Response {
  writeSelectionCookie(context.cookies, clearSelection(), settings().secure);
  return seeGallery();
}

/**
 * `POST /selection/remove`: removes one criterion, given as `kind` (`species`, `year`, `month`) with `word` for a
 * species, or as a chip's `criterion` value (`species:owl`, `year`, `month`); 303 to the gallery.
 */
export async function removeAction(context: APIContext): Promise<Response> {
  const form = await readForm(context.request);
  if (form instanceof Response) return form;
  const criterion = criterionFromForm(form);
  if (criterion === null) return plain(400, 'Nothing to remove: give kind=species with a word, kind=year or kind=month.');
  writeSelectionCookie(context.cookies, removeCriterion(context.locals.selection, criterion), settings().secure);
  return seeGallery();
}

/**
 * The criterion a remove form names, or null.
 *
 * @example
 * criterionFromForm(new URLSearchParams('kind=species&word=Yellow')) // { kind: 'species', word: 'yellow' }
 * criterionFromForm(new URLSearchParams('criterion=month')) // { kind: 'month' }
 */
export function criterionFromForm(form: Pick<URLSearchParams, 'get'> | Pick<FormData, 'get'>): SelectionCriterion | null {
  const kind = textField(form, 'kind');
  if (kind === 'year' || kind === 'month') return { kind };
  if (kind === 'species') {
    const word = normaliseSpeciesWord(textField(form, 'word'));
    return word === null ? null : { kind: 'species', word };
  }
  return criterionFromRemoveValue(textField(form, 'criterion'));
}

/** The posted form, or the response refusing it (wrong content type, too large, unreadable). */
export async function readForm(request: Request): Promise<FormData | Response> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!FORM_TYPES.includes(type)) return plain(415, 'Send the form as application/x-www-form-urlencoded or multipart/form-data.');
  const length = Number(request.headers.get('content-length') ?? '0');
  if (!Number.isFinite(length) || length > MAX_FORM_BYTES) return plain(413, 'The form is too large.');
  try {
    const body = await readAtMost(request, MAX_FORM_BYTES);
    if (body === null) return plain(413, 'The form is too large.');
    return await new Response(body, { headers: { 'content-type': request.headers.get('content-type') ?? type } }).formData();
  } catch {
    return plain(400, 'The form could not be read.');
  }
}

// Reads the body without ever holding more than `limit` bytes (a chunked body says no length up front).
async function readAtMost(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer> | null> {
  if (request.body === null) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const body: Uint8Array<ArrayBuffer> = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

function textField(form: Pick<URLSearchParams, 'get'> | Pick<FormData, 'get'>, name: string): string | null {
  const value = form.get(name);
  return typeof value === 'string' ? value : null;
}

function seeGallery(): Response {
  return new Response(null, { status: 303, headers: { Location: '/', 'Cache-Control': 'no-store' } });
}

function plain(status: number, message: string): Response {
  return new Response(`${message}\n`, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}
