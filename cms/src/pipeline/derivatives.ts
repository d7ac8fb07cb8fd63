import {
  DERIVATIVE_FORMATS,
  derivativeRelPath,
  derivativeUrl,
  isSha256,
  planDerivatives,
  type Derivative,
  type DerivativeFormat,
  type PlannedDerivative,
} from '@plumage/shared';
import sharp, { type Sharp } from 'sharp';
import { localDerivativeStore, type DerivativeStore } from './derivative-store';
import { encode, encoderSettings } from './encoding';
import { defaultLimits, type PipelineLimits } from './limits';

/** The displayed size of an original (orientation applied), as `inspectImage` returns it. */
export interface DisplaySize {
  displayWidth: number;
  displayHeight: number;
}

export interface MakeDerivativesOptions {
  /** The original's sha256: derivatives are stored and named by it. */
  sha256: string;
  /** Where the files go when no `store` is given: `${mediaDir}/derivatives/…`. */
  mediaDir?: string;
  /** Where the derivatives are kept (a bucket, say); `localDerivativeStore(mediaDir)` by default. */
  store?: DerivativeStore;
  limits?: PipelineLimits;
  /** The original's displayed size when the caller already has it (from `inspectImage`); read from its header otherwise. */
  image?: DisplaySize;
}

/** Decoded 8-bit sRGB pixels, straight from sharp's raw output. */
interface Pixels {
  data: Buffer;
  width: number;
  height: number;
  channels: 1 | 2 | 3 | 4;
}

interface Target {
  size: PlannedDerivative;
  format: DerivativeFormat;
  /** Its path under the media root, e.g. `derivatives/e9/e94c…/thumb.avif`. */
  relPath: string;
}

const CONTENT_TYPES: Readonly<Record<DerivativeFormat, string>> = { avif: 'image/avif', webp: 'image/webp', jpeg: 'image/jpeg' };

async function readDisplaySize(path: string): Promise<DisplaySize> {
  const { autoOrient } = await sharp(path, { limitInputPixels: false }).metadata();
  return { displayWidth: autoOrient.width, displayHeight: autoOrient.height };
}

/**
 * Decodes the original once, upright, in sRGB, at the largest size any derivative needs (JPEG shrink-on-load
 * makes this much cheaper than a full decode when that size is small).
 */
async function decodeOriginal(path: string, size: PlannedDerivative, limits: PipelineLimits): Promise<Pixels> {
  const { data, info } = await sharp(path, { failOn: limits.decodeStrictness, limitInputPixels: limits.maxInputPixels })
    .autoOrient()
    .resize(size.width, size.height, { fit: 'fill' })
    .toColourspace('srgb')
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
}

function fromPixels(pixels: Pixels): Sharp {
  const { width, height, channels } = pixels;
  return sharp(pixels.data, { raw: { width, height, channels } });
}

/** The pixels at a planned size, resized from larger ones (the exact planned dimensions, so the plan is the truth). */
async function resized(pixels: Pixels, size: PlannedDerivative): Promise<Pixels> {
  if (pixels.width === size.width && pixels.height === size.height) return pixels;
  const { data, info } = await fromPixels(pixels)
    .resize(size.width, size.height, { fit: 'fill' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
}

function toDerivative(sha256: string, target: Target, bytes: number): Derivative {
  const { size, format } = target;
  return { name: size.name, format, width: size.width, height: size.height, bytes, url: derivativeUrl(sha256, size.name, format) };
}

/**
 * Makes the derivatives of an original (thumb 400 px, display 1600 px and, for originals over 2000 px, display2x
 * 3200 px on the long edge; never enlarged), each in AVIF, WebP and JPEG, written to
 * `derivatives/ab/<sha256>/` in the store (`${mediaDir}/derivatives/…` by default): upright, sRGB, without any
 * metadata. The original is decoded once and every output is encoded from those pixels. Each file is written
 * whole; when one fails, the files this call wrote are removed. When every file already exists (they are
 * content-addressed), nothing is encoded again and the list is returned with the stored sizes and the planned
 * dimensions.
 *
 * @example
 * await makeDerivatives('upload.jpg', { sha256, mediaDir: 'media' })
 * // [{ name: 'thumb', format: 'avif', width: 400, height: 267, bytes: 10512,
 * //    url: '/media/derivatives/e9/e94c…/thumb.avif' }, …]
 */
export async function makeDerivatives(path: string, options: MakeDerivativesOptions): Promise<Derivative[]> {
  const { sha256, limits = defaultLimits } = options;
  if (!isSha256(sha256)) throw new TypeError('makeDerivatives needs the sha256 of the original as 64 lowercase hex digits');
  if (options.store === undefined && options.mediaDir === undefined) throw new TypeError('makeDerivatives needs a store or a mediaDir');
  const store = options.store ?? localDerivativeStore(options.mediaDir!);
  const { displayWidth, displayHeight } = options.image ?? (await readDisplaySize(path));
  const plan = planDerivatives(displayWidth, displayHeight);
  const targets = plan.flatMap((size) =>
    DERIVATIVE_FORMATS.map((format): Target => ({ size, format, relPath: derivativeRelPath(sha256, size.name, format) })),
  );

  const existing = await store.sizes(targets.map((target) => target.relPath));
  if (existing !== null) return targets.map((target, i) => toDerivative(sha256, target, existing[i] ?? 0));

  const bytes = new Map<Target, number>();
  try {
    const largestFirst = [...plan].sort((a, b) => b.longEdge - a.longEdge);
    let pixels = await decodeOriginal(path, largestFirst[0]!, limits);
    for (const size of largestFirst) {
      pixels = await resized(pixels, size);
      for (const target of targets.filter((candidate) => candidate.size === size)) {
        const data = await encode(fromPixels(pixels), target.format, encoderSettings[size.name]).toBuffer();
        await store.write(target.relPath, data, CONTENT_TYPES[target.format]);
        bytes.set(target, data.length);
      }
    }
  } catch (error) {
    await store.remove([...bytes.keys()].map((target) => target.relPath));
    throw error;
  }
  return targets.map((target) => toDerivative(sha256, target, bytes.get(target) ?? 0));
}
