import { readObjectStorageSettings, uploadProviderConfig } from '../src/media/object-storage';

export default ({ env }: { env: any }) => {
  // UPLOAD_PROVIDER=s3: originals go to the bucket through @strapi/provider-upload-aws-s3 (our derivatives follow,
  // cms/src/media); otherwise Strapi's local provider keeps them under MEDIA_DIR/uploads, as always.
  const storage = readObjectStorageSettings(process.env);
  return {
    upload: {
      config: {
        ...(storage !== null ? uploadProviderConfig(storage) : {}),
        sizeLimit: env.int('UPLOAD_MAX_BYTES', 100 * 1024 * 1024),
        // Photos only. The pipeline looks deeper (truncation, pixel bombs), but these lists make
        // Strapi refuse the obvious before it writes anything.
        security: {
          allowedTypes: ['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'image/tiff', 'image/heic', 'image/heif'],
          deniedTypes: ['image/svg+xml', 'text/html', 'application/pdf'],
        },
        // No responsive copies from Strapi: the photo pipeline makes our own derivatives.
        breakpoints: {},
      },
    },
    'users-permissions': {
      config: { jwtSecret: env('JWT_SECRET') },
    },
  };
};
