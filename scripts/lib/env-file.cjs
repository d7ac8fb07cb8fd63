// The one reader of the repository's .env, in CommonJS so that both the ES-module scripts
// (scripts/lib/env.mjs) and PM2's ecosystem.config.js (CommonJS, loaded synchronously) use it.
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const repoRoot = path.resolve(__dirname, '..', '..');

/** The contract's defaults (ARCHITECTURE.md §2). */
const DEFAULTS = Object.freeze({
  HOST: '127.0.0.1',
  CMS_PORT: '1337',
  WEB_PORT: '4321',
  DATABASE_CLIENT: 'sqlite',
  DATABASE_FILENAME: 'data/plumage.db',
  MEDIA_DIR: 'media',
  LOG_LEVEL: 'info',
  WEB_TOKEN_FILE: 'data/web-token',
  // PM2's log files (ecosystem.config.js) and where `npm run logs:probes` looks.
  LOG_DIR: 'logs',
});

const SECRETS = Object.freeze(['APP_KEYS', 'ADMIN_JWT_SECRET', 'API_TOKEN_SALT', 'TRANSFER_TOKEN_SALT', 'JWT_SECRET', 'ENCRYPTION_KEY', 'CACHE_PURGE_SECRET']);

/** The settings file: PLUMAGE_ENV_FILE when set (a server may keep it outside the checkout), else .env at the root. */
function envFilePath(env = process.env) {
  return env.PLUMAGE_ENV_FILE ? path.resolve(env.PLUMAGE_ENV_FILE) : path.join(repoRoot, '.env');
}

function secret() {
  return crypto.randomBytes(32).toString('base64');
}

/**
 * `NAME=value` lines into an object: `export ` prefixes, blank lines and `#` comments ignored, one pair of
 * matching quotes around a value removed.
 *
 * @example
 * parseEnvFile('# c\nexport HOST=0.0.0.0\nPUBLIC_URL="https://birds.example.org"\n')
 * // { HOST: '0.0.0.0', PUBLIC_URL: 'https://birds.example.org' }
 */
function parseEnvFile(text) {
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
function ensureEnvFile(file = envFilePath(), env = process.env) {
  const existing = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const have = parseEnvFile(existing);
  const missing = SECRETS.filter((name) => !have[name] && !env[name]);
  if (missing.length === 0) return { file, created: false };
  const lines = missing.map((name) => `${name}=${name === 'APP_KEYS' ? [secret(), secret(), secret(), secret()].join(',') : secret()}`);
  const header = existing ? '' : '# Written by `npm start` on first run: secrets for this installation. Never commit this file.\n# Other settings (HOST, CMS_PORT, WEB_PORT, PUBLIC_URL, ...) are described in config/.env.example.\n';
  fs.writeFileSync(file, `${existing}${existing && !existing.endsWith('\n') ? '\n' : ''}${header}${lines.join('\n')}\n`, { mode: 0o600 });
  return { file, created: !existing, added: missing };
}

/**
 * The settings every process runs with: `env` first, then the values of `.env` (`fromFile`), then the defaults;
 * an empty value counts as unset. PUBLIC_URL and STRAPI_URL follow HOST and the ports when not given.
 * Returns only what it fills in (the keys of the defaults and of the file, and the derived ones); `env` is not changed.
 *
 * @example
 * resolveSettings({ WEB_PORT: '8080' }, {}).PUBLIC_URL // 'http://127.0.0.1:8080'
 */
function resolveSettings(env, fromFile, root = repoRoot) {
  const filled = {};
  const given = (key) => (env[key] !== undefined && env[key] !== '' ? env[key] : undefined);
  for (const [key, value] of Object.entries({ ...DEFAULTS, ...fromFile })) {
    if (given(key) === undefined) filled[key] = value;
  }
  const get = (key) => given(key) ?? filled[key];
  if (!get('PUBLIC_URL')) filled.PUBLIC_URL = `http://${get('HOST')}:${get('WEB_PORT')}`;
  if (!get('STRAPI_URL')) filled.STRAPI_URL = `http://${get('HOST')}:${get('CMS_PORT')}`;
  if (env.PLUMAGE_ROOT === undefined) filled.PLUMAGE_ROOT = root;
  return filled;
}

/** The parsed settings file (see envFilePath), or {} when there is none. */
function readEnvFile(file = envFilePath()) {
  return fs.existsSync(file) ? parseEnvFile(fs.readFileSync(file, 'utf8')) : {};
}

/** A setting that is absolute, or relative to the repository root. */
function fromRoot(setting, root = repoRoot) {
  return path.isAbsolute(setting) ? setting : path.join(root, setting);
}

module.exports = { repoRoot, DEFAULTS, SECRETS, envFilePath, parseEnvFile, ensureEnvFile, resolveSettings, readEnvFile, fromRoot };
