/**
 * Plumage's admin customisations (Strapi 5 `src/admin/app.tsx`, bundled by `strapi build`):
 * the Add photos page in the left menu, the Photo edit view's side panel, the species names in
 * the Photo list and the photo counts in the Species list. The list and edit layouts themselves are set on the server
 * (cms/src/bootstrap/admin-layout.ts).
 */
import type { StrapiApp } from '@strapi/strapi/admin';
import { Images } from '@strapi/icons';
import { PhotoPanel } from './photo-panel/PhotoPanel';
import { addListColumns } from './list-columns/listColumns';
import { PHOTO_UID } from './lib/api';

export default {
  config: {
    locales: [],
    // No calls home and no tutorial videos: the admin runs on a host without internet access.
    tutorials: false,
    notifications: { releases: false },
  },

  register(app: StrapiApp) {
    app.addMenuLink({
      to: 'plugins/add-photos',
      icon: Images,
      intlLabel: { id: 'plumage.add-photos.menu', defaultMessage: 'Add photos' },
      permissions: [{ action: 'plugin::content-manager.explorer.create', subject: PHOTO_UID }],
      Component: () => import('./add-photos/AddPhotosPage'),
      position: 2,
    });
  },

  bootstrap(app: StrapiApp) {
    const contentManager = app.getPlugin('content-manager') as unknown as {
      apis: { addEditViewSidePanel: (panels: unknown[]) => void };
    };
    contentManager.apis.addEditViewSidePanel([PhotoPanel]);
    app.registerHook('Admin/CM/pages/ListView/inject-column-in-table', addListColumns);
  },
};
