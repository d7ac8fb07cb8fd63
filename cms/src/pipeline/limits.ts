/** Every format the pipeline can take as an original, as `inspectImage` names them. */
export const inputFormats = ['jpeg', 'png', 'webp', 'avif', 'tiff', 'heif'] as const;

export type InputFormat = (typeof inputFormats)[number];

/** How strictly pixel data is checked while decoding (sharp's `failOn`, least to most strict). */
export type DecodeStrictness = 'none' | 'truncated' | 'error' | 'warning';

/** What the pipeline refuses before it stores or decodes anything big. */
export interface PipelineLimits {
  /** Width × height, read from the header: a larger image is refused without being decoded. */
  maxInputPixels: number;
  /** Size of the uploaded file in bytes. */
  maxFileBytes: number;
  /** Formats accepted as originals. */
  allowedFormats: readonly InputFormat[];
  /**
   * sharp's `failOn` for every decode. `'error'` refuses truncated files and decoder errors but lets
   * libjpeg warnings through ("extraneous bytes before marker", a stray bad Huffman code), which real
   * cameras and editors do write; `'warning'` would refuse those too. All fifteen real camera fixtures
   * pass at every level; a JPEG cut anywhere (even one missing only its end marker) fails at `'truncated'` and above.
   */
  decodeStrictness: DecodeStrictness;
}

/**
 * The limits used when the caller gives none.
 *
 * @example
 * inspectImage(file, { ...defaultLimits, maxFileBytes: 50 * 1024 * 1024 })
 */
export const defaultLimits: Readonly<PipelineLimits> = Object.freeze({
  maxInputPixels: 100_000_000,
  maxFileBytes: 100 * 1024 * 1024,
  allowedFormats: inputFormats,
  decodeStrictness: 'error',
});
