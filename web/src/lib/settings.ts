import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCoordinatePrecision } from './location-privacy';
import { mediaBaseUrl, parseHttpUrl } from '@plumage/shared';

/** What the site reads from its environment when it starts (never at build time). */
export interface Settings {
  /** The site's public origin, e.g. `https://birds.example.org`; form posts must come from it. */
  publicOrigin: string;
  /** Whether PUBLIC_URL is https: cookies get `Secure` and responses HSTS. */
  secure: boolean;
  /** How the site reaches Strapi, without a trailing slash. */
  strapiUrl: string;
  /** The read-only API token given in STRAPI_TOKEN, if any. */
  strapiToken: string | null;
  /** The file the CMS writes the read-only token to; read when STRAPI_TOKEN is unset and again on a 401. */
  tokenFile: string;
  /** Absolute path of MEDIA_DIR. */
  mediaDir: string;
  /**
   * Where `/media/` is read from when media lives in object storage (`UPLOAD_PROVIDER=s3`): S3_PUBLIC_URL and
   * S3_PREFIX, ending in `/`; null when the site serves it from MEDIA_DIR.
   */
  mediaBaseUrl: string | null;
  logLevel: string;
  /** Shared secret of `POST /_cache/purge`; null: purge only from loopback. */
  cachePurgeSecret: string | null;
  /** Per-page budget for Strapi, in milliseconds. */
  strapiTimeoutMs: number;
  /** Decimal places of the coordinates shown to visitors (PUBLIC_COORDINATE_PRECISION); null: none shown. */
  coordinatePrecision: number | null;
}

export const DEFAULT_STRAPI_URL = 'http://127.0.0.1:1337';
export const DEFAULT_STRAPI_TIMEOUT_MS = 3000;
const LOG_LEVELS = new Set(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/**
 * Settings from an environment, with the contract's defaults; relative paths are taken from the repository root.
 *
 * @example
 * readSettings({ PUBLIC_URL: 'https://birds.example.org/' }, '/srv/plumage').publicOrigin // 'https://birds.example.org'
 */
export function readSettings(env: NodeJS.ProcessEnv, repoRoot: string): Settings {
  const host = nonEmpty(env.HOST) ?? '127.0.0.1';
  // The adapter binds PORT (the start script passes PORT=$WEB_PORT).
  const port = nonEmpty(env.PORT) ?? nonEmpty(env.WEB_PORT) ?? '4321';
  const publicUrl = parseHttpUrl(nonEmpty(env.PUBLIC_URL) ?? `http://${host}:${port}`, 'PUBLIC_URL');
  const strapiUrl = parseHttpUrl(nonEmpty(env.STRAPI_URL) ?? DEFAULT_STRAPI_URL, 'STRAPI_URL');
  const level = (nonEmpty(env.LOG_LEVEL) ?? 'info').toLowerCase();
  const timeout = Number(nonEmpty(env.STRAPI_TIMEOUT_MS) ?? DEFAULT_STRAPI_TIMEOUT_MS);
  const inBucket = (nonEmpty(env.UPLOAD_PROVIDER) ?? 'local').toLowerCase() === 's3';
  const bucketUrl = inBucket ? nonEmpty(env.S3_PUBLIC_URL) : null;
  if (inBucket && bucketUrl === null)
    throw new Error('UPLOAD_PROVIDER=s3 needs S3_PUBLIC_URL (where visitors read the bucket).');
  return {
    publicOrigin: publicUrl.origin,
    secure: publicUrl.protocol === 'https:',
    strapiUrl: strapiUrl.href.replace(/\/+$/, ''),
    strapiToken: nonEmpty(env.STRAPI_TOKEN),
    tokenFile: fromRoot(repoRoot, nonEmpty(env.WEB_TOKEN_FILE) ?? 'data/web-token'),
    mediaDir: fromRoot(repoRoot, nonEmpty(env.MEDIA_DIR) ?? 'media'),
    mediaBaseUrl:
      bucketUrl === null
        ? null
        : mediaBaseUrl(parseHttpUrl(bucketUrl, 'S3_PUBLIC_URL').href, nonEmpty(env.S3_PREFIX) ?? ''),
    logLevel: LOG_LEVELS.has(level) ? level : 'info',
    cachePurgeSecret: nonEmpty(env.CACHE_PURGE_SECRET),
    strapiTimeoutMs: Number.isFinite(timeout) && timeout > 0 ? timeout : DEFAULT_STRAPI_TIMEOUT_MS,
    coordinatePrecision: parseCoordinatePrecision(env.PUBLIC_COORDINATE_PRECISION),
  };
}

/**
 * The repository root: PLUMAGE_ROOT when set, otherwise the nearest folder above `start` whose package.json
 * declares workspaces (the built server lives in web/dist/server/…).
 */
export function findRepoRoot(
  env: NodeJS.ProcessEnv = process.env,
  start: string = path.dirname(fileURLToPath(import.meta.url)),
): string {
  const given = nonEmpty(env.PLUMAGE_ROOT);
  if (given !== null) return path.resolve(given);
  for (let dir = start; ; dir = path.dirname(dir)) {
    try {
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { workspaces?: unknown };
      if (Array.isArray(manifest.workspaces)) return dir;
    } catch {
      // no package.json here: keep climbing
    }
    if (path.dirname(dir) === dir) return process.cwd();
  }
}

let current: Settings | null = null;

/** The process's settings, read from process.env on first use. */
export function settings(): Settings {
  current ??= readSettings(process.env, findRepoRoot());
  return current;
}

function fromRoot(repoRoot: string, setting: string): string {
  return path.isAbsolute(setting) ? setting : path.resolve(repoRoot, setting);
}

function nonEmpty(value: string | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? null : trimmed;
}
