import fs from 'node:fs/promises';
import path from 'node:path';
import { linkedPageHrefs, scanGalleryHtml, type GalleryImage } from './gallery/scan-gallery-html';
import { parseManifest, type ManifestEntry } from './manifest/parse-manifest';
import type { PhotoHints } from './photo-fields';

/** Where an image's bytes are: a file on disk, or a URL a remote predecessor site links. */
export type ItemSource = { kind: 'file'; path: string } | { kind: 'url'; url: string };

/** One image to import, with what is known about it. */
export interface ImportItem {
  /** How reports name it: the path below the import root, or the URL. */
  label: string;
  source: ItemSource;
  fileName: string;
  hints: PhotoHints;
}

export interface Discovery {
  mode: 'folder' | 'gallery';
  items: ImportItem[];
  /** Files or links that cannot be imported, with why (missing, unreadable manifest, …). */
  problems: Array<{ label: string; reason: string }>;
  /** Manifests or pages read, for the report. */
  read: string[];
  /** Files that are not images (nor manifests), left alone. */
  ignored: number;
}

export interface DiscoverOptions {
  mode?: 'folder' | 'gallery' | 'auto';
  /** Extra manifest files (`--manifest`), besides those found at the top of the folder. */
  manifests?: string[];
  /** Pages of a remote gallery read at most (PATH given as an http(s) URL). */
  maxPages?: number;
}

const IMAGE_FILE = /\.(jpe?g|png|webp|avif|tiff?|heic|heif|gif)$/i;
const PAGE_FILE = /\.html?$/i;
// Folders of a photo library that hold copies, not photographs: thumbnails, NAS indexes, editors' caches.
const SKIPPED_FOLDER = /^(\..*|node_modules|thumbs?|thumbnails?|_thumbs?|@eaDir|__MACOSX|cache|previews?)$/i;

const isUrl = (text: string) => /^https?:\/\//i.test(text);

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await fs.readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDER.test(entry.name)) out.push(...(await walk(full)));
    } else if (entry.isFile() && !entry.name.startsWith('.')) out.push(full);
  }
  return out;
}

const slash = (p: string) => p.split(path.sep).join('/');

/**
 * What to import from PATH: a folder of photos (with manifests, XMP and folder names as hints),
 * or a predecessor gallery (HTML pages linking the images, captions as hints), chosen by what
 * PATH holds unless `mode` says.
 */
export async function discoverSources(target: string, options: DiscoverOptions = {}): Promise<Discovery> {
  if (isUrl(target)) return discoverRemoteGallery(target, options.maxPages ?? 200);
  const stat = await fs.stat(target).catch(() => null);
  if (!stat) throw new Error(`${target} does not exist`);
  if (stat.isFile()) {
    if (PAGE_FILE.test(target)) return discoverLocalGallery(path.dirname(target), [target], true);
    if (IMAGE_FILE.test(target)) return discoverFolder(path.dirname(target), [target], options.manifests ?? []);
    throw new Error(`${target} is neither a folder, an HTML page nor an image`);
  }
  const files = await walk(target);
  const pages = files.filter((file) => PAGE_FILE.test(file));
  const mode = options.mode && options.mode !== 'auto' ? options.mode : pages.length > 0 ? 'gallery' : 'folder';
  if (mode === 'gallery') return discoverLocalGallery(target, pages, false);
  return discoverFolder(target, files, options.manifests ?? []);
}

async function readManifest(file: string): Promise<ManifestEntry[] | null> {
  const format = file.toLowerCase().endsWith('.json') ? 'json' : 'csv';
  return parseManifest(await fs.readFile(file, 'utf8'), format);
}

async function discoverFolder(root: string, files: string[], extraManifests: string[]): Promise<Discovery> {
  const problems: Discovery['problems'] = [];
  const read: string[] = [];
  const byPath = new Map<string, ManifestEntry>();
  const byName = new Map<string, ManifestEntry | null>();
  const topLevel = files.filter((file) => path.dirname(file) === root && /\.(csv|json)$/i.test(file));
  const manifestFiles = [...new Set([...topLevel, ...extraManifests.map((file) => path.resolve(file))])];
  const used = new Set<ManifestEntry>();

  for (const file of manifestFiles) {
    let entries: ManifestEntry[] | null;
    try {
      entries = await readManifest(file);
    } catch (error) {
      problems.push({ label: path.basename(file), reason: `manifest unreadable: ${(error as Error).message}` });
      continue;
    }
    if (!entries) {
      // A CSV or JSON without a file column is some other file (a taxonomy, notes): only an explicit --manifest is an error.
      if (extraManifests.some((extra) => path.resolve(extra) === file)) problems.push({ label: path.basename(file), reason: 'not a manifest: no file/filename column' });
      continue;
    }
    read.push(path.relative(root, file) || path.basename(file));
    const base = path.dirname(file);
    for (const entry of entries) {
      const relative = slash(path.relative(root, path.resolve(base, entry.file)));
      byPath.set(relative.toLowerCase(), entry);
      const name = path.basename(entry.file).toLowerCase();
      // A bare file name matches only when it is unique in the manifests.
      byName.set(name, byName.has(name) ? null : entry);
    }
  }

  const items: ImportItem[] = [];
  let ignored = 0;
  for (const file of files) {
    if (!IMAGE_FILE.test(file)) {
      if (!manifestFiles.includes(file)) ignored++;
      continue;
    }
    const relative = slash(path.relative(root, file));
    const manifest = byPath.get(relative.toLowerCase()) ?? byName.get(path.basename(file).toLowerCase()) ?? null;
    if (manifest) used.add(manifest);
    items.push({
      label: relative,
      source: { kind: 'file', path: file },
      fileName: path.basename(file),
      hints: { manifest, folders: relative.split('/').slice(0, -1) },
    });
  }
  for (const entry of new Set(byPath.values())) {
    if (!used.has(entry)) problems.push({ label: entry.file, reason: 'listed in the manifest but no such image in the folder' });
  }
  return { mode: 'folder', items, problems, read, ignored };
}

/** Resolves a link on a page to a file below the gallery's root (root-relative links start at the root). */
function resolveLocal(root: string, page: string, href: string): string {
  const bare = decodeURIComponentSafe(href.split(/[?#]/)[0]!);
  return bare.startsWith('/') ? path.join(root, bare) : path.resolve(path.dirname(page), bare);
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

interface Found {
  source: ItemSource;
  label: string;
  captions: GalleryImage['captions'];
}

function collect(found: Map<string, Found>, key: string, entry: Found): void {
  const existing = found.get(key);
  if (!existing) {
    found.set(key, entry);
    return;
  }
  for (const caption of entry.captions) if (!existing.captions.some((one) => one.text === caption.text)) existing.captions.push(caption);
}

async function discoverLocalGallery(root: string, startPages: string[], follow: boolean): Promise<Discovery> {
  const problems: Discovery['problems'] = [];
  const found = new Map<string, Found>();
  const queue = [...startPages.map((page) => path.resolve(page))];
  const seen = new Set(queue);
  const read: string[] = [];

  while (queue.length > 0) {
    const page = queue.shift()!;
    let html: string;
    try {
      html = await fs.readFile(page, 'utf8');
    } catch (error) {
      problems.push({ label: slash(path.relative(root, page)), reason: `page unreadable: ${(error as Error).message}` });
      continue;
    }
    read.push(slash(path.relative(root, page)));
    for (const image of scanGalleryHtml(html)) {
      if (isUrl(image.href) || image.href.startsWith('//')) {
        const url = new URL(image.href, 'https://invalid/').href;
        collect(found, url, { source: { kind: 'url', url }, label: url, captions: image.captions });
        continue;
      }
      const file = resolveLocal(root, page, image.href);
      collect(found, file, { source: { kind: 'file', path: file }, label: slash(path.relative(root, file)), captions: image.captions });
    }
    if (!follow) continue;
    for (const href of linkedPageHrefs(html)) {
      let next = resolveLocal(root, page, href);
      if (href.endsWith('/')) next = path.join(next, 'index.html');
      // Only pages of this gallery: below its root, and only once.
      if (!next.startsWith(root + path.sep) || seen.has(next)) continue;
      seen.add(next);
      queue.push(next);
    }
  }

  const items: ImportItem[] = [];
  for (const entry of found.values()) {
    if (entry.source.kind === 'file') {
      const exists = await fs.stat(entry.source.path).then((s) => s.isFile(), () => false);
      if (!exists) {
        problems.push({ label: entry.label, reason: 'linked from the gallery but not found on disk' });
        continue;
      }
    }
    const fileName = entry.source.kind === 'file' ? path.basename(entry.source.path) : decodeURIComponentSafe(path.posix.basename(new URL(entry.source.url).pathname)) || 'image.jpg';
    items.push({ label: entry.label, source: entry.source, fileName, hints: { captions: entry.captions } });
  }
  return { mode: 'gallery', items, problems, read, ignored: 0 };
}

async function discoverRemoteGallery(start: string, maxPages: number): Promise<Discovery> {
  const problems: Discovery['problems'] = [];
  const found = new Map<string, Found>();
  const origin = new URL(start);
  const scope = origin.href.slice(0, origin.href.lastIndexOf('/') + 1);
  const queue = [origin.href];
  const seen = new Set(queue);
  const read: string[] = [];

  while (queue.length > 0 && read.length < maxPages) {
    const page = queue.shift()!;
    let html: string;
    try {
      const res = await fetch(page, { signal: AbortSignal.timeout(60_000) });
      if (!res.ok) throw new Error(`${res.status} ${res.statusText}`);
      html = await res.text();
    } catch (error) {
      problems.push({ label: page, reason: `page unreadable: ${(error as Error).message}` });
      continue;
    }
    read.push(page);
    for (const image of scanGalleryHtml(html)) {
      const url = new URL(image.href, page).href;
      collect(found, url, { source: { kind: 'url', url }, label: url, captions: image.captions });
    }
    for (const href of linkedPageHrefs(html)) {
      const next = new URL(href, page).href;
      if (!next.startsWith(scope) || seen.has(next)) continue;
      seen.add(next);
      queue.push(next);
    }
  }
  const items = [...found.values()].map((entry) => ({
    label: entry.label,
    source: entry.source,
    fileName: decodeURIComponentSafe(path.posix.basename(new URL((entry.source as { url: string }).url).pathname)) || 'image.jpg',
    hints: { captions: entry.captions },
  }));
  return { mode: 'gallery', items, problems, read, ignored: 0 };
}
