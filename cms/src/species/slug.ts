import type { Core } from '@strapi/strapi';

const SPECIES = 'api::species.species';

interface MiddlewareContext {
  uid: string;
  action: string;
  params: Record<string, any>;
}

type Next = () => Promise<unknown>;

/**
 * Every species has a slug (its page is `/species/{slug}`): one made from the common name when a species is created
 * or saved without one (REST, scripts and the importer send none; the admin fills it in its form). Unique among
 * species, by Strapi's own uid service (`yellow-warbler`, then `yellow-warbler-1`, …).
 */
export function speciesSlugMiddleware(strapi: Core.Strapi) {
  return async (ctx: MiddlewareContext, next: Next): Promise<unknown> => {
    if (ctx.uid !== SPECIES || (ctx.action !== 'create' && ctx.action !== 'update')) return next();
    const data: Record<string, unknown> = { ...(ctx.params.data ?? {}) };
    const given = typeof data.slug === 'string' ? data.slug.trim() : '';
    if (given !== '') return next();
    let commonName = typeof data.commonName === 'string' ? data.commonName : '';
    if (ctx.action === 'update') {
      const stored = await strapi.db.query(SPECIES).findOne({ where: { documentId: ctx.params.documentId }, select: ['slug', 'commonName'] });
      // Only an empty slug is made again: a slug given or made before stays, so links to the page keep working.
      if (stored?.slug && !('slug' in data)) return next();
      if (commonName === '') commonName = stored?.commonName ?? '';
    }
    if (commonName.trim() === '') return next();
    data.slug = await makeSlug(strapi, commonName);
    ctx.params.data = data;
    return next();
  };
}

/** A unique slug for a common name; apostrophes go first, so "Cetti's Warbler" is `cettis-warbler`, not `cetti-s-warbler`. */
export function makeSlug(strapi: Core.Strapi, commonName: string): Promise<string> {
  const name = commonName.replace(/['\u2019]/g, '');
  return strapi.plugin('content-manager').service('uid').generateUIDField({ contentTypeUID: SPECIES, field: 'slug', data: { commonName: name } });
}

/** Gives a slug to every species that has none (made before slugs were, or through the database), at boot. */
export async function backfillSpeciesSlugs(strapi: Core.Strapi): Promise<number> {
  const rows: Array<{ documentId: string }> = await strapi.db.query(SPECIES).findMany({
    where: { $or: [{ slug: null }, { slug: '' }] },
    select: ['documentId'],
  });
  for (const { documentId } of rows) await strapi.documents(SPECIES).update({ documentId, data: { slug: '' } } as any);
  if (rows.length > 0) strapi.log.info(`species: gave a slug to ${rows.length} species that had none`);
  return rows.length;
}
