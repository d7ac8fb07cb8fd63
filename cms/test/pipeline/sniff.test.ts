import { describe, expect, test } from 'vitest';
import { describeNonImage, sniffImageFormat } from '../../src/pipeline/sniff';

const bytes = (...values: number[]) => Buffer.from(values);
const ftyp = (...brands: string[]) => {
  const body = Buffer.from(['ftyp', ...brands].join(''), 'ascii');
  const size = Buffer.alloc(4);
  size.writeUInt32BE(body.length + 4);
  return Buffer.concat([size, body]);
};

describe('sniffImageFormat', () => {
  const cases: { input: Buffer; output: ReturnType<typeof sniffImageFormat>; name: string }[] = [
    { name: 'JPEG', input: bytes(0xff, 0xd8, 0xff, 0xe1, 0, 0), output: 'jpeg' },
    { name: 'PNG', input: bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0), output: 'png' },
    { name: 'WebP', input: Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 ', 'latin1'), output: 'webp' },
    { name: 'AVIF', input: ftyp('avif', '\0\0\0\0', 'avif', 'mif1'), output: 'heif' },
    { name: 'HEIC', input: ftyp('heic', '\0\0\0\0', 'mif1', 'heic'), output: 'heif' },
    { name: 'TIFF little-endian', input: bytes(0x49, 0x49, 0x2a, 0, 8, 0, 0, 0), output: 'tiff' },
    { name: 'TIFF big-endian', input: bytes(0x4d, 0x4d, 0, 0x2a, 0, 0, 0, 8), output: 'tiff' },
    { name: 'GIF', input: Buffer.from('GIF89a\x01\x00', 'latin1'), output: 'gif' },
    { name: 'BMP', input: Buffer.concat([Buffer.from('BM'), Buffer.alloc(12), bytes(40, 0, 0, 0)]), output: 'bmp' },
    { name: 'JPEG XL', input: bytes(0xff, 0x0a, 0xfa), output: 'jxl' },
    { name: 'an MP4 video', input: ftyp('isom', '\0\0\0\0', 'isom', 'mp42'), output: null },
    { name: 'text that starts with BM', input: Buffer.from('BMX tour notes: a long day of birding'), output: null },
    { name: 'a PDF', input: Buffer.from('%PDF-1.7\n'), output: null },
    { name: 'nothing', input: Buffer.alloc(0), output: null },
  ];
  test.each(cases)('$name → $output', ({ input, output }) => {
    expect(sniffImageFormat(input)).toBe(output);
  });
});

describe('describeNonImage', () => {
  const cases: { input: string | Buffer; output: string }[] = [
    { input: '%PDF-1.4\n%âãÏÓ', output: 'it is a PDF document' },
    { input: '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>', output: 'it is an SVG drawing (vector graphics), not a photo' },
    { input: '<svg width="10" height="10"></svg>', output: 'it is an SVG drawing (vector graphics), not a photo' },
    { input: '<!DOCTYPE html><html><body>Not found</body></html>', output: 'it is a web page (HTML)' },
    { input: '\ufeff  <html lang="en">', output: 'it is a web page (HTML)' },
    { input: '<?xml version="1.0"?><gpx/>', output: 'it is an XML document' },
    { input: 'Blackcap, Sylvia atricapilla\n', output: 'it contains text' },
    { input: 'Rotkehlchen – Erithacus rubecula ✓', output: 'it contains text' },
    { input: '   \n\t ', output: 'it contains only blank space' },
    { input: Buffer.from([0x50, 0x4b, 0x03, 0x04, 20, 0]), output: 'it is a ZIP archive or an office document' },
    { input: Buffer.from([0, 1, 2, 3, 250, 251, 0, 9]), output: 'its content is not in any picture format this site knows' },
  ];
  test.each(cases)('$output: %#', ({ input, output }) => {
    expect(describeNonImage(typeof input === 'string' ? Buffer.from(input) : input)).toBe(output);
  });

  test('text whose last character is cut by the end of the sniffed bytes is still text', () => {
    const head = Buffer.from('ééééé').subarray(0, 9);
    expect(describeNonImage(head)).toBe('it contains text');
  });
});
