import type { Server } from 'node:http';

/** How long requests under way may take to finish once a stop is asked for (PM2's kill_timeout is longer). */
export const SHUTDOWN_GRACE_MS = 10_000;

/**
 * Stops accepting connections and resolves once the requests under way have finished (keep-alive sockets are closed
 * as soon as they are idle), or after `graceMs`, when the remaining connections are cut.
 */
export function closeGracefully(server: Server, graceMs = SHUTDOWN_GRACE_MS): Promise<void> {
  if (!server.listening) return Promise.resolve();
  return new Promise((resolve) => {
    // A keep-alive socket that finishes its request after close() would otherwise stay open until its timeout.
    const idle = setInterval(() => server.closeIdleConnections(), 100);
    const cut = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close(() => {
      clearInterval(idle);
      clearTimeout(cut);
      resolve();
    });
    server.closeIdleConnections();
  });
}

interface Destroyable {
  destroy(): Promise<void>;
  server: { httpServer: Server };
  log: { info(message: string): void };
}

/**
 * Strapi's SIGTERM/SIGINT handler calls `strapi.destroy()`, which cuts every open connection at once (an upload under
 * way fails) before closing the database. This makes destroy wait for the requests under way first; the database is
 * then closed by Strapi as before (better-sqlite3's close checkpoints the WAL).
 */
export function drainBeforeDestroy(strapi: Destroyable, graceMs = SHUTDOWN_GRACE_MS): void {
  const destroy = strapi.destroy.bind(strapi);
  strapi.destroy = async () => {
    strapi.log.info('Stopping: finishing the requests under way');
    await closeGracefully(strapi.server.httpServer, graceMs);
    await destroy();
  };
}
