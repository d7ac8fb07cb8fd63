/**
 * Photos for the import measure: one camera JPEG made by the bench, copied with a distinct JPEG comment (a COM
 * segment after the APPn segments) so that every copy has its own sha256 and the CMS takes each as a new photo,
 * without paying for a fresh encode per copy. Laid out as an owner's folder: one folder per species, named after it.
 */
import fs from 'node:fs';
import path from 'node:path';

/** Species of the shipped reference list (config/species/north-america.csv), matched by their folder names. */
const SPECIES_FOLDERS = ['Northern Cardinal', 'Blue Jay', 'American Robin'];

/** `jpeg` with a COM segment holding `text` inserted after its APPn segments (EXIF stays where readers look). */
export function withComment(jpeg: Buffer, text: string): Buffer {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new Error('not a JPEG');
  let offset = 2;
  // APP0..APP15 are 0xFFE0..0xFFEF, each with a two-byte big-endian length that counts itself.
  while (jpeg[offset] === 0xff && jpeg[offset + 1]! >= 0xe0 && jpeg[offset + 1]! <= 0xef) offset += 2 + jpeg.readUInt16BE(offset + 2);
  const body = Buffer.from(text, 'latin1');
  const segment = Buffer.alloc(4);
  segment.writeUInt16BE(0xfffe, 0);
  segment.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, offset), segment, body, jpeg.subarray(offset)]);
}

/** Writes `count` distinct copies of `jpeg` under `dir/<species>/`; returns their paths. */
export function writeImportBatch(dir: string, jpeg: Buffer, label: string, count: number): string[] {
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const folder = path.join(dir, SPECIES_FOLDERS[i % SPECIES_FOLDERS.length]!);
    fs.mkdirSync(folder, { recursive: true });
    const file = path.join(folder, `${label}-${i + 1}.jpg`);
    fs.writeFileSync(file, withComment(jpeg, `Plumage bench ${label} ${i + 1}`));
    files.push(file);
  }
  return files;
}
