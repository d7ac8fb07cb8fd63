import exifr from 'exifr';

/** What a photo's own XMP and IPTC say about it: its title, description and keywords. */
export interface EmbeddedMetadata {
  title: string | null;
  description: string | null;
  /** Flat keywords; for Lightroom's hierarchical ones ("Birds|Warblers|Yellow Warbler") the last level. */
  keywords: string[];
  /** Whether the file says when it was taken (EXIF DateTimeOriginal, XMP or IPTC date). */
  hasDate: boolean;
}

/** An XMP language alternative ({ lang, value }), a list of them, or plain text, as exifr returns them. */
function plainText(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return plainText(value.find((one) => plainText(one)) ?? null);
  if (typeof value === 'object') return plainText((value as { value?: unknown }).value);
  const text = String(value).replace(/\s+/g, ' ').trim();
  return text || null;
}

// What cameras write into EXIF's ImageDescription when nobody wrote anything.
const CAMERA_BOILERPLATE = /^(olympus digital camera|sony dsc|digital camera|dcim|default|untitled|image)$/i;

function description(value: unknown): string | null {
  const text = plainText(value);
  return text && !CAMERA_BOILERPLATE.test(text) ? text : null;
}

function list(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? value : [value];
  return items.map(plainText).filter((item): item is string => item !== null);
}

/**
 * The title, description and keywords in exifr's merged output, whichever block holds them:
 * XMP (dc:title, dc:description, dc:subject, lr:hierarchicalSubject) or IPTC (ObjectName,
 * Caption, Keywords). Pure: the reading is `readEmbeddedMetadata`'s.
 *
 * @example
 * embeddedFromExifr({ title: { lang: 'x-default', value: 'Yellow Warbler' }, subject: 'Ohio' })
 * // { title: 'Yellow Warbler', description: null, keywords: ['Ohio'], hasDate: false }
 */
export function embeddedFromExifr(tags: Record<string, unknown> | null | undefined): EmbeddedMetadata {
  const t = tags ?? {};
  const keywords = new Set<string>();
  for (const keyword of [...list(t.subject), ...list(t.Keywords)]) keywords.add(keyword);
  for (const path of [...list(t.hierarchicalSubject), ...list(t.HierarchicalSubject)]) {
    const last = path.split('|').pop()?.trim();
    if (last) keywords.add(last);
  }
  return {
    title: plainText(t.title) ?? plainText(t.ObjectName) ?? plainText(t.Headline) ?? plainText(t.headline),
    description: plainText(t.description) ?? plainText(t.Caption) ?? plainText(t['Caption-Abstract']) ?? description(t.ImageDescription),
    keywords: [...keywords],
    hasDate: Boolean(t.DateTimeOriginal ?? t.CreateDate ?? t.DateCreated ?? t.DateTimeCreated),
  };
}

/** Reads a file's XMP and IPTC (and EXIF dates) with exifr; a file it cannot read has none. */
export async function readEmbeddedMetadata(file: string | Buffer): Promise<EmbeddedMetadata> {
  try {
    const tags = await exifr.parse(file, { xmp: true, iptc: true, tiff: true, exif: true, gps: false, ifd1: false, translateValues: false });
    return embeddedFromExifr(tags as Record<string, unknown> | undefined);
  } catch {
    return embeddedFromExifr(null);
  }
}
