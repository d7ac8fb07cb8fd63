import type { Core } from '@strapi/strapi';

/** Visitors reach photos through the site only: the public role may not call any content API. */
export async function lockPublicRole(strapi: Core.Strapi): Promise<void> {
  const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
  if (!role) return;
  await strapi.db.query('plugin::users-permissions.permission').deleteMany({
    where: { role: role.id, action: { $startsWith: 'api::' } },
  });
}
