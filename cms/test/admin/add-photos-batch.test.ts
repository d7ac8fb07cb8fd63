/** The Add photos batch without a browser: what a row says for each answer, how many files run at once, the summary. */
import { describe, expect, test } from 'vitest';
import { createdOutcome, failedOutcome, formatBytes, runEach, summarySentence, tally, type FailedCall, type RowState } from '../../src/admin/add-photos/batch';

describe('failedOutcome', () => {
  const cases: Array<{ name: string; call: FailedCall; status: string; message: RegExp; duplicateOf?: string }> = [
    {
      name: 'a duplicate: the server sentence naming the photo, and its documentId',
      call: { httpStatus: 400, error: { message: '"a.jpg" is already in the collection as "Ovenbird" (abc123); it was not added again.', details: { duplicateOf: 'abc123' } } },
      status: 'duplicate',
      message: /already in the collection as "Ovenbird" \(abc123\)/,
      duplicateOf: 'abc123',
    },
    {
      name: 'a duplicate whose answer has no sentence still names the photo',
      call: { httpStatus: 400, error: { details: { duplicateOf: 'abc123' } } },
      status: 'duplicate',
      message: /"a\.jpg" is already in the collection as photo abc123/,
      duplicateOf: 'abc123',
    },
    { name: 'a refusal keeps the server sentence', call: { httpStatus: 400, error: { message: '"a.jpg" is not an image we can read.' } }, status: 'refused', message: /^"a\.jpg" is not an image we can read\.$/ },
    { name: 'no answer at all', call: { networkMessage: 'Failed to fetch' }, status: 'refused', message: /could not be reached \(Failed to fetch\)\. Pick the file again/ },
    { name: 'a session that ended', call: { httpStatus: 401 }, status: 'refused', message: /session has ended/ },
    { name: 'a body over the limit without a sentence', call: { httpStatus: 413 }, status: 'refused', message: /larger than the CMS accepts/ },
    { name: 'a bare 500', call: { httpStatus: 500 }, status: 'refused', message: /answered 500 without saying why/ },
    { name: 'an empty message is no sentence', call: { httpStatus: 500, error: { message: '  ' } }, status: 'refused', message: /answered 500/ },
  ];
  test.each(cases)('$name', ({ call, status, message, duplicateOf }) => {
    const outcome = failedOutcome('a.jpg', call);
    expect(outcome.status).toBe(status);
    expect(outcome.message).toMatch(message);
    if (duplicateOf) expect(outcome).toMatchObject({ duplicateOf });
  });
});

test.each([
  { photo: { documentId: 'd1', title: null, status: 'draft' as const, species: [] }, message: '"a.jpg" was added as a draft.' },
  { photo: { documentId: 'd2', title: null, status: 'published' as const, species: ['Sora', 'Virginia Rail'] }, message: '"a.jpg" was added as published (Sora, Virginia Rail).' },
])('createdOutcome: $message', ({ photo, message }) => {
  expect(createdOutcome('a.jpg', photo)).toEqual({ status: 'created', documentId: photo.documentId, message });
});

describe('runEach', () => {
  test.each([1, 2, 3])('never runs more than %i at once, and runs every item once in order of start', async (limit) => {
    let running = 0;
    let most = 0;
    const started: number[] = [];
    await runEach([...Array(9).keys()], limit, async (item) => {
      started.push(item);
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 5 + (item % 3) * 3));
      running -= 1;
    });
    expect(most).toBe(limit);
    expect(started).toEqual([...Array(9).keys()]);
  });

  test('a failing item does not stop the others', async () => {
    const done: number[] = [];
    await runEach([1, 2, 3, 4], 2, async (item) => {
      if (item === 2) throw new Error('boom');
      done.push(item);
    });
    expect(done.sort()).toEqual([1, 3, 4]);
  });

  test('an empty batch finishes at once', async () => {
    await expect(runEach([], 2, async () => undefined)).resolves.toBeUndefined();
  });
});

test('tally and summary', () => {
  const states: RowState[] = [
    { status: 'created', documentId: 'a', message: '' },
    { status: 'created', documentId: 'b', message: '' },
    { status: 'duplicate', duplicateOf: 'c', message: '' },
    { status: 'refused', message: '' },
    { status: 'sending' },
    { status: 'ready' },
  ];
  const counts = tally(states);
  expect(counts).toEqual({ created: 2, duplicate: 1, refused: 1, pending: 2 });
  expect(summarySentence(counts)).toBe('2 photos created, 1 already there, 1 refused.');
  expect(summarySentence({ created: 1, duplicate: 0, refused: 0, pending: 0 })).toBe('1 photo created, 0 already there, 0 refused.');
});

test.each([
  { bytes: 512, text: '512 B' },
  { bytes: 20_480, text: '20 kB' },
  { bytes: 8.5 * 1024 * 1024, text: '8.5 MB' },
])('formatBytes($bytes) is $text', ({ bytes, text }) => {
  expect(formatBytes(bytes)).toBe(text);
});
