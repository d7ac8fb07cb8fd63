import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { neighboursQueryFrom } from '../../../photos/neighbours';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: { params: Record<string, unknown>; query: Record<string, unknown>; body: unknown }) {
    const neighbours = await strapi.service('api::photo-neighbours.photo-neighbours').find(neighboursQueryFrom(ctx.params.documentId, ctx.query));
    if (neighbours === null) throw new errors.NotFoundError('No published photo with this id is in this selection.');
    ctx.body = { data: neighbours };
  },
});
