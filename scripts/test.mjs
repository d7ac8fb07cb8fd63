// `npm test`: builds what the tests run against (shared/, the CMS and its admin panel, the built site),
// then every test: unit, integration, browser. Extra arguments go to vitest
// (`npm test -- --project shared`, `npm test -- tests/integration/upload.test.ts`).
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { repoRoot } from './lib/env.mjs';
import { ensureBuilt } from './lib/build.mjs';

process.env.ASTRO_TELEMETRY_DISABLED = '1';
process.env.STRAPI_TELEMETRY_DISABLED = 'true';
ensureBuilt(['shared', 'cmsAdmin', 'cmsServer', 'web']);

const vitest = path.join(repoRoot, 'node_modules', '.bin', 'vitest');
const result = spawnSync(vitest, ['run', ...process.argv.slice(2)], { cwd: repoRoot, stdio: 'inherit', env: process.env });
process.exit(result.status ?? 1);
