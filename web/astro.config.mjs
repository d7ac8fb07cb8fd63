// @ts-check
import node from '@astrojs/node';
import { defineConfig } from 'astro/config';

// Telemetry would try the network at build time; the build must work offline.
process.env.ASTRO_TELEMETRY_DISABLED ??= '1';

export default defineConfig({
  output: 'server',
  adapter: node({ mode: 'standalone' }),
  // HOST, PORT, PUBLIC_URL and the rest are read from process.env when the server starts (src/lib/settings.ts).
  server: { host: '127.0.0.1', port: 4321 },
  // Astro's own origin check needs the site's origin at build time; src/middleware.ts checks form posts
  // against PUBLIC_URL read at start instead (src/lib/csrf.ts).
  security: { checkOrigin: false },
  // No inline styles or scripts: the Content-Security-Policy allows neither.
  build: { inlineStylesheets: 'never' },
  vite: {
    build: { assetsInlineLimit: 0 },
  },
  // Photos come as the CMS's derivatives; Astro's on-demand image endpoint (/_image) answers 404.
  image: { endpoint: { route: '/_image', entrypoint: './src/lib/no-image-endpoint.ts' } },
  devToolbar: { enabled: false },
  prefetch: false,
});
