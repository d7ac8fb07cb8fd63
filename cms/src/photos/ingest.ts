import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { ingestFolderId, releaseIngestFile } from './crash-recovery';

const PHOTO = 'api::photo.photo';

export interface IngestInput {
  /** The multipart file as koa-body/formidable hands it over. */
  file: unknown;
  /** The photo's fields (species as documentIds), already sanitised by the controller. */
  data: Record<string, unknown>;
  status?: 'draft' | 'published';
}

/** `data` as JSON in a multipart field, or the photo's fields sent as form fields one by one. */
export function ingestDataFromBody(body: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!body) return {};
  if (typeof body.data === 'string') {
    try {
      const parsed = JSON.parse(body.data);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed;
    } catch {
      // fall through to the error below
    }
    throw new errors.ValidationError('The "data" field must be a JSON object with the photo\'s fields, e.g. {"title":"Yellow Warbler"}.');
  }
  if (body.data && typeof body.data === 'object') return body.data as Record<string, unknown>;
  const { data: _ignored, ...fields } = body;
  return fields;
}

/**
 * One call for scripts: store the original and create the photo with it. Both steps or
 * neither: when the photo is refused (a duplicate that raced, a bad field), the file just
 * stored is removed again, so nothing is left in the media library.
 */
export async function ingestPhoto(strapi: Core.Strapi, { file, data, status }: IngestInput): Promise<unknown> {
  const single = Array.isArray(file) ? file : file ? [file] : [];
  if (single.length !== 1) throw new errors.ValidationError('Send exactly one image in the multipart field "file".');
  const upload = strapi.plugin('upload').service('upload');
  // Stored in the ingest folder until the photo exists: a crash in between leaves it where the next start finds it.
  const [stored] = await upload.upload({ data: { fileInfo: { folder: await ingestFolderId(strapi) } }, files: single[0] });
  let photo: any;
  try {
    photo = await strapi.documents(PHOTO).create({
      data: { ...data, image: stored.id },
      status: status === 'draft' ? 'draft' : 'published',
      populate: { image: true, species: true },
    } as any);
  } catch (error) {
    await upload.remove(stored);
    throw error;
  }
  await releaseIngestFile(strapi, stored.id);
  return photo;
}
