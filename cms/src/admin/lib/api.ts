/**
 * The admin pages' calls: the project's admin routes (/add-photos/..., see
 * cms/src/photos/admin-routes.ts) and the content manager's own, through Strapi's fetch client
 * (it signs each call with the admin session and renews an expired one).
 */
import { isFetchError, type FetchClient } from '@strapi/strapi/admin';
import type { CreatedPhoto, FailedCall } from '../add-photos/batch';

export const PHOTO_UID = 'api::photo.photo';
export const SPECIES_UID = 'api::species.species';

/** Where the content manager edits a photo, relative to the admin root (for react-router links). */
export function photoEditPath(documentId: string): string {
  return `/content-manager/collection-types/${PHOTO_UID}/${documentId}`;
}

interface SpeciesPage {
  results?: Array<{ documentId: string; commonName: string; scientificName?: string | null }>;
  pagination?: { pageCount?: number };
}

export interface SpeciesOption {
  documentId: string;
  commonName: string;
  scientificName: string | null;
}

/** Every species, by common name (a collection holds hundreds, not millions: one page of 100 after another). */
export async function loadSpecies(client: FetchClient): Promise<SpeciesOption[]> {
  const all: SpeciesOption[] = [];
  for (let page = 1; ; page += 1) {
    const { data } = await client.get<SpeciesPage>(`/content-manager/collection-types/${SPECIES_UID}`, {
      params: { page, pageSize: 100, sort: 'commonName:ASC' },
    });
    for (const row of data.results ?? []) {
      all.push({ documentId: row.documentId, commonName: row.commonName, scientificName: row.scientificName ?? null });
    }
    if (page >= (data.pagination?.pageCount ?? 1)) return all;
  }
}

/** A failed call in the shape batch.ts reads. */
export function asFailedCall(error: unknown): FailedCall {
  if (isFetchError(error)) {
    const body = (error.response?.data ?? {}) as { error?: FailedCall['error'] };
    return { httpStatus: error.status ?? undefined, error: body.error ?? null };
  }
  return { networkMessage: error instanceof Error ? error.message : String(error) };
}

/** One file of an Add photos batch through the pipeline. */
export async function sendPhoto(
  client: FetchClient,
  input: { file: File; species: string[]; status: 'draft' | 'published' },
): Promise<CreatedPhoto> {
  const form = new FormData();
  form.append('file', input.file, input.file.name);
  form.append('data', JSON.stringify({ species: input.species }));
  const { data } = await client.post<{ data: CreatedPhoto }>(`/add-photos/photos?status=${input.status}`, form);
  return data.data;
}

/** "Replace image": a new original for the photo's draft. */
export async function replaceImage(client: FetchClient, documentId: string, file: File): Promise<void> {
  const form = new FormData();
  form.append('file', file, file.name);
  await client.post(`/add-photos/photos/${documentId}/image`, form);
}

/** "Read the file again": the pipeline reads the stored original once more. */
export async function readFileAgain(client: FetchClient, documentId: string): Promise<void> {
  await client.post(`/add-photos/photos/${documentId}/read-again`, {});
}

/** The display JPEG of the draft as a blob (an <img> cannot send the admin session itself). */
export async function loadPreview(client: FetchClient, documentId: string): Promise<Blob | null> {
  try {
    const { data } = await client.get(`/add-photos/photos/${documentId}/preview`, { responseType: 'blob' });
    return data;
  } catch (error) {
    if (isFetchError(error) && error.status === 404) return null;
    throw error;
  }
}

/** The species names of some photos (a list page's), by photo documentId. */
export async function loadPhotoSpecies(client: FetchClient, documentIds: string[]): Promise<Record<string, string[]>> {
  const { data } = await client.get<{ data: Record<string, string[]> }>('/add-photos/photo-species', {
    params: { documentIds: documentIds.map(encodeURIComponent).join(',') },
  });
  return data.data;
}

/** Photos per species documentId. */
export async function loadSpeciesCounts(client: FetchClient): Promise<Record<string, number>> {
  const { data } = await client.get<{ data: Record<string, number> }>('/add-photos/species-counts');
  return data.data;
}
