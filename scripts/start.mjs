// `npm start`: first run writes .env secrets and builds what is missing; then runs cms and web
// in the foreground until Ctrl-C.
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { loadEnv, repoRoot, fromRoot } from './lib/env.mjs';
import { ensureBuilt } from './lib/build.mjs';

const env = loadEnv({ createSecrets: true });
env.NODE_ENV ??= 'production';
// glibc's per-thread arenas let sharp's native buffers pile up to ~700 MB over a series of uploads;
// two arenas keep the CMS near 280 MB (measured on 12 uploads in a row).
env.MALLOC_ARENA_MAX ??= '2';
ensureBuilt(['shared', 'cmsAdmin', 'cmsServer', 'web']);

const children = new Set();
let stopping = false;

function start(name, command, args, cwd, extraEnv = {}) {
  const child = spawn(command, args, { cwd, env: { ...env, ...extraEnv }, stdio: 'inherit' });
  children.add(child);
  child.on('exit', (code, signal) => {
    children.delete(child);
    if (!stopping) {
      console.error(`[plumage] ${name} stopped (${signal ?? `exit ${code}`}); stopping the rest.`);
      stop(code || 1);
    } else if (children.size === 0) {
      process.exit(process.exitCode ?? 0);
    }
  });
  return child;
}

function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  process.exitCode = code;
  for (const child of children) child.kill('SIGTERM');
  if (children.size === 0) process.exit(code);
  setTimeout(() => {
    for (const child of children) child.kill('SIGKILL');
    process.exit(code);
  }, 15000).unref();
}

process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

async function waitForHealth(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !stopping) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.status < 500) return true;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

start('cms', process.execPath, [path.join(repoRoot, 'node_modules/@strapi/strapi/bin/strapi.js'), 'start'], path.join(repoRoot, 'cms'));
if (!(await waitForHealth(`${env.STRAPI_URL}/_health`, 120000))) {
  console.error('[plumage] the CMS did not answer /_health within 120 s.');
  stop(1);
} else {
  // The CMS writes the site's read-only token at boot when the database has none that works.
  const token = fs.readFileSync(fromRoot(env.WEB_TOKEN_FILE), 'utf8').trim();
  start('web', process.execPath, [path.join(repoRoot, 'web/server.mjs')], path.join(repoRoot, 'web'), {
    PORT: env.WEB_PORT,
    STRAPI_TOKEN: env.STRAPI_TOKEN || token,
  });
  console.log(`[plumage] CMS admin: ${env.STRAPI_URL}/admin   site: ${env.PUBLIC_URL}   (Ctrl-C stops both)`);
}
