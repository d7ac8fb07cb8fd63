import { readObjectStorageSettings } from '../src/media/object-storage';

/**
 * Strapi's own Content-Security-Policy, plus the bucket's origin for images when media lives in one (the media
 * library shows the originals from there).
 */
function security() {
  const storage = readObjectStorageSettings(process.env);
  if (storage === null) return 'strapi::security';
  const bucket = new URL(storage.publicUrl).origin;
  return {
    name: 'strapi::security',
    config: {
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          'connect-src': ["'self'", 'https:'],
          'img-src': ["'self'", 'data:', 'blob:', 'market-assets.strapi.io', bucket],
          'media-src': ["'self'", 'data:', 'blob:', 'market-assets.strapi.io', bucket],
          upgradeInsecureRequests: null,
        },
      },
    },
  };
}

export default ({ env }: { env: any }) => [
  'strapi::logger',
  'strapi::errors',
  security(),
  'strapi::cors',
  'strapi::poweredBy',
  'strapi::query',
  // Removes every upload's temporary files once its request ends, refused or not (see the file for why).
  'global::upload-temp-files',
  {
    name: 'strapi::body',
    config: {
      // One large camera original per request; larger bodies are refused before they are read whole.
      formLimit: '256kb',
      jsonLimit: '1mb',
      textLimit: '256kb',
      formidable: { maxFileSize: env.int('UPLOAD_MAX_BYTES', 100 * 1024 * 1024) },
    },
  },
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];
