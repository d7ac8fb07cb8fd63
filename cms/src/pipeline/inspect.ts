import { open, stat } from 'node:fs/promises';
import sharp, { type Metadata } from 'sharp';
import { ImageRejectedError } from './errors';
import { defaultLimits, inputFormats, type InputFormat, type PipelineLimits } from './limits';
import { describeNonImage, formatLabels, sniffBytes, sniffImageFormat } from './sniff';

/** What `inspectImage` learns about an accepted original. */
export interface ImageInfo {
  format: InputFormat;
  /** Stored pixel size, before orientation. */
  width: number;
  height: number;
  /** EXIF orientation 1–8 (1 when absent). */
  orientation: number;
  /** Size as displayed, orientation applied. */
  displayWidth: number;
  displayHeight: number;
}

/** Long edge of the throw-away decode that proves every byte of picture data can be read. */
const checkDecodeEdge = 64;

const kilobyte = 1024;
const megabyte = 1024 * kilobyte;

function label(format: string): string {
  return formatLabels[format] ?? format.toUpperCase();
}

function sizeText(bytes: number): string {
  return bytes >= megabyte ? `${Number((bytes / megabyte).toFixed(1))} MB` : `${Math.ceil(bytes / kilobyte)} KB`;
}

async function readHead(path: string, bytes: number): Promise<Uint8Array> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await file.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

function acceptedText(limits: PipelineLimits): string {
  const names = limits.allowedFormats.map(label);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? 'none');
}

function unsupported(formatName: string, limits: PipelineLimits): ImageRejectedError {
  return new ImageRejectedError(
    'unsupported-format',
    `This is a ${formatName} image, which the site does not take; accepted formats are ${acceptedText(limits)}.`,
  );
}

/** The pipeline's name for what sharp's header reader found, or null when it is outside the pipeline's formats. */
function inputFormat(metadata: Metadata): InputFormat | null {
  if (metadata.format === 'heif') return metadata.compression === 'av1' ? 'avif' : 'heif';
  return inputFormats.find((format) => format === metadata.format) ?? null;
}

/** Why a full decode failed, for the owner. sharp's prebuilt libvips reads AVIF but has no HEVC decoder for HEIC. */
function decodeFailure(format: InputFormat, metadata: Metadata, error: unknown): ImageRejectedError {
  if (format === 'heif' && metadata.compression === 'hevc') {
    return new ImageRejectedError(
      'unsupported-format',
      'This HEIC image is compressed with HEVC, which this server cannot decode; export it as JPEG first.',
      { cause: error },
    );
  }
  const detail = error instanceof Error ? error.message : String(error);
  const endsEarly = /premature end|unexpected end|end of file|truncat|bad seek/i.test(detail);
  const message = endsEarly
    ? `This ${label(format)} is damaged or incomplete (it ends before the picture does).`
    : `This ${label(format)} is damaged: its picture data cannot be decoded.`;
  return new ImageRejectedError('damaged', message, { cause: error });
}

/**
 * Checks an uploaded file cheaply before anything is stored, and returns its format and size.
 * Refuses (throws `ImageRejectedError`) an empty or oversized file, anything that is not a picture
 * (text, HTML, SVG, PDF, whatever its name), a format outside `limits.allowedFormats`, a header that
 * declares more than `limits.maxInputPixels` (read from the header: a decompression bomb is never
 * decoded), and a file whose picture data is cut short or broken (a full decode at 64 px: JPEG
 * shrink-on-load keeps it cheap).
 *
 * @example
 * await inspectImage('upload.jpg')
 * // { format: 'jpeg', width: 5184, height: 3456, orientation: 1, displayWidth: 5184, displayHeight: 3456 }
 */
export async function inspectImage(path: string, limits: PipelineLimits = defaultLimits): Promise<ImageInfo> {
  const { size } = await stat(path);
  if (size === 0) throw new ImageRejectedError('empty', 'This file is empty (0 bytes).');
  if (size > limits.maxFileBytes) {
    throw new ImageRejectedError(
      'too-large',
      `This file is ${sizeText(size)}; the limit is ${sizeText(limits.maxFileBytes)}.`,
    );
  }

  const head = await readHead(path, sniffBytes);
  const signature = sniffImageFormat(head);
  if (signature === null) {
    throw new ImageRejectedError('not-an-image', `This file is not an image: ${describeNonImage(head)}.`);
  }
  const allowed: readonly string[] = limits.allowedFormats;
  const signatureAllowed = signature === 'heif' ? allowed.includes('avif') || allowed.includes('heif') : allowed.includes(signature);
  if (!signatureAllowed) throw unsupported(label(signature), limits);

  const unreadable = (cause?: unknown) =>
    new ImageRejectedError('damaged', `This ${label(signature)} file is damaged: its header cannot be read.`, { cause });
  const metadata = await sharp(path, { limitInputPixels: false })
    .metadata()
    .catch((error: unknown) => {
      throw unreadable(error);
    });
  const format = inputFormat(metadata);
  if (format === null) throw unreadable();
  if (!allowed.includes(format)) throw unsupported(label(format), limits);

  const { width, height } = metadata;
  if (width * height > limits.maxInputPixels) {
    throw new ImageRejectedError(
      'too-many-pixels',
      `This image is ${width} × ${height} pixels; the limit is ${Number((limits.maxInputPixels / 1e6).toFixed(1))} megapixels.`,
    );
  }

  try {
    await sharp(path, { failOn: limits.decodeStrictness, limitInputPixels: limits.maxInputPixels })
      .resize(checkDecodeEdge, checkDecodeEdge, { fit: 'inside' })
      .raw()
      .toBuffer();
  } catch (error) {
    throw decodeFailure(format, metadata, error);
  }

  return {
    format,
    width,
    height,
    orientation: metadata.orientation ?? 1,
    displayWidth: metadata.autoOrient.width,
    displayHeight: metadata.autoOrient.height,
  };
}
