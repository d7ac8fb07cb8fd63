import type { Core } from '@strapi/strapi';
import { configureSharp } from './pipeline';
import { photoDocumentMiddleware } from './photos/document-middleware';
import { ensurePhotoIndexes } from './photos/indexes';
import { ensureApiUploadFolder, keepOriginalsIntact } from './bootstrap/upload-settings';
import { lockPublicRole } from './bootstrap/public-role';
import { configurePhotoAdmin } from './bootstrap/admin-layout';
import { ensureWebToken } from './bootstrap/web-token';
import { checkObjectStorage } from './bootstrap/object-storage';
import { siteCacheMiddleware } from './lib/site-cache';
import { addPhotosAdminRouter } from './photos/admin-routes';
import { backfillSpeciesSlugs, speciesSlugMiddleware } from './species/slug';
import { drainBeforeDestroy } from './lib/graceful-shutdown';
import { recoverInterruptedUploads, resetIngestFolder } from './photos/crash-recovery';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    configureSharp();
    strapi.documents.use(photoDocumentMiddleware(strapi) as any);
    strapi.documents.use(speciesSlugMiddleware(strapi) as any);
    strapi.documents.use(siteCacheMiddleware(strapi.log) as any);
    strapi.server.routes(addPhotosAdminRouter as any);
    drainBeforeDestroy(strapi as any);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await checkObjectStorage();
    await ensurePhotoIndexes(strapi);
    await keepOriginalsIntact(strapi);
    await ensureApiUploadFolder(strapi);
    resetIngestFolder();
    await recoverInterruptedUploads(strapi);
    await lockPublicRole(strapi);
    await configurePhotoAdmin(strapi);
    await ensureWebToken(strapi);
    await backfillSpeciesSlugs(strapi);
  },
};
