import { factories } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { ingestDataFromBody } from '../../../photos/ingest';
import { adminFieldsFromBody } from '../../../photos/admin-photos';

const PHOTO = 'api::photo.photo';

export default factories.createCoreController(PHOTO, ({ strapi }) => ({
  /** POST /api/photos/ingest: multipart `file` plus the photo's fields; see README "REST for scripts". */
  async ingest(ctx) {
    const files = (ctx.request as any).files ?? {};
    const data = await this.sanitizeInput!(ingestDataFromBody(ctx.request.body as Record<string, unknown>), ctx);
    const status = ctx.query.status === 'draft' ? 'draft' : 'published';
    const photo = await strapi.service(PHOTO).ingest({ file: files.file ?? files.files, data, status });
    const sanitized = await this.sanitizeOutput!(photo, ctx);
    ctx.status = 201;
    return this.transformResponse!(sanitized);
  },

  /** Admin route POST /add-photos/photos: one file of an Add photos batch (multipart `file`, `data`, `?status=`). */
  async addFromAdmin(ctx) {
    const files = (ctx.request as any).files ?? {};
    const status = ctx.query.status === 'published' ? 'published' : 'draft';
    if (status === 'published' && !ctx.state.userAbility?.can('plugin::content-manager.explorer.publish', PHOTO)) {
      throw new errors.ForbiddenError('Your role may create photos but not publish them: add them as drafts.');
    }
    const fields = adminFieldsFromBody(ctx.request.body as Record<string, unknown>);
    ctx.status = 201;
    ctx.body = { data: await strapi.service(PHOTO).addFromAdmin({ file: files.file, fields, status }) };
  },

  /** Admin route POST /add-photos/photos/:documentId/read-again: the pipeline reads the stored original again. */
  async readAgain(ctx) {
    ctx.body = { data: await strapi.service(PHOTO).readFileAgain(ctx.params.documentId) };
  },

  /** Admin route POST /add-photos/photos/:documentId/image: a new original for this photo (multipart `file`). */
  async replaceImage(ctx) {
    const files = (ctx.request as any).files ?? {};
    ctx.body = { data: await strapi.service(PHOTO).replaceImage(ctx.params.documentId, files.file) };
  },

  /** Admin route GET /add-photos/photos/:documentId/preview: the display JPEG of the draft. */
  async preview(ctx) {
    const preview = await strapi.service(PHOTO).displayPreview(ctx.params.documentId);
    if (!preview) throw new errors.NotFoundError('This photo has no display image yet.');
    ctx.type = preview.type;
    ctx.set('Cache-Control', 'private, no-cache');
    ctx.body = preview.bytes;
  },

  /** Admin route GET /add-photos/photo-species?documentIds=a,b: `{ data: { <photo documentId>: [common names] } }`. */
  async photoSpecies(ctx) {
    const raw = typeof ctx.query.documentIds === 'string' ? ctx.query.documentIds : '';
    ctx.body = { data: await strapi.service(PHOTO).speciesOfPhotos(raw.split(',').map((id: string) => id.trim())) };
  },

  /** Admin route GET /add-photos/species-counts: `{ data: { <species documentId>: photos } }`. */
  async speciesCounts(ctx) {
    ctx.body = { data: await strapi.service(PHOTO).photoCountsBySpecies() };
  },
}));
