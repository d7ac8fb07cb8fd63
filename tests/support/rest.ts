/** The REST calls a script makes, for tests: upload, species, photos. */
import fs from 'node:fs';
import type { RunningCms } from './cms';

export interface ApiAnswer<T = any> {
  status: number;
  body: T;
}

export async function api<T = any>(cms: Pick<RunningCms, 'url' | 'token'>, method: string, pathAndQuery: string, body?: unknown): Promise<ApiAnswer<T>> {
  const init: RequestInit = { method, headers: { Authorization: `Bearer ${cms.token}` } };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    init.body = JSON.stringify(body);
    (init.headers as Record<string, string>)['Content-Type'] = 'application/json';
  }
  const res = await fetch(`${cms.url}${pathAndQuery}`, init);
  const text = await res.text();
  let parsed: any = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: parsed };
}

/** POST /api/upload with one file; the answer's body is the list of stored files (or the error). */
export async function uploadFile(cms: Pick<RunningCms, 'url' | 'token'>, file: Buffer | string, fileName: string, mime = 'image/jpeg'): Promise<ApiAnswer> {
  const bytes = typeof file === 'string' ? fs.readFileSync(file) : file;
  const form = new FormData();
  form.append('files', new Blob([bytes], { type: mime }), fileName);
  return api(cms, 'POST', '/api/upload', form);
}

/** The species' documentIds, creating those that do not exist yet (matched without regard to case). */
export async function ensureSpecies(cms: Pick<RunningCms, 'url' | 'token'>, names: string[], extra: Record<string, Record<string, unknown>> = {}): Promise<string[]> {
  const ids: string[] = [];
  for (const commonName of names) {
    const q = new URLSearchParams({ 'filters[commonName][$eqi]': commonName });
    const found = await api(cms, 'GET', `/api/species-list?${q}`);
    if (found.body?.data?.length) {
      ids.push(found.body.data[0].documentId);
      continue;
    }
    const made = await api(cms, 'POST', '/api/species-list', { data: { commonName, ...(extra[commonName] ?? {}) } });
    if (made.status !== 201) throw new Error(`creating species ${commonName}: ${made.status} ${JSON.stringify(made.body)}`);
    ids.push(made.body.data.documentId);
  }
  return ids;
}

export interface NewPhoto {
  file: Buffer | string;
  fileName: string;
  species?: string[];
  title?: string;
  location?: string;
  caption?: string;
  publish?: boolean;
  fields?: Record<string, unknown>;
}

/** Uploads an image and creates a photo with it, the two calls a script makes; throws on any refusal. */
export async function uploadPhoto(cms: Pick<RunningCms, 'url' | 'token'>, photo: NewPhoto): Promise<any> {
  const answer = await createPhotoAnswer(cms, photo);
  if (answer.status !== 200 && answer.status !== 201) throw new Error(`creating photo ${photo.fileName}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.data;
}

/** Like uploadPhoto but returns the answer of whichever call refused, for tests of refusals. */
export async function createPhotoAnswer(cms: Pick<RunningCms, 'url' | 'token'>, photo: NewPhoto): Promise<ApiAnswer> {
  const uploaded = await uploadFile(cms, photo.file, photo.fileName);
  if (uploaded.status !== 201 && uploaded.status !== 200) return uploaded;
  const speciesIds = photo.species ? await ensureSpecies(cms, photo.species) : [];
  const status = photo.publish === false ? '' : '?status=published';
  return api(cms, 'POST', `/api/photos${status}`, {
    data: {
      image: uploaded.body[0].id,
      species: speciesIds,
      title: photo.title,
      location: photo.location,
      caption: photo.caption,
      ...photo.fields,
    },
  });
}

/** The multipart body of `POST /api/photos/ingest` (one call: the original and the photo's fields as JSON). */
export function ingestForm(file: Buffer, fileName: string, data: Record<string, unknown>, mime = 'image/jpeg'): FormData {
  const form = new FormData();
  form.append('file', new Blob([file], { type: mime }), fileName);
  form.append('data', JSON.stringify(data));
  return form;
}

/** Registers the first admin (POST /admin/register-admin, what the admin's welcome page does); the admin's JWT. */
export async function registerFirstAdmin(cms: Pick<RunningCms, 'url'>, admin: { email: string; password: string; firstname: string }): Promise<string> {
  const registered = await fetch(`${cms.url}/admin/register-admin`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(admin),
  });
  if (registered.status !== 200) throw new Error(`registering the first admin: ${registered.status} ${await registered.text()}`);
  return (await registered.json()).data.token;
}
