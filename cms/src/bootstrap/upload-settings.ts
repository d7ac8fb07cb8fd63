import type { Core } from '@strapi/strapi';

/**
 * Strapi's defaults re-encode the original (sizeOptimization strips its EXIF) and make
 * responsive copies we do not use. The original must stay byte for byte: turn them off.
 */
export async function keepOriginalsIntact(strapi: Core.Strapi): Promise<void> {
  const upload = strapi.plugin('upload').service('upload');
  const current = (await upload.getSettings()) ?? {};
  const wanted = { ...current, sizeOptimization: false, responsiveDimensions: false, autoOrientation: false };
  if (JSON.stringify(current) !== JSON.stringify(wanted)) await upload.setSettings(wanted);
}

/**
 * Makes the media library's "API Uploads" folder now, at boot. Strapi makes it on the first POST /api/upload, and
 * concurrent first uploads each try to (a unique index refuses all but one: the others answered 500).
 */
export async function ensureApiUploadFolder(strapi: Core.Strapi): Promise<void> {
  await strapi.plugin('upload').service('api-upload-folder').getAPIUploadFolder();
}
