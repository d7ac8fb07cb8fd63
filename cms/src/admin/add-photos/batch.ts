/**
 * The Add photos batch without React: what became of a file, how many files run at once,
 * the summary. The page renders these; cms/test/add-photos-batch.test.ts tests them.
 */

/** What became of one file: the three outcomes a row shows (its `data-status`). */
export type Outcome =
  | { status: 'created'; message: string; documentId: string }
  | { status: 'duplicate'; message: string; duplicateOf: string }
  | { status: 'refused'; message: string };

/** A row before its outcome: picked and not sent yet, or on its way through the pipeline. */
export type RowState = { status: 'ready' } | { status: 'sending' } | Outcome;

/** The answer of POST /add-photos/photos (201). */
export interface CreatedPhoto {
  documentId: string;
  title: string | null;
  status: 'draft' | 'published';
  species: string[];
}

/** A failed call as the page sees it: the HTTP status and the Strapi error body, or nothing when the CMS was not reached. */
export interface FailedCall {
  httpStatus?: number;
  error?: { message?: unknown; details?: { duplicateOf?: unknown } | null } | null;
  /** The browser's own message when no answer came (offline, connection reset). */
  networkMessage?: string;
}

/**
 * Files sent at once. One: measured with 40 camera-like 24 MP JPEGs against `strapi start` on
 * 2 cores (`npm run bench -- --only add-photos`), one at a time took 2.6 s a photo with the CMS
 * peaking at 653 MiB; two at a time were no faster (2.8 s a photo, the pipeline is CPU-bound)
 * and peaked at 826 MiB, too close to what a 1 GB host has.
 */
export const FILES_AT_ONCE = 1;

/** The outcome of a file the CMS turned into a photo. */
export function createdOutcome(fileName: string, photo: CreatedPhoto): Outcome {
  const as = photo.status === 'published' ? 'published' : 'a draft';
  const species = photo.species.length > 0 ? ` (${photo.species.join(', ')})` : '';
  return { status: 'created', documentId: photo.documentId, message: `"${fileName}" was added as ${as}${species}.` };
}

/**
 * The outcome of a refused call. A duplicate carries `details.duplicateOf` (the interface
 * contract) and the server's sentence naming the photo; anything else is refused with the
 * server's sentence, or one of ours when the server gave none.
 *
 * @example
 * failedOutcome('a.jpg', { httpStatus: 400, error: { message: '"a.jpg" is already in the collection as …', details: { duplicateOf: 'abc' } } })
 * // { status: 'duplicate', duplicateOf: 'abc', message: '"a.jpg" is already in the collection as …' }
 */
export function failedOutcome(fileName: string, call: FailedCall): Outcome {
  const serverMessage = typeof call.error?.message === 'string' && call.error.message.trim() !== '' ? call.error.message.trim() : null;
  const duplicateOf = call.error?.details?.duplicateOf;
  if (typeof duplicateOf === 'string' && duplicateOf !== '') {
    return { status: 'duplicate', duplicateOf, message: serverMessage ?? `"${fileName}" is already in the collection as photo ${duplicateOf}.` };
  }
  if (serverMessage) return { status: 'refused', message: serverMessage };
  if (call.httpStatus === undefined) {
    const why = call.networkMessage ? ` (${call.networkMessage})` : '';
    return { status: 'refused', message: `"${fileName}" was not sent: the CMS could not be reached${why}. Pick the file again to retry.` };
  }
  if (call.httpStatus === 401) return { status: 'refused', message: `"${fileName}" was not added: your session has ended. Sign in again and pick the file again.` };
  if (call.httpStatus === 413) return { status: 'refused', message: `"${fileName}" was not added: it is larger than the CMS accepts.` };
  return { status: 'refused', message: `"${fileName}" was not added: the CMS answered ${call.httpStatus} without saying why.` };
}

/**
 * Runs `work` on every item, at most `limit` at a time, in the order given. A failing item
 * does not stop the others (each `work` reports its own outcome).
 */
export async function runEach<T>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      try {
        await work(items[index] as T, index);
      } catch {
        // `work` reports its own failures; one file's trouble must not stop the batch.
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

/** How many rows ended each way, and how many are still to run. */
export interface Tally {
  created: number;
  duplicate: number;
  refused: number;
  pending: number;
}

export function tally(states: readonly RowState[]): Tally {
  const counts: Tally = { created: 0, duplicate: 0, refused: 0, pending: 0 };
  for (const state of states) {
    if (state.status === 'ready' || state.status === 'sending') counts.pending += 1;
    else counts[state.status] += 1;
  }
  return counts;
}

/**
 * The summary line at the end of a batch.
 *
 * @example
 * summarySentence({ created: 3, duplicate: 1, refused: 1, pending: 0 }) // '3 photos created, 1 already there, 1 refused.'
 */
export function summarySentence({ created, duplicate, refused }: Tally): string {
  const photos = created === 1 ? 'photo' : 'photos';
  return `${created} ${photos} created, ${duplicate} already there, ${refused} refused.`;
}

/** "2.4 MB": a file's size in a row. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} kB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
