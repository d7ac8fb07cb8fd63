// The site's production entry (PM2, `npm start`): the built Astro server, plus what @astrojs/node's standalone server
// lacks, a graceful stop. Without this, SIGTERM/SIGINT end the process at once and a page under way is cut off.
// On a signal: stop accepting connections, let the requests under way finish (at most SHUTDOWN_GRACE_MS), then exit.
import { pino } from 'pino';

const SHUTDOWN_GRACE_MS = 10_000;

process.env.ASTRO_NODE_AUTOSTART = 'disabled';
// The adapter's own "Server listening" line is plain text; ours below is JSON like every other line.
process.env.ASTRO_NODE_LOGGING = 'disabled';
const { startServer } = await import('./dist/server/entry.mjs');
const { server } = startServer();
const httpServer = server.server;
const log = pino({ level: process.env.LOG_LEVEL || 'info', base: { service: 'web' } });
httpServer.once('listening', () => log.info({ host: server.host, port: server.port }, 'listening'));

let stopping = false;

function stop(signal) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'Stopping: finishing the requests under way');
  // A keep-alive socket that finishes its request after close() would otherwise stay open until its timeout.
  const idle = setInterval(() => httpServer.closeIdleConnections(), 100);
  const cut = setTimeout(() => {
    log.warn({ graceMs: SHUTDOWN_GRACE_MS }, 'requests still under way after the grace period: cut');
    httpServer.closeAllConnections();
  }, SHUTDOWN_GRACE_MS);
  httpServer.close(() => {
    clearInterval(idle);
    clearTimeout(cut);
    log.info('stopped');
    process.exit(0);
  });
  httpServer.closeIdleConnections();
}

process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
