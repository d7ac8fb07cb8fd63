import { factories } from '@strapi/strapi';
import { ingestDataFromBody } from '../../../photos/ingest';

export default factories.createCoreController('api::photo.photo', ({ strapi }) => ({
  /** POST /api/photos/ingest: multipart `file` plus the photo's fields; see README "REST for scripts". */
  async ingest(ctx) {
    const files = (ctx.request as any).files ?? {};
    const data = await this.sanitizeInput!(ingestDataFromBody(ctx.request.body as Record<string, unknown>), ctx);
    const status = ctx.query.status === 'draft' ? 'draft' : 'published';
    const photo = await strapi.service('api::photo.photo').ingest({ file: files.file ?? files.files, data, status });
    const sanitized = await this.sanitizeOutput!(photo, ctx);
    ctx.status = 201;
    return this.transformResponse!(sanitized);
  },
}));
