// Files under a folder, their sha256 sums, and copies that hash what they copy in the same pass.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

/** A half-written file of the photo pipeline (`<name>.<uuid>.tmp`, renamed into place when complete). */
export function isTemporaryFile(name) {
  return /\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.tmp$/i.test(name);
}

/**
 * Every regular file under `dir`, as paths relative to it with `/` separators, sorted; symbolic links are not
 * followed (and not listed). A missing folder has no files.
 */
export async function listFiles(dir) {
  const out = [];
  async function walk(rel) {
    let entries;
    try {
      entries = await fs.promises.readdir(path.join(dir, rel), { withFileTypes: true });
    } catch (error) {
      if (error.code === 'ENOENT') return;
      throw error;
    }
    for (const entry of entries) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(child);
      else if (entry.isFile()) out.push(child);
    }
  }
  await walk('');
  return out.sort();
}

export async function sha256File(file) {
  const hash = crypto.createHash('sha256');
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest('hex');
}

/**
 * Copies `from` to `to` (parents made, written under a temporary name, flushed, then renamed) and returns the size
 * and sha256 of the bytes copied.
 */
export async function copyWithSha256(from, to) {
  await fs.promises.mkdir(path.dirname(to), { recursive: true });
  const temporary = `${to}.partial`;
  const hash = crypto.createHash('sha256');
  let bytes = 0;
  const source = fs.createReadStream(from);
  source.on('data', (chunk) => {
    hash.update(chunk);
    bytes += chunk.length;
  });
  const target = fs.createWriteStream(temporary, { flags: 'w' });
  await pipeline(source, target);
  const handle = await fs.promises.open(temporary, 'r+');
  try {
    await handle.datasync();
  } finally {
    await handle.close();
  }
  await fs.promises.rename(temporary, to);
  return { bytes, sha256: hash.digest('hex') };
}

/** Whether `child` lies inside (or is) `parent`, both resolved. */
export function isInside(parent, child) {
  const rel = path.relative(path.resolve(parent), path.resolve(child));
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
