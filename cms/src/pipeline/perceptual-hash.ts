import sharp from 'sharp';
import { dHash, DHASH_HEIGHT, DHASH_WIDTH } from './dhash';
import { defaultLimits, type PipelineLimits } from './limits';

/**
 * The dHash of an image as displayed (orientation applied): greyscale, squeezed to 9×8. For a JPEG, sharp's
 * shrink-on-load decodes at 1/8 size, so this costs a fraction of the derivatives' full decode.
 *
 * @example
 * await perceptualHash('upload.jpg') // 'c8c8d8f0e0c0c4c6' (a file's path, or its bytes)
 */
export async function perceptualHash(path: string | Buffer, limits: PipelineLimits = defaultLimits): Promise<string> {
  const { data } = await sharp(path, { failOn: limits.decodeStrictness, limitInputPixels: limits.maxInputPixels })
    .autoOrient()
    .greyscale()
    .resize(DHASH_WIDTH, DHASH_HEIGHT, { fit: 'fill', kernel: 'cubic' })
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  // Greyscale from an image with alpha keeps 2 channels: take the grey one.
  const channels = data.length / (DHASH_WIDTH * DHASH_HEIGHT);
  const grey = channels === 1 ? data : Uint8Array.from({ length: DHASH_WIDTH * DHASH_HEIGHT }, (_, i) => data[i * channels]!);
  return dHash(grey);
}
