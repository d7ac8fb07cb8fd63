// PM2's description of Plumage on one small VM: `npx pm2 start ecosystem.config.js` after `npm ci && npm run build`
// (or after unpacking a release built elsewhere: config/deploy/README.md).
//
// Settings come from the environment, then .env (or PLUMAGE_ENV_FILE), then the defaults: the same reader as
// `npm start` (scripts/lib/env-file.cjs). A first start on a fresh checkout writes .env with fresh secrets.
//
// Memory on a 1 GB host (about 960 MiB usable); RSS under PM2 as measured by tests/ops/pm2.test.ts:
//   OS, sshd, journald, cron ...................... ~150 MB (typical)
//   reverse proxy (nginx ~10 MB, Caddy ~40 MB) ..... ~40 MB (typical)
//   PM2's daemon ................................... ~60 MB (typical)
//   cms: restarted above 500 MB (idle 262-278 MB; a 24 MP ingest peaked at 405-459 MB and fell back to 324-348 MB)
//   web: restarted above 180 MB (idle 77-97 MB)
//   ----------------------------------------------------------------------------------------------------
//   worst case 150 + 40 + 60 + 500 + 180 = 930 MB, with both servers at their limits at once; no swap needed to
//   run (the admin panel is built elsewhere, or with swap: config/deploy/README.md). PM2 samples memory every 30 s
//   and restarts gracefully (an upload under way finishes first).
// The V8 heap caps sit below those limits so that the garbage collector works harder before PM2 has to restart:
// sharp's pixel buffers live outside the heap, which is why the cms gap is the larger one.
//
// Logs: both servers write pino JSON lines to stdout (Strapi through config/logger.ts); PM2 appends them to
// LOG_DIR/cms.log and LOG_DIR/web.log. PM2's files rather than pino destinations because PM2 already owns the
// processes' stdout and reopens its files for `pm2 reloadLogs` and pm2-logrotate, so neither server needs code to
// reopen a file after rotation, and a crash's stack trace (stderr, LOG_DIR/*.error.log) is kept as well.
// `time` stays off: pino lines carry their own time, and a prefix would break the JSON.
'use strict';
const path = require('node:path');
const { ensureEnvFile, readEnvFile, resolveSettings, fromRoot, repoRoot } = require('./scripts/lib/env-file.cjs');

ensureEnvFile();
const settings = { ...resolveSettings(process.env, readEnvFile()) };
const setting = (name) => process.env[name] || settings[name];
const logDir = fromRoot(setting('LOG_DIR'));

/** What both servers share: production mode, two malloc arenas, restart with back-off, a graceful stop. */
const common = {
  exec_mode: 'fork',
  instances: 1,
  autorestart: true,
  // 100 ms after the first crash, doubling up to 15 s, back to normal once the process stays up 30 s.
  exp_backoff_restart_delay: 100,
  // PM2 sends SIGINT, then SIGKILL after kill_timeout: both servers finish the requests under way within 10 s
  // (cms/src/lib/graceful-shutdown.ts, web/server.mjs) and the CMS then closes the database.
  kill_timeout: 15000,
  merge_logs: true,
  time: false,
};

const env = {
  ...settings,
  NODE_ENV: 'production',
  // glibc's per-thread arenas let sharp's native buffers pile up (~700 MB over a series of uploads); two keep the CMS
  // near 280 MB (measured on 12 uploads in a row).
  MALLOC_ARENA_MAX: '2',
  STRAPI_TELEMETRY_DISABLED: 'true',
  // Log files hold JSON lines only: no boxed banner from Strapi, no plain "listening" line from Astro's adapter.
  CMS_STARTUP_MESSAGE: 'false',
};

module.exports = {
  apps: [
    {
      ...common,
      name: 'cms',
      cwd: path.join(repoRoot, 'cms'),
      script: path.join(repoRoot, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'),
      args: 'start',
      node_args: ['--max-old-space-size=320'],
      max_memory_restart: '500M',
      out_file: path.join(logDir, 'cms.log'),
      error_file: path.join(logDir, 'cms.error.log'),
      env,
    },
    {
      ...common,
      name: 'web',
      cwd: path.join(repoRoot, 'web'),
      script: path.join(repoRoot, 'web', 'server.mjs'),
      node_args: ['--max-old-space-size=128'],
      max_memory_restart: '180M',
      // WEB_INSTANCES processes on WEB_PORT, WEB_PORT+1, …: each its own port, so the CMS's cache purge reaches every
      // one of them (config/deploy/scaling.md); a 1 GB host keeps one.
      instances: Number(setting('WEB_INSTANCES') || 1),
      increment_var: 'PORT',
      out_file: path.join(logDir, 'web.log'),
      error_file: path.join(logDir, 'web.error.log'),
      // The Astro server binds PORT; it reads the CMS's read-only token from WEB_TOKEN_FILE when the CMS has written it.
      env: { ...env, PORT: setting('WEB_PORT') },
    },
  ],
};
