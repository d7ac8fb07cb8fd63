/**
 * Camera-like JPEGs for the pipeline benchmark: smooth gradients (sky, out-of-focus background), mid-scale texture
 * (feathers, foliage) and sensor noise, so they compress and decode like photos rather than like flat colour or pure
 * noise; with the EXIF a camera writes. Seeded, so every run of the bench measures the same bytes.
 */
import sharp from 'sharp';

export interface PhotoSize {
  label: string;
  width: number;
  height: number;
}

export const PHOTO_SIZES: readonly PhotoSize[] = [
  { label: '12 MP', width: 4000, height: 3000 },
  { label: '24 MP', width: 6000, height: 4000 },
];

function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function upscaledRandom(width: number, height: number, factor: number, random: () => number): Promise<Buffer> {
  const w = Math.max(2, Math.round(width / factor));
  const h = Math.max(2, Math.round(height / factor));
  const small = Buffer.alloc(w * h * 3);
  for (let i = 0; i < small.length; i++) small[i] = Math.floor(random() * 256);
  return sharp(small, { raw: { width: w, height: h, channels: 3 } })
    .resize(width, height, { fit: 'fill', kernel: 'cubic' })
    .raw()
    .toBuffer();
}

/** A JPEG of `size` with camera EXIF (Canon-like body and lens, exposure, GPS), quality 92 like a camera's "fine". */
export async function makePhoto(size: PhotoSize, seed: number): Promise<Buffer> {
  const { width, height } = size;
  const random = prng(seed);
  const broad = await upscaledRandom(width, height, 500, random);
  const texture = await upscaledRandom(width, height, 6, random);
  const pixels = Buffer.alloc(width * height * 3);
  for (let i = 0; i < pixels.length; i++) {
    const noise = (random() + random() - 1) * 10;
    const value = broad[i]! * 0.8 + (texture[i]! - 128) * 0.35 + noise + 20;
    pixels[i] = value < 0 ? 0 : value > 255 ? 255 : value;
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .withExif({
      IFD0: { Make: 'Canon', Model: 'Canon EOS R7', Software: 'Plumage bench', DateTime: '2024:05:11 07:42:13' },
      IFD2: {
        DateTimeOriginal: '2024:05:11 07:42:13',
        OffsetTimeOriginal: '+02:00',
        ExposureTime: '1/1600',
        FNumber: '63/10',
        ISOSpeedRatings: '800',
        FocalLength: '500/1',
        FocalLengthIn35mmFilm: '800',
        ExposureBiasValue: '-1/3',
        LensModel: 'RF100-500mm F4.5-7.1 L IS USM',
      },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 22/1 123456/10000', GPSLongitudeRef: 'E', GPSLongitude: '4/1 53/1 654321/10000' },
    })
    .jpeg({ quality: 92 })
    .toBuffer();
}
