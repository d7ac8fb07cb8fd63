// `npm run strapi -- COMMAND …`: Strapi's own command line (export, import, transfer, console, …) in cms/, with the
// settings every Plumage command uses (the environment, then .env or PLUMAGE_ENV_FILE, then the defaults), so that
// it opens the same database and media as `npm start`. Strapi by itself would read cms/.env only.
import path from 'node:path';
import { spawn } from 'node:child_process';
import { loadEnv, repoRoot } from './lib/env.mjs';

loadEnv();
// Strapi's commands boot the app, bootstrap included: its sweep of what an interrupted upload left must not run here.
// `import` boots on the new, still empty database, so every derivative folder in MEDIA_DIR looked unreferenced and
// was removed; `export` and the rest may run beside a CMS whose uploads under way are not theirs to judge.
process.env.PLUMAGE_SKIP_RECOVERY = '1';
const cli = path.join(repoRoot, 'node_modules', '.bin', 'strapi');
const child = spawn(cli, process.argv.slice(2), { cwd: path.join(repoRoot, 'cms'), env: process.env, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
