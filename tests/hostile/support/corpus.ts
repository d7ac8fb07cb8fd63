/**
 * Files the internet throws at an upload form, made in code (sharp and Buffers; nothing downloaded). Each case
 * says what the CMS must answer: `refuse` (a 4xx with a sentence, nothing stored), `accept` (a photo, stored and
 * served safely: real pictures with hostile metadata) or `either` (hostile names: a refusal or a safe photo).
 */
import zlib from 'node:zlib';
import sharp from 'sharp';
import { makeTestJpeg } from '../../support/images';

export interface HostileFile {
  name: string;
  /** What the case is, for the table and for failure messages. */
  label: string;
  bytes: Buffer;
  mime: string;
  expect: 'refuse' | 'accept' | 'either';
  /** For refusals: what the sentence must say. */
  message?: RegExp;
}

/** CRC-32 as PNG chunks need it. */
function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

export function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * A PNG whose header declares `width` × `height` (8-bit RGB) and whose data is `rows` rows of zeros, deflated:
 * a few hundred bytes that would need width × height × 3 bytes of memory to decode.
 */
export function pngBomb(width: number, height: number, rows = 16): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const raw = Buffer.alloc((width * 3 + 1) * rows);
  return Buffer.concat([PNG_SIGNATURE, pngChunk('IHDR', ihdr), pngChunk('IDAT', zlib.deflateSync(raw, { level: 9 })), pngChunk('IEND', Buffer.alloc(0))]);
}

/** The JPEG with its SOF0/SOF2 frame header rewritten to declare `width` × `height` (the scan data stays small). */
export function jpegDeclaring(jpeg: Buffer, width: number, height: number): Buffer {
  const out = Buffer.from(jpeg);
  let at = 2;
  while (at + 4 < out.length) {
    if (out[at] !== 0xff) throw new Error(`not a JPEG marker at ${at}`);
    const marker = out[at + 1]!;
    const length = out.readUInt16BE(at + 2);
    if (marker === 0xc0 || marker === 0xc1 || marker === 0xc2) {
      out.writeUInt16BE(height, at + 5);
      out.writeUInt16BE(width, at + 7);
      return out;
    }
    at += 2 + length;
  }
  throw new Error('no frame header in this JPEG');
}

/** The byte ranges of a JPEG's segments before the scan: marker, start of the segment (at 0xFF), its length. */
export function jpegSegments(jpeg: Buffer): Array<{ marker: number; at: number; length: number }> {
  const segments: Array<{ marker: number; at: number; length: number }> = [];
  let at = 2;
  while (at + 4 <= jpeg.length && jpeg[at] === 0xff) {
    const marker = jpeg[at + 1]!;
    const length = jpeg.readUInt16BE(at + 2);
    segments.push({ marker, at, length });
    if (marker === 0xda) break;
    at += 2 + length;
  }
  return segments;
}

/** A JPEG with `segment` (a whole marker segment, 0xFF… included) inserted right after SOI. */
export function withSegment(jpeg: Buffer, segment: Buffer): Buffer {
  return Buffer.concat([jpeg.subarray(0, 2), segment, jpeg.subarray(2)]);
}

export function jpegSegment(marker: number, payload: Buffer): Buffer {
  if (payload.length + 2 > 0xffff) throw new Error('a JPEG segment holds at most 65533 bytes');
  const head = Buffer.alloc(4);
  head[0] = 0xff;
  head[1] = marker;
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

/**
 * A little-endian TIFF structure (the body of an EXIF segment) with IFD0 holding the given ASCII tags; `pointers`
 * adds raw LONG entries (e.g. an ExifIFD pointer) whose values are used as they are, so they can point anywhere.
 */
export function tiffWithAsciiTags(tags: Record<number, string>, pointers: Record<number, number> = {}): Buffer {
  const entries = [
    ...Object.entries(tags).map(([tag, text]) => ({ tag: Number(tag), type: 2, data: Buffer.from(`${text}\0`, 'latin1') })),
    ...Object.entries(pointers).map(([tag, value]) => ({ tag: Number(tag), type: 4, value })),
  ].sort((a, b) => a.tag - b.tag);
  const ifdSize = 2 + entries.length * 12 + 4;
  let dataAt = 8 + ifdSize;
  const ifd = Buffer.alloc(ifdSize);
  ifd.writeUInt16LE(entries.length, 0);
  const blobs: Buffer[] = [];
  entries.forEach((entry, i) => {
    const at = 2 + i * 12;
    ifd.writeUInt16LE(entry.tag, at);
    ifd.writeUInt16LE(entry.type, at + 2);
    if ('value' in entry) {
      ifd.writeUInt32LE(1, at + 4);
      ifd.writeUInt32LE(entry.value >>> 0, at + 8);
      return;
    }
    ifd.writeUInt32LE(entry.data.length, at + 4);
    if (entry.data.length <= 4) entry.data.copy(ifd, at + 8);
    else {
      ifd.writeUInt32LE(dataAt, at + 8);
      blobs.push(entry.data);
      dataAt += entry.data.length;
    }
  });
  const header = Buffer.from([0x49, 0x49, 0x2a, 0x00, 0x08, 0x00, 0x00, 0x00]);
  return Buffer.concat([header, ifd, ...blobs]);
}

export const TAG = { ImageDescription: 0x010e, Make: 0x010f, Model: 0x0110, ExifIFD: 0x8769, GPSIFD: 0x8825 } as const;

const exifHeader = Buffer.from('Exif\0\0', 'latin1');

/** A PNG with an eXIf chunk (the TIFF structure of EXIF) before its pixels. */
export function pngWithExif(png: Buffer, tiff: Buffer): Buffer {
  const ihdrEnd = 8 + 8 + 13 + 4;
  return Buffer.concat([png.subarray(0, ihdrEnd), pngChunk('eXIf', tiff), png.subarray(ihdrEnd)]);
}

const MB = 1024 * 1024;

/** Every file of the upload corpus; `seed` keeps the real pictures distinct from those of other runs in one CMS. */
export async function uploadCorpus(seed: number): Promise<HostileFile[]> {
  const jpeg = (n: number, w = 320, h = 240) => makeTestJpeg({ width: w, height: h, seed: seed * 100 + n });
  const small = await jpeg(0);
  const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3a7' } }).png().toBuffer();
  const html = Buffer.from('<!doctype html><html><body><script>fetch("/admin").then(r=>r.text()).then(alert)</script></body></html>');
  const svg = Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.cookie)"><script>alert(1)</script><rect width="10" height="10"/></svg>');
  const polyglotBody = Buffer.from('<html><body><script>alert(document.domain)</script></body></html><!--');
  // HTML first, a JPEG after it: what a browser sniffing the start would render as a page.
  const htmlThenJpeg = Buffer.concat([polyglotBody, Buffer.from('-->'), small]);
  const gif = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } }).gif().toBuffer();
  const truncatedJpeg = (await jpeg(1, 800, 600)).subarray(0, 6000);
  const truncatedPng = (await sharp({ create: { width: 400, height: 300, channels: 3, noise: { type: 'gaussian', mean: 128, sigma: 40 } } }).png().toBuffer()).subarray(0, 3000);
  const headerOnlyJpeg = small.subarray(0, small.indexOf(Buffer.from([0xff, 0xda])) + 2);

  // Strapi's own checks answer POST /api/upload first for some files ("MIME type is not allowed", "File type
  // 'application/pdf' is not allowed", "File is not a valid image"); those sentences count as clear too.
  const strapiWords = /is not allowed|not a valid image|are empty/;
  const refuse = (label: string, name: string, bytes: Buffer, mime: string, message: RegExp): HostileFile => ({
    label,
    name,
    bytes,
    mime,
    expect: 'refuse',
    message: new RegExp(`${message.source}|${strapiWords.source}`, message.flags),
  });
  return [
    refuse('text named .jpg', 'bird.jpg', Buffer.from('just some text, not a picture at all\n'.repeat(20)), 'image/jpeg', /not an image|contains text/i),
    refuse('PDF named .jpg', 'bird.jpg', Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n'), 'image/jpeg', /PDF/),
    refuse('ZIP named .png', 'bird.png', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 1)]), 'image/png', /ZIP|not an image/i),
    refuse('ELF binary named .webp', 'bird.webp', Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]), Buffer.alloc(300)]), 'image/webp', /not an image|not in any picture format/i),
    refuse('HTML with script named .jpg', 'bird.jpg', html, 'image/jpeg', /web page|HTML|not an image/i),
    refuse('HTML with script as text/html', 'bird.html', html, 'text/html', /./),
    refuse('SVG with script named .png', 'bird.png', svg, 'image/png', /SVG|not an image/i),
    refuse('SVG with script as image/svg+xml', 'bird.svg', svg, 'image/svg+xml', /./),
    refuse('HTML-first JPEG polyglot', 'bird.jpg', htmlThenJpeg, 'image/jpeg', /web page|HTML|not an image/i),
    refuse('GIF named .jpg', 'bird.jpg', gif, 'image/jpeg', /GIF/),
    refuse('0-byte file', 'bird.jpg', Buffer.alloc(0), 'image/jpeg', /empty|0 bytes|no file|size/i),
    refuse('truncated JPEG', 'bird.jpg', truncatedJpeg, 'image/jpeg', /damaged|cut|truncat|incomplete/i),
    refuse('JPEG header without scan', 'bird.jpg', headerOnlyJpeg, 'image/jpeg', /damaged|cut|truncat|incomplete/i),
    refuse('truncated PNG', 'bird.png', truncatedPng, 'image/png', /damaged|cut|truncat|incomplete/i),
    refuse('PNG declaring 20000×20000', 'bomb.png', pngBomb(20_000, 20_000), 'image/png', /20000 × 20000|megapixels/),
    refuse('PNG declaring 65535×65535', 'bomb.png', pngBomb(65_535, 65_535, 1), 'image/png', /megapixels|damaged/),
    refuse('JPEG declaring 65000×65000', 'bomb.jpg', jpegDeclaring(small, 65_000, 65_000), 'image/jpeg', /65000 × 65000|megapixels/),
    // Under the pixel limit, but the scan holds 320×240 worth of data: the decoder runs out and must refuse.
    refuse('JPEG declaring 9000×9000 with a tiny scan', 'bomb.jpg', jpegDeclaring(small, 9000, 9000), 'image/jpeg', /damaged|cut|truncat|incomplete/i),
    refuse('PNG 9000×9000 with 16 rows of data', 'bomb.png', pngBomb(9000, 9000), 'image/png', /damaged|cut|truncat|incomplete/i),
    // Pictures that are real, with hostile names or metadata: stored as photos, safely.
    { label: 'JPEG/HTML polyglot (HTML in a JPEG comment)', name: 'polyglot.jpg', bytes: withSegment(await jpeg(2), jpegSegment(0xfe, polyglotBody)), mime: 'image/jpeg', expect: 'accept' },
    { label: 'JPEG/HTML polyglot named .html', name: 'polyglot.html', bytes: withSegment(await jpeg(3), jpegSegment(0xfe, polyglotBody)), mime: 'text/html', expect: 'accept' },
    { label: 'JPEG named .svg', name: 'photo.svg', bytes: await jpeg(4), mime: 'image/svg+xml', expect: 'accept' },
    {
      label: 'damaged EXIF (IFD pointers out of range)',
      name: 'damaged-exif.jpg',
      bytes: withSegment(await jpeg(5), jpegSegment(0xe1, Buffer.concat([exifHeader, tiffWithAsciiTags({ [TAG.Make]: 'Canon' }, { [TAG.ExifIFD]: 0xfffffff0, [TAG.GPSIFD]: 0x7fffffff })]))),
      mime: 'image/jpeg',
      expect: 'accept',
    },
    {
      label: 'EXIF segment of garbage',
      name: 'garbage-exif.jpg',
      bytes: withSegment(await jpeg(6), jpegSegment(0xe1, Buffer.concat([exifHeader, Buffer.from([0x49, 0x49, 0x2a, 0x00, 0xff, 0xff, 0xff, 0x7f]), Buffer.alloc(64, 0xee)]))),
      mime: 'image/jpeg',
      expect: 'accept',
    },
    {
      label: 'EXIF Make of 60 KB in a JPEG',
      name: 'long-make.jpg',
      bytes: withSegment(await jpeg(7), jpegSegment(0xe1, Buffer.concat([exifHeader, tiffWithAsciiTags({ [TAG.Make]: 'C'.repeat(60_000) })]))),
      mime: 'image/jpeg',
      expect: 'accept',
    },
    {
      label: 'EXIF strings of 2 MB in a PNG',
      name: 'long-exif.png',
      bytes: pngWithExif(png, tiffWithAsciiTags({ [TAG.ImageDescription]: 'D'.repeat(2 * MB), [TAG.Make]: 'M'.repeat(MB), [TAG.Model]: 'X'.repeat(MB) })),
      mime: 'image/png',
      expect: 'accept',
    },
    { label: 'name with ../', name: '../../../../etc/passwd.jpg', bytes: await jpeg(8), mime: 'image/jpeg', expect: 'either' },
    { label: 'name with ..\\', name: '..\\..\\..\\windows\\win.ini.jpg', bytes: await jpeg(9), mime: 'image/jpeg', expect: 'either' },
    { label: 'name with NUL', name: 'bird\u0000.php.jpg', bytes: await jpeg(10), mime: 'image/jpeg', expect: 'either' },
    { label: 'name of 300 characters', name: `${'w'.repeat(296)}.jpg`, bytes: await jpeg(11), mime: 'image/jpeg', expect: 'either' },
    { label: 'Unicode name', name: 'Grünfink 🐦 Ωμέγα 鳥 \u202Egpj.exe', bytes: await jpeg(12), mime: 'image/jpeg', expect: 'either' },
    { label: 'name with HTML', name: '<img src=x onerror=alert(1)>.jpg', bytes: await jpeg(13), mime: 'image/jpeg', expect: 'either' },
  ];
}
