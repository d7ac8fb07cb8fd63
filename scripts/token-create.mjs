// `npm run token:create -- --name N [--type read-only|full-access]`: prints the new API token as
// the last line of its output (the key is shown once; Strapi keeps only its hash).
import path from 'node:path';
import { createRequire } from 'node:module';
import { loadEnv, repoRoot } from './lib/env.mjs';
import { ensureBuilt } from './lib/build.mjs';
import { parseArgs } from './lib/args.mjs';

const { options } = parseArgs(process.argv.slice(2));
const type = options.type ?? 'read-only';
if (!options.name || !['read-only', 'full-access'].includes(type)) {
  console.error('Usage: npm run token:create -- --name "my script" [--type read-only|full-access]');
  process.exit(2);
}
loadEnv({ createSecrets: true });
process.env.STRAPI_LOG_LEVEL = 'error';
ensureBuilt(['shared', 'cmsServer']);

const cmsDir = path.join(repoRoot, 'cms');
process.chdir(cmsDir);
// Strapi's ESM build imports lodash/fp as a directory, which Node's ESM loader refuses: load its CommonJS build.
// Loaded beside a CMS that may be running: uploads in flight are its own, not for this one to clean up.
process.env.PLUMAGE_SKIP_RECOVERY = '1';
const { createStrapi } = createRequire(import.meta.url)('@strapi/strapi');
const strapi = createStrapi({ appDir: cmsDir, distDir: path.join(cmsDir, 'dist'), serveAdminPanel: false, autoReload: false });
await strapi.load();
let code = 0;
try {
  const tokens = strapi.service('admin::api-token-content-api');
  if (await tokens.getByName(options.name)) throw new Error(`A token named "${options.name}" exists already; choose another name.`);
  const created = await tokens.create({ name: options.name, type, lifespan: null, description: 'Made with npm run token:create' });
  console.log(`Created ${type} API token "${options.name}". Use it as: Authorization: Bearer <token>`);
  console.log(created.accessKey);
} catch (error) {
  console.error(error.message);
  code = 1;
} finally {
  await strapi.destroy();
}
process.exit(code);
