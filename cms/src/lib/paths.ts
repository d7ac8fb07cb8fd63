import fs from 'node:fs';
import path from 'node:path';

/**
 * The repository root. Settings such as DATABASE_FILENAME and MEDIA_DIR are relative to it,
 * not to cms/ (or cms/dist/, where Strapi runs the compiled config from).
 */
export function repoRoot(): string {
  if (process.env.PLUMAGE_ROOT) return path.resolve(process.env.PLUMAGE_ROOT);
  let dir = __dirname;
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      try {
        if (JSON.parse(fs.readFileSync(manifest, 'utf8')).name === 'plumage') return dir;
      } catch {
        // An unreadable package.json is not ours: keep walking up.
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`Cannot find the Plumage repository root above ${__dirname}; set PLUMAGE_ROOT.`);
    dir = parent;
  }
}

/** Resolves a setting that is absolute, or relative to the repository root. */
export function fromRoot(setting: string): string {
  return path.isAbsolute(setting) ? setting : path.join(repoRoot(), setting);
}

export function mediaDir(): string {
  return fromRoot(process.env.MEDIA_DIR || 'media');
}

export function databaseFile(): string {
  return fromRoot(process.env.DATABASE_FILENAME || 'data/plumage.db');
}

/**
 * MEDIA_DIR/uploads must exist before Strapi's local upload provider starts (it refuses to start
 * otherwise, and it starts before any of our code): created when the server config is read.
 */
export function ensureMediaDirs(): string {
  const dir = mediaDir();
  fs.mkdirSync(path.join(dir, 'uploads'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'derivatives'), { recursive: true });
  return dir;
}
