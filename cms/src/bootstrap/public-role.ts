import type { Core } from '@strapi/strapi';

/**
 * Visitors reach photos through the site only: the public role may not call any content API, nor the sign-up,
 * sign-in, password and e-mail confirmation routes users-permissions grants it by default (the collection has no
 * visitor accounts; left open, anyone could register accounts or make the CMS send e-mail).
 */
export async function lockPublicRole(strapi: Core.Strapi): Promise<void> {
  const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
  if (!role) return;
  await strapi.db.query('plugin::users-permissions.permission').deleteMany({ where: { role: role.id } });
}
