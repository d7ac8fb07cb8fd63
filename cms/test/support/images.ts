import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import sharp, { type Exif } from 'sharp';

/** The repository's root folder. */
export const repoRoot = resolve(__dirname, '..', '..', '..');

/**
 * The real camera files kept beside the repository (`../shared/fixtures/camera` from its root, or
 * PLUMAGE_CAMERA_FIXTURES, e.g. from a worktree further down); may be absent.
 */
export const cameraFixturesDir = process.env.PLUMAGE_CAMERA_FIXTURES || resolve(repoRoot, '..', 'shared', 'fixtures', 'camera');

/** A fresh temporary folder, and a function that removes it. */
export async function makeTempDir(prefix = 'plumage-pipeline-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export interface JpegOptions {
  width?: number;
  height?: number;
  /** EXIF written by sharp: IFD0 = main, IFD2 = Exif, IFD3 = GPS; values are strings ("63/10" for a rational). */
  exif?: Exif;
  /** EXIF orientation tag 1–8. */
  orientation?: number;
  /** Random noise (photo-like, compresses badly) instead of a flat colour. */
  noise?: boolean;
  quality?: number;
}

/** A JPEG made by sharp, with the EXIF and orientation asked for and nothing else. */
export async function makeJpeg(options: JpegOptions = {}): Promise<Buffer> {
  const { width = 64, height = 48, exif, orientation, noise = false, quality = 90 } = options;
  let image = sharp({
    create: {
      width,
      height,
      channels: 3,
      background: { r: 70, g: 110, b: 140 },
      ...(noise ? { noise: { type: 'gaussian' as const, mean: 128, sigma: 40 } } : {}),
    },
  });
  if (orientation !== undefined) image = image.withMetadata({ orientation });
  if (exif !== undefined) image = image.withExifMerge(exif);
  return image.jpeg({ quality }).toBuffer();
}

/** RGB colours of a 2 × 3 grid (columns × rows) that no flip or rotation maps onto itself. */
export const patternColours: readonly (readonly [number, number, number])[] = [
  [220, 30, 30],
  [30, 200, 40],
  [40, 60, 220],
  [230, 220, 40],
  [200, 40, 210],
  [30, 210, 210],
];

/** The pattern as raw RGB, `cell` pixels per grid cell: 2 cells wide, 3 high (taller than wide). */
export function patternPixels(cell: number): { data: Buffer; width: number; height: number } {
  const width = 2 * cell;
  const height = 3 * cell;
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const colour = patternColours[Math.floor(y / cell) * 2 + Math.floor(x / cell)]!;
      data.set(colour, (y * width + x) * 3);
    }
  }
  return { data, width, height };
}

/**
 * Where displayed pixel (x, y) of a W × H picture is stored for each EXIF orientation (EXIF 2.32, tag 0x0112:
 * which side the stored 0th row and 0th column are on when displayed).
 */
const storedCoordinate: Record<number, (x: number, y: number, w: number, h: number) => [number, number]> = {
  1: (x, y) => [x, y],
  2: (x, y, w) => [w - 1 - x, y],
  3: (x, y, w, h) => [w - 1 - x, h - 1 - y],
  4: (x, y, _w, h) => [x, h - 1 - y],
  5: (x, y) => [y, x],
  6: (x, y, w) => [y, w - 1 - x],
  7: (x, y, w, h) => [h - 1 - y, w - 1 - x],
  8: (x, y, _w, h) => [h - 1 - y, x],
};

/** A JPEG of the pattern stored so that it only looks right once `orientation` is applied. */
export async function orientedPatternJpeg(orientation: number, cell = 40): Promise<Buffer> {
  const pattern = patternPixels(cell);
  const swapped = orientation >= 5;
  const storedWidth = swapped ? pattern.height : pattern.width;
  const storedHeight = swapped ? pattern.width : pattern.height;
  const stored = Buffer.alloc(pattern.data.length);
  for (let y = 0; y < pattern.height; y++) {
    for (let x = 0; x < pattern.width; x++) {
      const [sx, sy] = storedCoordinate[orientation]!(x, y, pattern.width, pattern.height);
      pattern.data.copy(stored, (sy * storedWidth + sx) * 3, (y * pattern.width + x) * 3, (y * pattern.width + x + 1) * 3);
    }
  }
  return sharp(stored, { raw: { width: storedWidth, height: storedHeight, channels: 3 } })
    .withMetadata({ orientation })
    .jpeg({ quality: 95 })
    .toBuffer();
}

/** Mean RGB of each cell of a `columns` × `rows` grid laid over an image, upright as stored. */
export async function coarseColours(input: string | Buffer, columns: number, rows: number): Promise<number[][]> {
  const { data } = await sharp(input)
    .flatten({ background: '#ffffff' })
    .resize(columns, rows, { fit: 'fill', kernel: 'cubic' })
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  const cells: number[][] = [];
  for (let i = 0; i < columns * rows; i++) cells.push([data[i * 3]!, data[i * 3 + 1]!, data[i * 3 + 2]!]);
  return cells;
}

/** The largest difference of any channel of any cell. */
export function largestDifference(a: number[][], b: number[][]): number {
  return Math.max(...a.flatMap((cell, i) => cell.map((value, c) => Math.abs(value - b[i]![c]!))));
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/**
 * A PNG that declares `width` × `height` pixels (8-bit RGB) in its header and holds the first row of picture data
 * only: the shape of a decompression bomb, without its weight. Anything that tried to decode it would fail as
 * damaged (it ends after one row), not as too big.
 */
export function pngBomb(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(Buffer.alloc(1 + Math.min(width, 1_000_000) * 3))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Inserts a JPEG APP segment right after the SOI marker. */
export function withAppSegment(jpeg: Buffer, marker: number, payload: Buffer): Buffer {
  const length = Buffer.alloc(2);
  length.writeUInt16BE(payload.length + 2);
  return Buffer.concat([jpeg.subarray(0, 2), Buffer.from([0xff, marker]), length, payload, jpeg.subarray(2)]);
}

/** Whether anything exists at a path. */
export function pathExists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** Writes bytes to `dir/name` and returns the path. */
export async function writeTo(dir: string, name: string, bytes: Buffer | string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, bytes);
  return path;
}
