const PHOTO = 'api::photo.photo';

/** An admin session whose role may do this to photos in the Content Manager. */
const allowed = (action: 'create' | 'read' | 'update') => [
  'admin::isAuthenticatedAdmin',
  { name: 'admin::hasPermissions', config: { actions: [[`plugin::content-manager.explorer.${action}`, PHOTO]] } },
];

/**
 * The admin pages' own routes (Add photos, the Photo edit view's actions, the Photo list's
 * species names, the Species list's counts), under /add-photos like a plugin's. Type "admin": the admin session signs them, an
 * API token does not. Registered from `register` because an application's src/api routers are
 * always content-API routes.
 */
export const addPhotosAdminRouter = {
  type: 'admin',
  prefix: '/add-photos',
  routes: [
    { method: 'POST', path: '/photos', handler: 'api::photo.photo.addFromAdmin', config: { policies: allowed('create') } },
    { method: 'POST', path: '/photos/:documentId/read-again', handler: 'api::photo.photo.readAgain', config: { policies: allowed('update') } },
    { method: 'POST', path: '/photos/:documentId/image', handler: 'api::photo.photo.replaceImage', config: { policies: allowed('update') } },
    { method: 'GET', path: '/photos/:documentId/preview', handler: 'api::photo.photo.preview', config: { policies: allowed('read') } },
    { method: 'GET', path: '/photo-species', handler: 'api::photo.photo.photoSpecies', config: { policies: allowed('read') } },
    {
      method: 'GET',
      path: '/species-counts',
      handler: 'api::photo.photo.speciesCounts',
      config: { policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: [['plugin::content-manager.explorer.read', 'api::species.species']] } }] },
    },
  ],
};
