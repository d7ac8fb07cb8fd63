/**
 * Real image files behind the derivative links of the pages the bench measures: the seeded collection's rows name
 * derivatives (bench/lib/seed.ts) that no pipeline made. One file per size and format is encoded from a camera
 * photo at the size the row states, and every linked path gets a hard link to it, so each link on those pages
 * answers with a real image of the right size and type (checked through the site's own /media route).
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';

/** The seed's sizes (bench/lib/seed.ts `derivatives`). */
const SIZES: Record<string, [number, number]> = { thumb: [400, 267], display: [1600, 1067], display2x: [3200, 2133] };
const LINK = /\/media\/derivatives\/[A-Za-z0-9/._-]+\.(?:avif|webp|jpg)/g;

/** The distinct derivative URLs in some pages. */
export function derivativeLinks(pages: readonly string[]): string[] {
  return [...new Set(pages.flatMap((html) => html.match(LINK) ?? []))];
}

/** Makes the files `links` name under `mediaDir` (MEDIA_DIR: /media/x is mediaDir/x); returns how many. */
export async function writeDerivativeFiles(links: readonly string[], mediaDir: string, photo: Buffer): Promise<number> {
  const prototypes = new Map<string, string>();
  const prototypeDir = path.join(mediaDir, 'bench-prototypes');
  fs.mkdirSync(prototypeDir, { recursive: true });
  for (const link of links) {
    const base = path.basename(link);
    const [name, ext] = base.split('.') as [string, string];
    const size = SIZES[name];
    if (!size) throw new Error(`a derivative link the seed does not make: ${link}`);
    if (!prototypes.has(base)) {
      const file = path.join(prototypeDir, base);
      const image = sharp(photo).resize(size[0], size[1], { fit: 'cover' });
      const encoded = ext === 'avif' ? image.avif({ quality: 50, effort: 0 }) : ext === 'webp' ? image.webp({ quality: 80 }) : image.jpeg({ quality: 80 });
      await encoded.toFile(file);
      prototypes.set(base, file);
    }
    const target = path.join(mediaDir, link.slice('/media/'.length));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    if (!fs.existsSync(target)) fs.linkSync(prototypes.get(base)!, target);
  }
  return links.length;
}
