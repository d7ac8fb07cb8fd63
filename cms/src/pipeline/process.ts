import type { Derivative, ExifFields } from '@plumage/shared';
import { localDerivativeStore, type DerivativeStore } from './derivative-store';
import { makeDerivatives } from './derivatives';
import { readExif } from './exif';
import { sha256File } from './hash';
import { inspectImage, type ImageInfo } from './inspect';
import { defaultLimits, type PipelineLimits } from './limits';
import { perceptualHash } from './perceptual-hash';
import { derivativeRelPath } from '@plumage/shared';

/** What the CMS stores about an uploaded original before its derivatives exist. */
export interface AnalyzedImage {
  sha256: string;
  exif: ExifFields;
  /** Size as displayed (orientation applied). */
  width: number;
  height: number;
  image: ImageInfo;
}

/** What the CMS stores about an uploaded original. */
export interface ProcessedImage {
  sha256: string;
  exif: ExifFields;
  /** Size as displayed (orientation applied). */
  width: number;
  height: number;
  derivatives: Derivative[];
  /** 64-bit dHash, 16 hex digits: near-equal for a re-export or a slight re-crop (see `perceptualHash`). */
  phash: string;
}

export interface ProcessImageOptions {
  /** Where derivatives go when no `store` is given: `${mediaDir}/derivatives/…`. */
  mediaDir?: string;
  /** Where derivatives are kept (`makeDerivatives`' `store`). */
  store?: DerivativeStore;
  limits?: PipelineLimits;
}

/**
 * Checks an upload (`inspectImage`, throws `ImageRejectedError`), then hashes it and reads its EXIF. Nothing is
 * written: a caller can refuse a duplicate by its sha256 before `makeDerivatives`. `exif.orientation` is the one
 * sharp applies to the pixels.
 *
 * @example
 * const { sha256, image } = await analyzeImage('upload.jpg')
 * if (await isDuplicate(sha256)) throw …
 * await makeDerivatives('upload.jpg', { sha256, mediaDir, image })
 */
export async function analyzeImage(path: string, limits: PipelineLimits = defaultLimits): Promise<AnalyzedImage> {
  const image = await inspectImage(path, limits);
  const [sha256, exif] = await Promise.all([sha256File(path), readExif(path)]);
  return {
    sha256,
    exif: { ...exif, orientation: image.orientation },
    width: image.displayWidth,
    height: image.displayHeight,
    image,
  };
}

/**
 * The whole pipeline for one upload: inspect, hash, EXIF, derivatives. Throws `ImageRejectedError` for a file the
 * site does not take, before anything is written.
 *
 * @example
 * await processImage('upload.jpg', { mediaDir: 'media' })
 * // { sha256: 'e94c…', exif: { camera: 'Canon EOS 1300D', … }, width: 5184, height: 3456, derivatives: [ …9 ], phash: '8a0e4a0c0c642020' }
 */
export async function processImage(path: string, options: ProcessImageOptions): Promise<ProcessedImage> {
  const { limits = defaultLimits } = options;
  const { sha256, exif, width, height, image } = await analyzeImage(path, limits);
  const derivatives = await makeDerivatives(path, { ...options, sha256, limits, image });
  const store = options.store ?? localDerivativeStore(options.mediaDir!); // makeDerivatives has checked one is given
  // The thumbnail is the same picture, upright and small: hashing it costs a few milliseconds, where decoding the
  // original again (even with JPEG shrink-on-load) cost 150–400 ms for the 12–18 MP camera fixtures.
  const thumb = derivatives.some((one) => one.name === 'thumb' && one.format === 'jpeg') ? await store.read(derivativeRelPath(sha256, 'thumb', 'jpeg')) : null;
  const phash = await perceptualHash(thumb ?? path, limits);
  return { sha256, exif, width, height, derivatives, phash };
}
