/**
 * Strapi started in process on a throwaway SQLite database and media folder, for tests that
 * need the real CMS. Strapi is a process-wide singleton (global.strapi): one per test file.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { createDatabase } from './postgres';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const cmsDir = path.join(repoRoot, 'cms');

export interface RunningCms {
  /** http://127.0.0.1:PORT */
  url: string;
  /** A full-access API token, as a script would use. */
  token: string;
  /** The read-only token the CMS made for the site at boot. */
  readToken: string;
  mediaDir: string;
  databaseFile: string;
  /** 'sqlite' or 'postgres' */
  databaseClient: string;
  dataDir: string;
  strapi: any;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const secret = () => crypto.randomBytes(24).toString('base64');

export interface StartCmsOptions {
  port?: number;
  env?: Record<string, string>;
  /** Serve the built admin panel at /admin (needs `strapi build`; npm test builds it). */
  admin?: boolean;
}

export async function startCms(opts: StartCmsOptions = {}): Promise<RunningCms> {
  if (!fs.existsSync(path.join(cmsDir, 'dist', 'src', 'index.js'))) {
    throw new Error('cms/dist is missing: run `npm test` (it compiles the CMS) or `npx tsc -p cms/tsconfig.json` first.');
  }
  if (opts.admin && !fs.existsSync(path.join(cmsDir, 'dist', 'build', 'index.html'))) {
    throw new Error('The admin panel is not built (cms/dist/build): run `npm test` or `npm run build -w cms` first.');
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plumage-cms-'));
  const port = opts.port ?? (await freePort());
  const env: Record<string, string> = {
    HOST: '127.0.0.1',
    CMS_PORT: String(port),
    DATABASE_CLIENT: 'sqlite',
    DATABASE_FILENAME: path.join(dataDir, 'plumage.db'),
    MEDIA_DIR: path.join(dataDir, 'media'),
    WEB_TOKEN_FILE: path.join(dataDir, 'web-token'),
    PLUMAGE_ROOT: repoRoot,
    APP_KEYS: [secret(), secret()].join(','),
    ADMIN_JWT_SECRET: secret(),
    API_TOKEN_SALT: secret(),
    TRANSFER_TOKEN_SALT: secret(),
    JWT_SECRET: secret(),
    ENCRYPTION_KEY: secret(),
    STRAPI_TELEMETRY_DISABLED: 'true',
    STRAPI_DISABLE_UPDATE_NOTIFICATION: 'true',
    BROWSER: 'none',
    LOG_LEVEL: process.env.CMS_TEST_LOG_LEVEL ?? 'error',
    ...opts.env,
  };
  // The *-pg test projects run the same tests on PostgreSQL (a server started by their globalSetup).
  if (process.env.PLUMAGE_TEST_DB === 'postgres') {
    const pgPort = process.env.PLUMAGE_TEST_PG_PORT;
    if (!pgPort) throw new Error('PLUMAGE_TEST_DB=postgres needs the PostgreSQL server of tests/support/postgres-global-setup.ts');
    const name = `plumage_${crypto.randomBytes(6).toString('hex')}`;
    createDatabase(Number(pgPort), name);
    Object.assign(env, {
      DATABASE_CLIENT: 'postgres',
      DATABASE_HOST: '127.0.0.1',
      DATABASE_PORT: pgPort,
      DATABASE_NAME: name,
      DATABASE_USERNAME: 'postgres',
      DATABASE_PASSWORD: '',
    });
  }
  Object.assign(process.env, env);
  fs.mkdirSync(env.MEDIA_DIR!, { recursive: true });

  // Strapi's ESM build imports lodash/fp as a directory, which Node's ESM loader refuses: load its CommonJS build.
  const { createStrapi } = createRequire(import.meta.url)('@strapi/strapi');
  const strapi = createStrapi({ appDir: cmsDir, distDir: path.join(cmsDir, 'dist'), serveAdminPanel: Boolean(opts.admin), autoReload: false } as any);
  await strapi.load();
  await new Promise<void>((resolve) => strapi.server.listen(port, '127.0.0.1', () => resolve()));

  const created = await strapi.service('admin::api-token-content-api').create({
    name: `tests ${crypto.randomUUID()}`,
    type: 'full-access',
    lifespan: null,
  });
  const readToken = fs.readFileSync(env.WEB_TOKEN_FILE!, 'utf8').trim();

  return {
    url: `http://127.0.0.1:${port}`,
    token: created.accessKey,
    readToken,
    mediaDir: env.MEDIA_DIR!,
    databaseFile: env.DATABASE_FILENAME!,
    databaseClient: env.DATABASE_CLIENT!,
    dataDir,
    strapi,
    async stop() {
      // strapi.destroy() ends with process.removeAllListeners(), which would also cut the test
      // runner's own IPC listeners: put them back afterwards.
      const saved = process.eventNames().map((event) => [event, process.listeners(event as any)] as const);
      await strapi.destroy();
      for (const [event, listeners] of saved) {
        for (const listener of listeners) if (!process.listeners(event as any).includes(listener)) process.on(event as any, listener as any);
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
