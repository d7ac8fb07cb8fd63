import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { MEDIA_URL_PREFIX, pickDerivative, type Derivative } from '@plumage/shared';
import { derivativeStore } from '../media/media-store';
import { ingestPhoto } from './ingest';
import { requestRederive } from './document-middleware';

const PHOTO = 'api::photo.photo';
const SPECIES = 'api::species.species';

/** What the admin's Add photos page sends beside each file. */
export interface AdminPhotoFields {
  species: string[];
  title?: string;
}

/** The answer the admin pages need about a photo: enough to link to it and name it. */
export interface AdminPhotoSummary {
  documentId: string;
  title: string | null;
  status: 'draft' | 'published';
  species: string[];
}

/** The multipart `data` field of the admin routes: `{"species":["<documentId>"],"title":"…"}`, both optional. */
export function adminFieldsFromBody(body: Record<string, unknown> | undefined): AdminPhotoFields {
  const raw = body?.data;
  let parsed: unknown = {};
  if (typeof raw === 'string' && raw.trim() !== '') {
    try {
      parsed = JSON.parse(raw);
    } catch {
      parsed = null;
    }
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new errors.ValidationError('The "data" field must be a JSON object such as {"species":["<documentId>"]}.');
  }
  const { species = [], title } = parsed as Record<string, unknown>;
  if (!Array.isArray(species) || !species.every((s) => typeof s === 'string' && s !== '')) {
    throw new errors.ValidationError('"species" must be a list of species documentIds.');
  }
  if (title !== undefined && title !== null && typeof title !== 'string') throw new errors.ValidationError('"title" must be text.');
  return { species: [...new Set(species as string[])], ...(typeof title === 'string' && title.trim() !== '' ? { title: title.trim() } : {}) };
}

/** Every species named must exist: a batch silently losing its species would be worse than a refusal. */
async function checkSpeciesExist(strapi: Core.Strapi, species: string[]): Promise<void> {
  if (species.length === 0) return;
  const found = await strapi.db.query(SPECIES).findMany({ where: { documentId: { $in: species } }, select: ['documentId'] });
  const known = new Set(found.map((row: { documentId: string }) => row.documentId));
  const missing = species.filter((id) => !known.has(id));
  if (missing.length > 0) throw new errors.ValidationError(`The species ${missing.join(', ')} is not in the species list (deleted meanwhile?); pick another.`);
}

function summarise(photo: any, status: 'draft' | 'published'): AdminPhotoSummary {
  return {
    documentId: photo.documentId,
    title: photo.title ?? null,
    status,
    species: (photo.species ?? []).map((s: { commonName: string }) => s.commonName),
  };
}

/**
 * One file of an Add photos batch: the same path as the scripts' ingest (upload guard,
 * pipeline, duplicate refusal naming the existing photo), so a batch picked up again after
 * the page was closed finds the photos already made and adds nothing twice.
 */
export async function addPhotoFromAdmin(
  strapi: Core.Strapi,
  input: { file: unknown; fields: AdminPhotoFields; status: 'draft' | 'published' },
): Promise<AdminPhotoSummary> {
  await checkSpeciesExist(strapi, input.fields.species);
  const data: Record<string, unknown> = { species: input.fields.species };
  if (input.fields.title) data.title = input.fields.title;
  const photo = await ingestPhoto(strapi, { file: input.file, data, status: input.status });
  return summarise(photo, input.status);
}

async function requireDraft(strapi: Core.Strapi, documentId: string): Promise<any> {
  const draft = await strapi.documents(PHOTO).findOne({ documentId, status: 'draft', populate: { image: true, species: true } } as any);
  if (!draft) throw new errors.NotFoundError(`There is no photo ${documentId}; it may have been deleted.`);
  return draft;
}

/**
 * "Read the file again": the pipeline reads the stored original once more (a newer EXIF reader,
 * a file fixed on disk). Fields the owner corrected by hand stay as they are. The draft changes;
 * the owner publishes it when satisfied.
 */
export async function readFileAgain(strapi: Core.Strapi, documentId: string): Promise<AdminPhotoSummary> {
  const draft = await requireDraft(strapi, documentId);
  if (!draft.image) throw new errors.ValidationError('This photo has no image yet: add one first.');
  requestRederive(documentId);
  const updated = await strapi.documents(PHOTO).update({ documentId, data: {}, populate: { species: true } } as any);
  return summarise(updated, 'draft');
}

/**
 * Replaces the image of a photo with a new file: stored, run through the pipeline, set on the
 * draft. Refused (and the new file removed again) when the file is a duplicate or not an image.
 * The old original stays while the published version still shows it.
 */
export async function replacePhotoImage(strapi: Core.Strapi, documentId: string, file: unknown): Promise<AdminPhotoSummary> {
  const draft = await requireDraft(strapi, documentId);
  const single = Array.isArray(file) ? file : file ? [file] : [];
  if (single.length !== 1) throw new errors.ValidationError('Send exactly one image in the multipart field "file".');
  const upload = strapi.plugin('upload').service('upload');
  const [stored] = await upload.upload({ data: {}, files: single[0] });
  let updated: any;
  try {
    updated = await strapi.documents(PHOTO).update({ documentId, data: { image: stored.id }, populate: { species: true } } as any);
    // Deleted meanwhile (a delete raced this replace): the new file must not stay behind, belonging to nobody.
    if (!updated) throw new errors.NotFoundError(`There is no photo ${documentId}; it was deleted while its image was being replaced.`);
  } catch (error) {
    await upload.remove(stored);
    throw error;
  }
  const oldId = draft.image?.id;
  if (oldId && oldId !== stored.id) {
    const stillUsed = await strapi.db.query(PHOTO).count({ where: { image: { id: oldId } } });
    if (stillUsed === 0) {
      const old = await strapi.db.query('plugin::upload.file').findOne({ where: { id: oldId } });
      if (old) await upload.remove(old);
    }
  }
  return summarise(updated, 'draft');
}

/**
 * The display JPEG of the photo's draft, for the edit view's preview (the admin origin does not serve /media), read
 * from wherever derivatives are kept.
 */
export async function displayPreview(strapi: Core.Strapi, documentId: string): Promise<{ bytes: Buffer; type: string } | null> {
  const row = await strapi.db.query(PHOTO).findOne({ where: { documentId, publishedAt: null }, select: ['derivatives'] });
  const derivatives = (row?.derivatives ?? []) as Derivative[];
  const chosen = pickDerivative(derivatives, 'display', 'jpeg') ?? pickDerivative(derivatives, 'thumb', 'jpeg');
  if (!chosen?.url.startsWith(MEDIA_URL_PREFIX)) return null;
  const relPath = chosen.url.slice(MEDIA_URL_PREFIX.length);
  // Only what the pipeline names: derivatives/ab/<sha256>/<name>.jpg, never a path that climbs out.
  if (!/^derivatives\/[0-9a-f]{2}\/[0-9a-f]{64}\/[a-z0-9]+\.jpg$/.test(relPath)) return null;
  const bytes = await derivativeStore().read(relPath);
  return bytes === null ? null : { bytes, type: 'image/jpeg' };
}

/** Photos per species (documents, not draft and published rows), for the Species list. */
export async function photoCountsBySpecies(strapi: Core.Strapi): Promise<Record<string, number>> {
  const rows = await strapi.db.query(SPECIES).findMany({
    select: ['documentId'],
    populate: { photos: { select: ['documentId'] } },
  });
  const counts: Record<string, number> = {};
  for (const row of rows as Array<{ documentId: string; photos?: Array<{ documentId: string }> }>) {
    counts[row.documentId] = new Set((row.photos ?? []).map((p) => p.documentId)).size;
  }
  return counts;
}

/** Longest list of photos one call may ask about (a list page shows at most 100). */
export const MAX_PHOTOS_PER_SPECIES_QUERY = 100;

/**
 * The species names of the photos a list page shows, for its Species column (the content
 * manager's own list only counts a photo's species). Names from the draft rows, sorted.
 */
export async function speciesOfPhotos(strapi: Core.Strapi, documentIds: string[]): Promise<Record<string, string[]>> {
  const wanted = [...new Set(documentIds.filter((id) => id !== ''))];
  if (wanted.length > MAX_PHOTOS_PER_SPECIES_QUERY) {
    throw new errors.ValidationError(`Ask about at most ${MAX_PHOTOS_PER_SPECIES_QUERY} photos at once.`);
  }
  const out: Record<string, string[]> = Object.fromEntries(wanted.map((id) => [id, [] as string[]]));
  if (wanted.length === 0) return out;
  const rows = await strapi.db.query(PHOTO).findMany({
    where: { documentId: { $in: wanted }, publishedAt: null },
    select: ['documentId'],
    populate: { species: { select: ['commonName'] } },
  });
  for (const row of rows as Array<{ documentId: string; species?: Array<{ commonName: string }> }>) {
    out[row.documentId] = (row.species ?? []).map((one) => one.commonName).sort((a, b) => a.localeCompare(b));
  }
  return out;
}
