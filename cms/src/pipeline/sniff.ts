/** How many leading bytes `sniffImageFormat` and `describeNonImage` look at. */
export const sniffBytes = 4096;

/**
 * A picture format recognised from its signature. `heif` covers every ISO-BMFF image (AVIF and HEIC);
 * the decoder tells them apart.
 */
export type ImageSignature = 'jpeg' | 'png' | 'webp' | 'heif' | 'tiff' | 'gif' | 'bmp' | 'jxl' | 'jp2' | 'psd';

/** Names people know the formats by, for messages. */
export const formatLabels: Readonly<Record<string, string>> = {
  jpeg: 'JPEG',
  png: 'PNG',
  webp: 'WebP',
  avif: 'AVIF',
  heif: 'HEIF',
  tiff: 'TIFF',
  gif: 'GIF',
  bmp: 'BMP',
  jxl: 'JPEG XL',
  jp2: 'JPEG 2000',
  psd: 'Photoshop',
};

const heifBrands = new Set(['avif', 'avis', 'heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'mif2', 'msf1']);
const bmpHeaderSizes = new Set([12, 40, 52, 56, 64, 108, 124]);

function startsWith(head: Uint8Array, bytes: readonly number[], at = 0): boolean {
  return bytes.every((byte, i) => head[at + i] === byte);
}

function ascii(head: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...head.subarray(from, to));
}

/** The brands of an ISO-BMFF `ftyp` box at the start of a file, or null when there is none. */
function ftypBrands(head: Uint8Array): string[] | null {
  if (head.length < 16 || ascii(head, 4, 8) !== 'ftyp') return null;
  const boxSize = ((head[0]! << 24) >>> 0) + (head[1]! << 16) + (head[2]! << 8) + head[3]!;
  const end = Math.min(boxSize, head.length);
  const brands = [ascii(head, 8, 12)];
  for (let at = 16; at + 4 <= end; at += 4) brands.push(ascii(head, at, at + 4));
  return brands;
}

/**
 * The picture format a file's first bytes announce, or null when they announce none.
 *
 * @example
 * sniffImageFormat(Buffer.from([0xff, 0xd8, 0xff, 0xe1])) // 'jpeg'
 * sniffImageFormat(Buffer.from('%PDF-1.7')) // null
 */
export function sniffImageFormat(head: Uint8Array): ImageSignature | null {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WEBP') return 'webp';
  if (ftypBrands(head)?.some((brand) => heifBrands.has(brand))) return 'heif';
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a])) return 'tiff';
  if (ascii(head, 0, 6) === 'GIF87a' || ascii(head, 0, 6) === 'GIF89a') return 'gif';
  if (ascii(head, 0, 2) === 'BM' && head.length >= 18 && bmpHeaderSizes.has(head[14]! + (head[15]! << 8))) return 'bmp';
  if (startsWith(head, [0xff, 0x0a]) || startsWith(head, [0, 0, 0, 0x0c, 0x4a, 0x58, 0x4c, 0x20])) return 'jxl';
  if (startsWith(head, [0, 0, 0, 0x0c, 0x6a, 0x50, 0x20, 0x20]) || startsWith(head, [0xff, 0x4f, 0xff, 0x51])) return 'jp2';
  if (ascii(head, 0, 4) === '8BPS') return 'psd';
  return null;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The head as text, or null when it is binary. A multi-byte character cut at the end of the head does not count. */
function asText(head: Uint8Array): string | null {
  let text: string;
  try {
    text = utf8.decode(head);
  } catch {
    try {
      text = utf8.decode(head.subarray(0, Math.max(0, head.length - 3)));
    } catch {
      return null;
    }
  }
  // Control characters other than tab, line feed, form feed and carriage return mean binary.
  return /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text) ? null : text.replace(/^\ufeff/, '');
}

/**
 * What a file that is not a picture seems to be, as the end of a sentence for its owner.
 *
 * @example
 * describeNonImage(Buffer.from('%PDF-1.7 ...')) // 'it is a PDF document'
 * describeNonImage(Buffer.from('<svg xmlns=...')) // 'it is an SVG drawing (vector graphics), not a photo'
 */
export function describeNonImage(head: Uint8Array): string {
  if (ascii(head, 0, 5) === '%PDF-') return 'it is a PDF document';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return 'it is a ZIP archive or an office document';
  if (ftypBrands(head)) return 'it is a video or another media file';
  const text = asText(head);
  if (text === null) return 'its content is not in any picture format this site knows';
  if (/<svg[\s>]/i.test(text)) return 'it is an SVG drawing (vector graphics), not a photo';
  if (/^\s*(<!doctype html|<html|<head|<body)/i.test(text) || /<html[\s>]/i.test(text)) return 'it is a web page (HTML)';
  if (/^\s*<\?xml/i.test(text)) return 'it is an XML document';
  if (text.trim() === '') return 'it contains only blank space';
  return 'it contains text';
}
