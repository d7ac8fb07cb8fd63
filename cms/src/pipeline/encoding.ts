import type { DerivativeFormat, DerivativeName } from '@plumage/shared';
import type { AvifOptions, JpegOptions, Sharp, WebpOptions } from 'sharp';

/** How each format is encoded for one derivative size. */
export interface EncoderSettings {
  avif: AvifOptions;
  webp: WebpOptions;
  jpeg: JpegOptions;
}

// Measured on one core for a 12 MP phone JPEG (ms and KiB per output, thumb 400 / display 1600 / display2x 3200 px):
//   AVIF q50 4:2:0  effort 0: 29 / 110 / 484 ms, 10 / 139 / 444 KiB; effort 1: 318 ms at 1600 (−1%); effort 2: 593 ms (±0)
//                   (4:4:4, sharp's default, is 184 ms at 1600 for the same size)
//   WebP q80        effort 2: 24 / 125 / 322 ms, 15 / 291 / 898 KiB; effort 4: 28 ms at 400 (−7%), effort 3: 275 / 1058 ms (−2–3%)
//   JPEG q80        libjpeg: 19 / 31 / 71 ms, 21 / 332 / 1129 KiB; mozjpeg: 30 / 253 / 654 ms (−20–22%)
// So: AVIF at effort 0 with 4:2:0 everywhere (more effort buys nothing measurable); WebP at effort 2, except the
// thumbnail at 4, where it is nearly free and a grid shows many; JPEG, the fallback for browsers with neither (and
// social-media previews), through mozjpeg for the thumbnail only, where it costs 11 ms, and plain libjpeg for the
// large sizes, where mozjpeg would cost 8–9× for a fifth of the bytes of a format few browsers fetch.
const avif: AvifOptions = { quality: 50, effort: 0, chromaSubsampling: '4:2:0' };

/** Encoder settings per derivative size; see the measurements above. */
export const encoderSettings: Readonly<Record<DerivativeName, Readonly<EncoderSettings>>> = Object.freeze({
  thumb: { avif, webp: { quality: 80, effort: 4 }, jpeg: { quality: 80, mozjpeg: true } },
  display: { avif, webp: { quality: 80, effort: 2 }, jpeg: { quality: 80, mozjpeg: false } },
  display2x: { avif, webp: { quality: 80, effort: 2 }, jpeg: { quality: 80, mozjpeg: false } },
});

/** White, behind any transparency, for JPEG (which has no alpha channel). */
const jpegBackground = '#ffffff';

/**
 * Sets a sharp pipeline's output format. Nothing asks sharp to keep metadata, so the output carries no EXIF,
 * GPS, XMP or ICC profile.
 *
 * @example
 * await encode(sharp(pixels, { raw }), 'avif', encoderSettings.thumb).toBuffer()
 */
export function encode(image: Sharp, format: DerivativeFormat, settings: EncoderSettings): Sharp {
  switch (format) {
    case 'avif':
      return image.avif(settings.avif);
    case 'webp':
      return image.webp(settings.webp);
    case 'jpeg':
      return image.flatten({ background: jpegBackground }).jpeg(settings.jpeg);
  }
}
