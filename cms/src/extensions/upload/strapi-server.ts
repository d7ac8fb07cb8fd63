import type { Core } from '@strapi/strapi';
import { guardIncomingFiles, rederivePhotosUsingFile } from '../../photos/upload-guard';

type ServiceFactory = (deps: { strapi: Core.Strapi }) => Record<string, any>;

/**
 * Wraps the upload service so that the photo pipeline sees the raw file before Strapi stores
 * anything (refusing non-images and duplicates), and re-derives photos whose file was replaced.
 */
export default (plugin: { services: Record<string, ServiceFactory> }) => {
  const createUploadService = plugin.services.upload!;
  plugin.services.upload = ({ strapi }) => {
    const service = createUploadService({ strapi });
    return {
      ...service,
      async upload(args: { data: unknown; files: any }, opts?: unknown) {
        await guardIncomingFiles(strapi, args.files);
        return service.upload(args, opts);
      },
      async replace(id: number | string, args: { data: unknown; file: any }, opts?: unknown) {
        await guardIncomingFiles(strapi, args.file, Number(id));
        const replaced = await service.replace(id, args, opts);
        await rederivePhotosUsingFile(strapi, Number(id));
        return replaced;
      },
    };
  };
  return plugin;
};
