// `npm run release:pack [-- OUT_DIR]`: on CI or a desktop (the admin panel build needs ~2 GB, more than a 1 GB host
// has), builds everything the host runs and packs it into one tarball: the tracked sources plus shared/dist, cms/dist
// (with the admin panel) and web/dist, and their build stamps, so that `npm start` on the host finds nothing to
// rebuild. No node_modules (the host runs `npm ci --omit=dev` for its own platform), no .env, data, media or logs.
// config/deploy/README.md says what to do with it.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { ensureBuilt } from './lib/build.mjs';
import { repoRoot } from './lib/env.mjs';

const BUILT = ['shared/dist', 'cms/dist', 'web/dist'];

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: repoRoot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr || result.error?.message}`);
  return result.stdout;
}

function filesUnder(dir) {
  const out = [];
  for (const entry of fs.readdirSync(path.join(repoRoot, dir), { withFileTypes: true })) {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(rel));
    else if (entry.isFile()) out.push(rel);
  }
  return out;
}

const outDir = path.resolve(process.argv[2] ?? path.join(repoRoot, 'dist-release'));
ensureBuilt(['shared', 'cmsServer', 'cmsAdmin', 'web']);

// Tracked files as they are on disk now (an uncommitted change is packed too, and said).
const tracked = run('git', ['ls-files', '-z']).split('\0').filter((file) => file !== '' && fs.existsSync(path.join(repoRoot, file)));
const dirty = run('git', ['status', '--porcelain', '--untracked-files=no']).trim();
const files = [...new Set([...tracked, ...BUILT.flatMap(filesUnder)])].sort();
const commit = run('git', ['rev-parse', '--short=12', 'HEAD']).trim();
const version = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).version;
const name = `plumage-${version}-${commit}${dirty ? '-modified' : ''}`;

fs.mkdirSync(outDir, { recursive: true });
const tarball = path.join(outDir, `${name}.tar.gz`);
// Paths relative to the checkout (GNU and BSD tar alike): the host unpacks it into a folder of its own.
run('tar', ['-czf', tarball, '--null', '-T', '-'], { input: `${files.join('\0')}\0` });
const bytes = fs.readFileSync(tarball);
const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
fs.writeFileSync(`${tarball}.sha256`, `${sha256}  ${path.basename(tarball)}\n`);

console.log(`[release] ${files.length} files, ${(bytes.length / 1e6).toFixed(1)} MB${dirty ? ' (with uncommitted changes)' : ''}`);
console.log(`[release] sha256 ${sha256}`);
console.log(tarball);
