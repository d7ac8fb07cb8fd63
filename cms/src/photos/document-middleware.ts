import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { processImage, sha256File, defaultLimits } from '../pipeline';
import { createKeyedLock, createReentrantKeyedLock } from '../lib/keyed-lock';
import { derivativeStore } from '../media/media-store';
import { duplicateError, findPhotoBySha256, isSha256UniqueViolation } from './duplicates';
import { findLookAlike } from './look-alikes';
import { hashesOfDocument, removeUnreferencedDerivatives } from './derivative-gc';
import { mergePipelineValues, pipelineValuesFromExif, PIPELINE_OWNED_FIELDS, type PipelineValues } from './fields';
import { loadUploadFile, mediaIdOf, withOriginalFile } from './originals';

const PHOTO = 'api::photo.photo';

/** Documents whose image bytes changed under the same media id (a file replaced in the media library). */
const rederiveRequested = new Set<string>();

/** One save per image hash at a time, so concurrent duplicates meet the first one's row. */
const withImageLock = createKeyedLock();

/**
 * One action per document at a time: a delete that read the document's hashes must not miss an image an update
 * sets meanwhile (its derivatives would stay, belonging to nobody), and an update must see whether its document
 * still exists.
 */
const withDocumentLock = createReentrantKeyedLock();

/** Asks the next update of this document to run the pipeline even though its image id did not change. */
export function requestRederive(documentId: string): void {
  rederiveRequested.add(documentId);
}

interface MiddlewareContext {
  uid: string;
  action: string;
  params: Record<string, any>;
}

type Next = () => Promise<unknown>;

interface StoredDraft {
  id: number;
  sha256: string | null;
  pipelineValues: Partial<PipelineValues> | null;
  image: { id: number } | null;
  [field: string]: unknown;
}

async function loadDraft(strapi: Core.Strapi, documentId: string): Promise<StoredDraft | null> {
  return strapi.db.query(PHOTO).findOne({
    where: { documentId, publishedAt: null },
    populate: { image: { select: ['id'] } },
  });
}

/**
 * The one hook point of the photo pipeline: every way a photo gets an image (admin, REST,
 * scripts, a media-library replace) goes through the Document Service, so this sees them all,
 * before anything is written to the database.
 */
export function photoDocumentMiddleware(strapi: Core.Strapi) {
  return async (ctx: MiddlewareContext, next: Next): Promise<unknown> => {
    if (ctx.uid !== PHOTO) return next();
    const documentId: unknown = ctx.params?.documentId;
    if (typeof documentId === 'string' && documentId !== '') return withDocumentLock(documentId, () => photoAction(strapi, ctx, next));
    return photoAction(strapi, ctx, next);
  };
}

function photoAction(strapi: Core.Strapi, ctx: MiddlewareContext, next: Next): Promise<unknown> {
  switch (ctx.action) {
    case 'create':
    case 'update':
      return saveWithPipeline(strapi, ctx, next);
    case 'clone':
      return cloneRefused(strapi, ctx);
    case 'delete':
    case 'publish':
    case 'unpublish':
    case 'discardDraft':
      return withDerivativeCleanup(strapi, ctx.params.documentId, next);
    default:
      return next();
  }
}

async function cloneRefused(strapi: Core.Strapi, ctx: MiddlewareContext): Promise<never> {
  const [sha256] = await hashesOfDocument(strapi, ctx.params.documentId);
  const existing = sha256 ? await findPhotoBySha256(strapi, sha256) : null;
  if (existing) throw duplicateError(existing);
  throw new errors.ValidationError('A photo cannot be duplicated: each image is in the collection once.');
}

async function withDerivativeCleanup(strapi: Core.Strapi, documentId: string | undefined, next: Next): Promise<unknown> {
  if (!documentId) return next();
  const before = await hashesOfDocument(strapi, documentId);
  const result = await next();
  await removeUnreferencedDerivatives(strapi, before);
  return result;
}

async function saveWithPipeline(strapi: Core.Strapi, ctx: MiddlewareContext, next: Next): Promise<unknown> {
  const params = ctx.params;
  const data: Record<string, unknown> = { ...(params.data ?? {}) };
  const documentId: string | undefined = ctx.action === 'update' ? params.documentId : undefined;
  const forced = documentId ? rederiveRequested.delete(documentId) : false;
  const draft = documentId ? await loadDraft(strapi, documentId) : null;
  // Every photo has a draft row: none means the document is gone (deleted while this update waited its turn).
  if (documentId && !draft) throw new errors.NotFoundError(`There is no photo ${documentId}; it may have been deleted.`);

  // Hash, size and derivatives describe the file; nobody else writes them.
  for (const field of PIPELINE_OWNED_FIELDS) delete data[field];

  const requestedImage = mediaIdOf(data.image);
  const storedImage = draft?.image?.id ?? null;
  const imageId = requestedImage === undefined ? storedImage : requestedImage;
  const imageSwapped = ctx.action === 'create' || (requestedImage !== undefined && requestedImage !== storedImage);

  if (!imageSwapped && !forced) {
    params.data = data;
    return withDerivativeCleanup(strapi, documentId, next);
  }
  if (imageId == null) {
    if (ctx.action === 'create' && params.status !== 'published') {
      // An empty draft from the admin: the image is required only to publish.
      params.data = data;
      return next();
    }
    throw new errors.ValidationError('A photo needs an image: upload one and set it as "image".');
  }

  const file = await loadUploadFile(strapi, imageId);
  return withOriginalFile(strapi, file, async (filePath) => {
    const sha256 = await sha256File(filePath);
    return withImageLock(sha256, () => saveImage(strapi, { ctx, next, data, documentId, draft, file, filePath, sha256 }));
  });
}

interface SaveImageInput {
  ctx: MiddlewareContext;
  next: Next;
  data: Record<string, unknown>;
  documentId: string | undefined;
  draft: StoredDraft | null;
  file: { name: string };
  filePath: string;
  sha256: string;
}

async function saveImage(strapi: Core.Strapi, { ctx, next, data, documentId, draft, file, filePath, sha256 }: SaveImageInput): Promise<unknown> {
  const params = ctx.params;
  const existing = await findPhotoBySha256(strapi, sha256, documentId);
  if (existing) throw duplicateError(existing, file.name);

  const result = await processImage(filePath, { store: derivativeStore(), limits: defaultLimits }).catch((error: Error) => {
    throw new errors.ValidationError(`"${file.name}" could not be processed: ${error.message}`);
  });
  const fresh = pipelineValuesFromExif(result.exif);
  const imageChanged = draft?.sha256 !== result.sha256;
  // A re-crop or re-export of a photo already here is flagged for the owner, not refused (exact copies are, above).
  const lookAlike = imageChanged ? await findLookAlike(strapi, result.phash, documentId) : undefined;
  Object.assign(
    data,
    mergePipelineValues({ fresh, requested: data, stored: draft as Record<string, unknown> | null, previous: draft?.pipelineValues ?? null, imageChanged }),
    {
      sha256: result.sha256,
      width: result.width,
      height: result.height,
      derivatives: result.derivatives,
      pipelineValues: fresh,
      phash: result.phash,
    },
    lookAlike === undefined ? {} : { lookAlikeOf: { set: lookAlike === null ? [] : [lookAlike.documentId] } },
  );
  params.data = data;

  const before = documentId ? await hashesOfDocument(strapi, documentId) : [];
  try {
    const saved = await next();
    // The new image's derivatives too, should the save have written no row (nothing must hold files nobody names).
    await removeUnreferencedDerivatives(strapi, saved ? before.filter((h) => h !== result.sha256) : [...before, result.sha256]);
    return saved;
  } catch (error) {
    // Nothing half-done stays behind: derivatives made for a save that failed go with it.
    await removeUnreferencedDerivatives(strapi, [result.sha256]);
    if (isSha256UniqueViolation(error)) {
      const winner = await findPhotoBySha256(strapi, result.sha256, documentId);
      if (winner) throw duplicateError(winner, file.name);
    }
    throw error;
  }
}
