import { ensureMediaDirs } from '../src/lib/paths';

export default ({ env }: { env: any }) => ({
  host: env('HOST', '127.0.0.1'),
  port: env.int('CMS_PORT', env.int('PORT', 1337)),
  app: { keys: env.array('APP_KEYS') },
  // Behind the HTTPS reverse proxy: trust X-Forwarded-* so the admin login rate limit
  // sees the visitor's address, not the proxy's.
  proxy: env.bool('CMS_BEHIND_PROXY', true),
  url: env('CMS_PUBLIC_URL', ''),
  // Originals are kept under MEDIA_DIR/uploads (byte for byte), beside our derivatives.
  dirs: { public: ensureMediaDirs() },
  cron: { enabled: false },
});
