import { expect, test } from 'vitest';
import { sniffImage } from '../../scripts/import/lib/files';
import { embeddedFromExifr } from '../../scripts/import/metadata/embedded-metadata';

test.each([
  { name: 'JPEG', head: Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0, 0]), output: { image: true, mime: 'image/jpeg' } },
  { name: 'PNG', head: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]), output: { image: true, mime: 'image/png' } },
  { name: 'WebP', head: Buffer.from('RIFF\x10\0\0\0WEBPVP8 ', 'latin1'), output: { image: true, mime: 'image/webp' } },
  { name: 'AVIF', head: Buffer.from('\0\0\0\x1cftypavif\0\0\0\0', 'latin1'), output: { image: true, mime: 'image/avif' } },
  { name: 'HEIC', head: Buffer.from('\0\0\0\x18ftypheic\0\0\0\0', 'latin1'), output: { image: true, mime: 'image/heic' } },
  { name: 'TIFF', head: Buffer.from('II*\0\x08\0\0\0', 'latin1'), output: { image: true, mime: 'image/tiff' } },
  { name: 'a PDF', head: Buffer.from('%PDF-1.7\n'), output: { image: false, looksLike: 'a PDF' } },
  { name: 'an HTML page', head: Buffer.from('  <!DOCTYPE html><html>'), output: { image: false, looksLike: 'an HTML page' } },
  { name: 'an SVG', head: Buffer.from('<?xml version="1.0"?><svg xmlns='), output: { image: false, looksLike: 'an SVG drawing' } },
  { name: 'text', head: Buffer.from('Yellow Warbler notes\n'), output: { image: false, looksLike: 'text' } },
  { name: 'nothing', head: Buffer.alloc(0), output: { image: false, looksLike: 'an empty file' } },
])('sniffImage: $name', ({ head, output }) => {
  expect(sniffImage(head)).toEqual(output);
});

test.each([
  {
    name: 'XMP as exifr returns it',
    tags: { title: { lang: 'x-default', value: 'Yellow Warbler, Magee Marsh' }, description: { lang: 'x-default', value: 'Singing' }, subject: ['Yellow Warbler', 'Ohio'], hierarchicalSubject: 'Birds|Warblers|Yellow Warbler', DateTimeOriginal: new Date() },
    output: { title: 'Yellow Warbler, Magee Marsh', description: 'Singing', keywords: ['Yellow Warbler', 'Ohio'], hasDate: true },
  },
  {
    name: 'IPTC',
    tags: { ObjectName: 'Snowy Owl', Caption: 'On a fence post', Keywords: ['Snowy Owl', 'winter'] },
    output: { title: 'Snowy Owl', description: 'On a fence post', keywords: ['Snowy Owl', 'winter'], hasDate: false },
  },
  {
    name: 'a single keyword and a camera’s boilerplate description',
    tags: { subject: 'Sora', ImageDescription: 'OLYMPUS DIGITAL CAMERA' },
    output: { title: null, description: null, keywords: ['Sora'], hasDate: false },
  },
  { name: 'nothing at all', tags: undefined, output: { title: null, description: null, keywords: [], hasDate: false } },
])('embeddedFromExifr: $name', ({ tags, output }) => {
  expect(embeddedFromExifr(tags as Record<string, unknown> | undefined)).toEqual(output);
});
