/** Why an upload was refused; stable codes for callers and tests, the message is for people. */
export type RejectionReason =
  | 'empty'
  | 'not-an-image'
  | 'unsupported-format'
  | 'too-many-pixels'
  | 'too-large'
  | 'damaged';

/**
 * An upload the pipeline refuses, with a message that can be shown to the owner as is.
 *
 * @example
 * try { await inspectImage(file) } catch (error) {
 *   if (error instanceof ImageRejectedError) reply(400, error.message) // "This file is not an image: it is a PDF document."
 * }
 */
export class ImageRejectedError extends Error {
  readonly reason: RejectionReason;

  constructor(reason: RejectionReason, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ImageRejectedError';
    this.reason = reason;
  }
}
