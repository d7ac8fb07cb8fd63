/** What the tests ask the CMS after an import, over REST as a script would. */
import fs from 'node:fs';
import path from 'node:path';
import type { RunningCms } from '../support/cms';

/**
 * One REST call with the test's full-access token; the parsed body. (Like tests/support/rest.ts's
 * `api`, which does not pass this project's strict type check: `new Blob([buffer])`.)
 */
export async function api(cms: Pick<RunningCms, 'url' | 'token'>, method: string, pathAndQuery: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${cms.url}${pathAndQuery}`, {
    method,
    headers: { Authorization: `Bearer ${cms.token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** The species' documentIds, creating those the CMS does not have (matched without regard to case). */
export async function ensureSpecies(cms: Pick<RunningCms, 'url' | 'token'>, names: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const commonName of names) {
    const found = await api(cms, 'GET', `/api/species-list?filters[commonName][$eqi]=${encodeURIComponent(commonName)}`);
    if (found.body.data.length > 0) ids.push(found.body.data[0].documentId);
    else ids.push((await api(cms, 'POST', '/api/species-list', { data: { commonName } })).body.data.documentId);
  }
  return ids;
}

export interface StoredPhoto {
  documentId: string;
  title: string | null;
  caption: string | null;
  location: string | null;
  takenYear: number | null;
  takenMonth: number | null;
  sha256: string;
  publishedAt: string | null;
  latitude: number | null;
  species: Array<{ commonName: string }>;
  image?: { id: number };
}

/** Every published photo with its species and image, keyed by sha256. */
export async function publishedPhotos(cms: RunningCms): Promise<Map<string, StoredPhoto>> {
  const out = new Map<string, StoredPhoto>();
  for (let page = 1; ; page++) {
    const res = await api(cms, 'GET', `/api/photos?populate[species][fields][0]=commonName&populate[image][fields][0]=name&pagination[pageSize]=100&pagination[page]=${page}`);
    for (const photo of res.body.data as StoredPhoto[]) out.set(photo.sha256, photo);
    if (page >= res.body.meta.pagination.pageCount) return out;
  }
}

export async function countDraftPhotos(cms: RunningCms): Promise<number> {
  const res = await api(cms, 'GET', '/api/photos?status=draft&pagination[pageSize]=1');
  return res.body.meta.pagination.total;
}

export async function speciesNames(cms: RunningCms): Promise<string[]> {
  const res = await api(cms, 'GET', '/api/species-list?pagination[pageSize]=100&sort=commonName');
  return res.body.data.map((s: { commonName: string }) => s.commonName);
}

export async function speciesByName(cms: RunningCms, name: string): Promise<Record<string, unknown> | null> {
  const res = await api(cms, 'GET', `/api/species-list?filters[commonName][$eqi]=${encodeURIComponent(name)}`);
  return res.body.data[0] ?? null;
}

interface LibraryFile {
  id: number;
  name: string;
  hash: string;
  ext: string;
  formats: Record<string, { hash: string; ext: string }> | null;
}

/**
 * Files in the media library (REST), the names they stand for on disk (the original and any
 * format Strapi made of it, e.g. its thumbnail), and what MEDIA_DIR/uploads really holds.
 */
export async function mediaLibrary(cms: RunningCms): Promise<{ files: LibraryFile[]; expectedOnDisk: string[]; onDisk: string[] }> {
  const res = await api(cms, 'GET', '/api/upload/files');
  const files = res.body as LibraryFile[];
  const expectedOnDisk = files.flatMap((file) => [`${file.hash}${file.ext}`, ...Object.values(file.formats ?? {}).map((f) => `${f.hash}${f.ext}`)]).sort();
  const dir = path.join(cms.mediaDir, 'uploads');
  return { files, expectedOnDisk, onDisk: fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [] };
}
