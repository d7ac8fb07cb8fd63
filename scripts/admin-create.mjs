// `npm run admin:create -- --email E --password P [--firstname F] [--lastname L]`
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { loadEnv, repoRoot } from './lib/env.mjs';
import { ensureBuilt } from './lib/build.mjs';
import { parseArgs } from './lib/args.mjs';

const { options } = parseArgs(process.argv.slice(2));
if (!options.email || !options.password) {
  console.error('Usage: npm run admin:create -- --email you@example.org --password \'Secret123\' [--firstname F] [--lastname L]');
  process.exit(2);
}
loadEnv({ createSecrets: true });
ensureBuilt(['shared', 'cmsServer']);
const args = ['admin:create-user', '--email', options.email, '--password', options.password, '--firstname', options.firstname ?? 'Owner'];
if (options.lastname) args.push('--lastname', options.lastname);
const result = spawnSync(process.execPath, [path.join(repoRoot, 'node_modules/@strapi/strapi/bin/strapi.js'), ...args], {
  cwd: path.join(repoRoot, 'cms'),
  stdio: 'inherit',
  // Loaded beside a CMS that may be running: uploads in flight are its own, not for this one to clean up.
  env: { ...process.env, PLUMAGE_SKIP_RECOVERY: '1' },
});
process.exit(result.status ?? 1);
