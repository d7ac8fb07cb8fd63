import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { neighboursQueryFrom } from '../../../photos/neighbours';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: { params: Record<string, unknown>; querystring: string; body: unknown }) {
    const neighbours = await strapi.service('api::photo-neighbours.photo-neighbours').find(neighboursQueryFrom(ctx.params.documentId, new URLSearchParams(ctx.querystring)));
    if (neighbours === null) throw new errors.NotFoundError('No published photo with this id is in this selection.');
    ctx.body = { data: neighbours };
  },
});
