// Builds what is missing or out of date, and only that: a fresh clone builds everything once,
// a second `npm start` starts at once.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { repoRoot } from './env.mjs';

function listFiles(root, dir, skip) {
  const out = [];
  if (!fs.existsSync(dir)) return out;
  const stat = fs.statSync(dir);
  if (stat.isFile()) return [dir];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    // Matched inside the repository only: a checkout under a folder named "admin" or "dist" is no reason to skip.
    if (skip.some((s) => `${path.sep}${path.relative(root, full)}`.includes(s))) continue;
    if (entry.isDirectory()) out.push(...listFiles(root, full, skip));
    else out.push(full);
  }
  return out;
}

/** A digest of the inputs' names and contents, so any edit (or a new dependency) means a rebuild. */
export function digestOf(inputs, skip = [], root = repoRoot) {
  const hash = crypto.createHash('sha256');
  for (const input of inputs) {
    for (const file of listFiles(root, path.join(root, input), ['node_modules', `${path.sep}dist`, `${path.sep}.astro`, ...skip]).sort()) {
      hash.update(path.relative(root, file)).update('\0').update(fs.readFileSync(file)).update('\0');
    }
  }
  return hash.digest('hex');
}

function run(label, command, args, cwd) {
  const started = Date.now();
  console.log(`[plumage] ${label} …`);
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', env: process.env });
  if (result.status !== 0) throw new Error(`${label} failed (exit ${result.status ?? result.signal}).`);
  console.log(`[plumage] ${label}: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const bin = (name) => path.join(repoRoot, 'node_modules', '.bin', name);

const STEPS = {
  shared: {
    inputs: ['shared/src', 'shared/package.json', 'shared/tsconfig.json', 'shared/tsconfig.build.json', 'shared/tsconfig.cjs.json'],
    stamp: 'shared/dist/.build-digest',
    build: () => run('Building shared/', 'npm', ['run', 'build', '-w', 'shared'], repoRoot),
  },
  cmsServer: {
    inputs: ['cms/src', 'cms/config', 'cms/tsconfig.json', 'cms/package.json', 'shared/src'],
    skip: [`${path.sep}admin${path.sep}`],
    stamp: 'cms/dist/.server-digest',
    build: () => run('Compiling the CMS (TypeScript)', bin('tsc'), ['-p', 'tsconfig.json'], path.join(repoRoot, 'cms')),
  },
  cmsAdmin: {
    // The admin panel bundle depends on the admin customisations (src/admin/app.tsx and what it imports,
    // shared/ included), any local plugin's admin code, and on the installed versions.
    inputs: ['cms/src/admin', 'cms/src/plugins', 'shared/src', 'cms/package.json', 'package-lock.json'],
    stamp: 'cms/dist/build/.admin-digest',
    build: () => run('Building the Strapi admin panel (about a minute, ~2 GB of memory)', bin('strapi'), ['build', '--minify'], path.join(repoRoot, 'cms')),
  },
  web: {
    inputs: ['web/src', 'web/public', 'web/astro.config.mjs', 'web/package.json', 'web/tsconfig.json', 'shared/src'],
    stamp: 'web/dist/.build-digest',
    build: () => run('Building the site (Astro)', 'npm', ['run', 'build', '-w', 'web'], repoRoot),
  },
};

/** What each part is built from (for tests: which edits mean a rebuild). */
export function buildInputs(part) {
  const { inputs, skip = [] } = STEPS[part];
  return { inputs, skip };
}

/** The named parts whose inputs changed since their last build (or that were never built), with their digests. */
export function staleParts(parts) {
  return parts.flatMap((part) => {
    const step = STEPS[part];
    const digest = digestOf(step.inputs, step.skip);
    const stampFile = path.join(repoRoot, step.stamp);
    const current = fs.existsSync(stampFile) ? fs.readFileSync(stampFile, 'utf8').trim() : '';
    return current === digest ? [] : [{ part, digest }];
  });
}

/** Builds the named parts whose inputs changed since their last build. */
export function ensureBuilt(parts) {
  for (const { part, digest } of staleParts(parts)) {
    const step = STEPS[part];
    const stampFile = path.join(repoRoot, step.stamp);
    step.build();
    fs.mkdirSync(path.dirname(stampFile), { recursive: true });
    fs.writeFileSync(stampFile, `${digest}\n`);
  }
}
