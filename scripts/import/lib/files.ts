import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** sha256 of a file's bytes, read as a stream (a 100 MB original never sits in memory). */
export async function sha256File(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest('hex');
}

/** What the first bytes of a file say it is: an image format the CMS may take, or what else. */
export type Sniffed = { image: true; mime: string } | { image: false; looksLike: string };

/**
 * The file's kind by its first bytes, not its name: a renamed text file or PDF is not sent at all.
 *
 * @example
 * sniffImage(Buffer.from([0xff, 0xd8, 0xff, 0xe0])) // { image: true, mime: 'image/jpeg' }
 */
export function sniffImage(head: Buffer): Sniffed {
  const ascii = head.subarray(0, 16).toString('latin1');
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return { image: true, mime: 'image/jpeg' };
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return { image: true, mime: 'image/png' };
  if (ascii.startsWith('RIFF') && ascii.slice(8, 12) === 'WEBP') return { image: true, mime: 'image/webp' };
  if (ascii.startsWith('GIF87a') || ascii.startsWith('GIF89a')) return { image: true, mime: 'image/gif' };
  if (ascii.startsWith('II*\0') || ascii.startsWith('MM\0*')) return { image: true, mime: 'image/tiff' };
  if (ascii.slice(4, 8) === 'ftyp') {
    const brand = ascii.slice(8, 12);
    if (/^avi[fs]/.test(brand)) return { image: true, mime: 'image/avif' };
    if (/^(heic|heix|hevc|heim|heis|mif1|msf1)/.test(brand)) return { image: true, mime: 'image/heic' };
    return { image: false, looksLike: 'a video or other ISO media file' };
  }
  if (ascii.startsWith('%PDF')) return { image: false, looksLike: 'a PDF' };
  if (head.length === 0) return { image: false, looksLike: 'an empty file' };
  const text = head.toString('utf8').trimStart().toLowerCase();
  if (text.startsWith('<svg') || (text.startsWith('<?xml') && text.includes('<svg'))) return { image: false, looksLike: 'an SVG drawing' };
  if (text.startsWith('<!doctype html') || text.startsWith('<html')) return { image: false, looksLike: 'an HTML page' };
  if (!head.some((byte) => byte === 0 || (byte < 9 && byte !== 0))) return { image: false, looksLike: 'text' };
  return { image: false, looksLike: 'an unknown kind of file' };
}

export async function readHead(file: string, length = 64): Promise<Buffer> {
  const handle = await fsp.open(file, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Downloads a URL into a private temporary folder; the caller removes it with `cleanup`. */
export async function downloadToTemp(url: string, fileName: string): Promise<{ file: string; cleanup: () => Promise<void> }> {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'plumage-import-'));
  const cleanup = () => fsp.rm(dir, { recursive: true, force: true });
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(10 * 60_000) });
    if (!res.ok || !res.body) throw new Error(`download failed: ${res.status} ${res.statusText}`);
    const file = path.join(dir, fileName.replace(/[^\w.-]+/g, '_') || 'image');
    await pipeline(Readable.fromWeb(res.body as any), fs.createWriteStream(file));
    return { file, cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
