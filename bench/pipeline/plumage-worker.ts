/**
 * One photo through the CMS's own pipeline (cms/dist, as `strapi start` runs it), in a process of its own so that its
 * peak RSS is this photo's alone. Prints one JSON line: the whole `processImage`, then each stage again on its own.
 * Usage: node --import tsx plumage-worker.ts PHOTO WORKDIR
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { repoRoot } from '../lib/paths';

const [photo, workDir] = process.argv.slice(2);
if (!photo || !workDir) throw new Error('usage: plumage-worker.ts PHOTO WORKDIR');

// The compiled CMS is CommonJS; load it the way Strapi does.
const pipeline = createRequire(import.meta.url)(path.join(repoRoot, 'cms', 'dist', 'src', 'pipeline', 'index.js'));
pipeline.configureSharp();
// VmHWM, not getrusage's maxRSS: on Linux a child inherits its parent's maxRSS at fork, so the bench's own
// memory would show up as the pipeline's.
const peakRssKiB = (): number => Number(/^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1] ?? Number.NaN);
const baselineRssKiB = peakRssKiB();

const timed = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
  const start = process.hrtime.bigint();
  const value = await work();
  return [value, Number(process.hrtime.bigint() - start) / 1e6];
};

const [processed, totalMs] = await timed<{ exif: { camera: string }; derivatives: unknown[] }>(() => pipeline.processImage(photo, { mediaDir: path.join(workDir, 'a') }));
const processRssKiB = peakRssKiB();

const [image, inspectMs] = await timed<{ displayWidth: number; displayHeight: number }>(() => pipeline.inspectImage(photo));
const [sha256, hashMs] = await timed(() => pipeline.sha256File(photo));
const [, exifMs] = await timed(() => pipeline.readExif(photo));
const [, derivativesMs] = await timed(() => pipeline.makeDerivatives(photo, { sha256, mediaDir: path.join(workDir, 'b'), image }));

// Where the derivatives' time goes: the same steps as makeDerivatives (one decode at the largest size, each smaller
// size resized from the one before, each format encoded with the CMS's settings), each timed on its own.
const sharp = createRequire(path.join(repoRoot, 'cms', 'dist', 'src', 'pipeline', 'index.js'))('sharp') as typeof import('sharp').default;
const shared = createRequire(path.join(repoRoot, 'cms', 'package.json'))('@plumage/shared') as {
  planDerivatives(width: number, height: number): Array<{ name: string; width: number; height: number; longEdge: number }>;
  DERIVATIVE_FORMATS: readonly string[];
};
const plan = shared.planDerivatives(image.displayWidth, image.displayHeight).sort((a, b) => b.longEdge - a.longEdge);
const stagesMs: Record<string, number> = { decode: 0, resize: 0 };
type Pixels = { data: Buffer; info: { width: number; height: number; channels: 1 | 2 | 3 | 4 } };
let pixels = null as Pixels | null;
for (const size of plan) {
  const [next, ms] = await timed(() =>
    (pixels
      ? sharp(pixels.data, { raw: pixels.info }).resize(size.width, size.height, { fit: 'fill' })
      : sharp(photo).autoOrient().resize(size.width, size.height, { fit: 'fill' }).toColourspace('srgb')
    )
      .raw()
      .toBuffer({ resolveWithObject: true }),
  );
  stagesMs[pixels ? 'resize' : 'decode']! += ms;
  pixels = next as Pixels;
  for (const format of shared.DERIVATIVE_FORMATS) {
    const [, encodeMs] = await timed(() => pipeline.encode(sharp(pixels!.data, { raw: pixels!.info }), format, pipeline.encoderSettings[size.name]).toBuffer());
    stagesMs[format] = (stagesMs[format] ?? 0) + encodeMs;
  }
}

fs.rmSync(workDir, { recursive: true, force: true });
process.stdout.write(
  `${JSON.stringify({
    totalMs,
    inspectMs,
    hashMs,
    exifMs,
    derivativesMs,
    stagesMs,
    derivatives: (processed.derivatives as Array<{ name: string; format: string; width: number; height: number; bytes: number }>).map(
      ({ name, format, width, height, bytes }) => ({ name, format, width, height, bytes }),
    ),
    camera: processed.exif.camera,
    baselineRssMiB: baselineRssKiB / 1024,
    peakRssMiB: processRssKiB / 1024,
  })}\n`,
);
