// Settings for every command: the environment first, then the repository's .env, then defaults.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const DEFAULTS = {
  HOST: '127.0.0.1',
  CMS_PORT: '1337',
  WEB_PORT: '4321',
  DATABASE_CLIENT: 'sqlite',
  DATABASE_FILENAME: 'data/plumage.db',
  MEDIA_DIR: 'media',
  LOG_LEVEL: 'info',
  WEB_TOKEN_FILE: 'data/web-token',
};

const SECRETS = ['APP_KEYS', 'ADMIN_JWT_SECRET', 'API_TOKEN_SALT', 'TRANSFER_TOKEN_SALT', 'JWT_SECRET', 'ENCRYPTION_KEY', 'CACHE_PURGE_SECRET'];

function secret() {
  return crypto.randomBytes(32).toString('base64');
}

export function parseEnvFile(text) {
  const out = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!m || line.trimStart().startsWith('#')) continue;
    let value = m[2];
    if (/^(['"]).*\1$/.test(value)) value = value.slice(1, -1);
    out[m[1]] = value;
  }
  return out;
}

/** Writes .env with fresh secrets when it is absent (never committed), or adds secrets it lacks. */
export function ensureEnvFile(file = path.join(repoRoot, '.env')) {
  const existing = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const have = parseEnvFile(existing);
  const missing = SECRETS.filter((name) => !have[name] && !process.env[name]);
  if (missing.length === 0) return { file, created: false };
  const lines = missing.map((name) => `${name}=${name === 'APP_KEYS' ? [secret(), secret(), secret(), secret()].join(',') : secret()}`);
  const header = existing ? '' : '# Written by `npm start` on first run: secrets for this installation. Never commit this file.\n# Other settings (HOST, CMS_PORT, WEB_PORT, PUBLIC_URL, ...) are described in config/.env.example.\n';
  fs.writeFileSync(file, `${existing}${existing && !existing.endsWith('\n') ? '\n' : ''}${header}${lines.join('\n')}\n`, { mode: 0o600 });
  return { file, created: !existing, added: missing };
}

/** process.env with .env and the defaults filled in where the environment says nothing. */
export function loadEnv({ createSecrets = false } = {}) {
  if (createSecrets) ensureEnvFile();
  const file = path.join(repoRoot, '.env');
  const fromFile = fs.existsSync(file) ? parseEnvFile(fs.readFileSync(file, 'utf8')) : {};
  for (const [key, value] of Object.entries({ ...DEFAULTS, ...fromFile })) {
    if (process.env[key] === undefined || process.env[key] === '') process.env[key] = value;
  }
  // Ports given without URLs: the URLs follow them.
  if (!process.env.PUBLIC_URL) process.env.PUBLIC_URL = `http://${process.env.HOST}:${process.env.WEB_PORT}`;
  if (!process.env.STRAPI_URL) process.env.STRAPI_URL = `http://${process.env.HOST}:${process.env.CMS_PORT}`;
  process.env.PLUMAGE_ROOT ??= repoRoot;
  return process.env;
}

export function fromRoot(setting) {
  return path.isAbsolute(setting) ? setting : path.join(repoRoot, setting);
}
