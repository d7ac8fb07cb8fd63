export default ({ env }: { env: any }) => [
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
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
