// Settings for every command: the environment first, then the repository's .env, then defaults.
// The parsing lives in env-file.cjs, shared with PM2's ecosystem.config.js (one implementation).
import { createRequire } from 'node:module';

const envFile = createRequire(import.meta.url)('./env-file.cjs');

export const { repoRoot, DEFAULTS, parseEnvFile, ensureEnvFile, fromRoot } = envFile;

/** process.env with .env and the defaults filled in where the environment says nothing. */
export function loadEnv({ createSecrets = false } = {}) {
  if (createSecrets) ensureEnvFile();
  Object.assign(process.env, envFile.resolveSettings(process.env, envFile.readEnvFile()));
  return process.env;
}
