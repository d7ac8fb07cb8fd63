import { ensureMediaDirs } from '../src/lib/paths';

export default ({ env }: { env: any }) => ({
  host: env('HOST', '127.0.0.1'),
  port: env.int('CMS_PORT', env.int('PORT', 1337)),
  app: { keys: env.array('APP_KEYS') },
  // Behind the HTTPS reverse proxy (config/nginx, config/caddy, config/apache): trust X-Forwarded-* so the admin login
  // rate limit counts per visitor address, not the proxy's, and secure cookies work over https. Strapi 5 reads
  // `proxy.koa` (a bare `proxy: true`, v4's form, is ignored); maxIpsCount 1 takes only the address the one proxy
  // appended to X-Forwarded-For, so a client cannot pick its own by sending the header. The CMS binds loopback by
  // default, so nothing but the proxy reaches it.
  proxy: { koa: env.bool('CMS_BEHIND_PROXY', true), maxIpsCount: env.int('CMS_PROXY_COUNT', 1) },
  url: env('CMS_PUBLIC_URL', ''),
  // Originals are kept under MEDIA_DIR/uploads (byte for byte), beside our derivatives.
  dirs: { public: ensureMediaDirs() },
  cron: { enabled: false },
  // Strapi's boxed startup banner is for a terminal (`npm start`); under PM2 the log files hold JSON lines only.
  logger: { startup: { enabled: env.bool('CMS_STARTUP_MESSAGE', true) } },
});
