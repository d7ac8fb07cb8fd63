import { expect, test } from 'vitest';
import { createProgressDisplay, estimateLeftMs, formatDuration, progressLine } from '../../scripts/import/report/progress';
import { formatSummary } from '../../scripts/import/report/summary';
import type { ImportProgress, ImportReport } from '../../scripts/import/run-import';

test.each([
  { ms: 0, output: '0 s' },
  { ms: 12_400, output: '12 s' },
  { ms: 65_000, output: '1 min 05 s' },
  { ms: 2 * 3600_000 + 3 * 60_000, output: '2 h 03 min' },
])('formatDuration($ms)', ({ ms, output }) => expect(formatDuration(ms)).toBe(output));

test.each([
  { progress: { total: 60, done: 0, startedAt: 0 }, now: 5_000, output: null },
  { progress: { total: 60, done: 30, startedAt: 0 }, now: 30_000, output: 30_000 },
  { progress: { total: 60, done: 60, startedAt: 0 }, now: 30_000, output: 0 },
])('estimateLeftMs after $progress.done of $progress.total', ({ progress, now, output }) => expect(estimateLeftMs(progress, now)).toBe(output));

test('progressLine: bar, counts, pace and time left', () => {
  const line = progressLine({ total: 60, done: 30, counts: { imported: 28, already: 1, failed: 1, 'would-import': 0 }, startedAt: 0 }, { now: 30_000, width: 10 });
  expect(line).toBe('[#####.....] 30/60  imported 28 · already 1 · failed 1  ·  60.0 photos/min  ·  about 30 s left');
});

const report = (extra: Partial<ImportReport>): ImportReport => ({
  mode: 'folder', dryRun: false, offline: false, outcomes: [], counts: { imported: 0, already: 0, failed: 0, 'would-import': 0 },
  speciesCreated: [], speciesToCreate: [], speciesFilled: [], pagesOrManifests: [], ignoredFiles: 0, elapsedMs: 61_000, ...extra,
});

test.each([
  {
    name: 'a run with failures names each and why',
    input: report({
      counts: { imported: 2, already: 1, failed: 1, 'would-import': 0 },
      speciesCreated: ['Sora'],
      outcomes: [{ label: 'bad.jpg', status: 'failed', reason: 'not an image: the file is text' }],
    }),
    output: 'Imported 2 photos, 1 already there, 1 failed (1 min 01 s, 2.0 photos/min).\nCreated species: Sora.\nFailed:\n  bad.jpg: not an image: the file is text\n',
  },
  {
    name: 'a re-run with nothing new says so',
    input: report({ counts: { imported: 0, already: 3, failed: 0, 'would-import': 0 } }),
    output: 'Nothing new: all 3 photos are already in the collection (1 min 01 s).\n',
  },
  {
    name: 'a dry run says what would happen',
    input: report({
      dryRun: true,
      counts: { imported: 0, already: 1, failed: 0, 'would-import': 1 },
      speciesToCreate: ['Sora'],
      outcomes: [{ label: 'Sora/1.jpg', status: 'would-import', species: ['Sora'], reason: 'species from folder' }],
    }),
    output: 'Dry run, nothing written: would import 1 photo, 1 already there, 0 would fail.\nWould create species: Sora.\nWould import:\n  Sora/1.jpg → Sora; species from folder\n',
  },
])('formatSummary: $name', ({ input, output }) => expect(formatSummary(input)).toBe(output));

/** A stream that keeps what is written, as a terminal (isTTY, 80 columns) or a pipe. */
function captureStream(tty: boolean, columns = 80) {
  const written: string[] = [];
  const stream = { isTTY: tty, columns: tty ? columns : undefined, write: (text: string) => written.push(text) > 0 };
  return { written, stream: stream as unknown as NodeJS.WriteStream };
}

const step = (done: number): ImportProgress => ({ total: 4, done, counts: { imported: done, already: 0, failed: 0, 'would-import': 0 }, startedAt: Date.now() - done * 10_000 });

test('on a terminal: one bar redrawn in place, with counts and time left, ended by a newline', () => {
  const { written, stream } = captureStream(true);
  const display = createProgressDisplay({ stream });
  display.update(step(1));
  display.update(step(2));
  display.around(() => stream.write('failed: x.jpg\n'));
  display.finish();
  // 80 columns: the pace gives way to the bar.
  expect(written[0]).toMatch(/^\r\x1b\[2K\[#{3,}\.{9,}\] 1\/4  imported 1 · already 0 · failed 0  ·  about 30 s left$/);
  expect(written[1]).toMatch(/^\r\x1b\[2K\[#+\.+\] 2\/4 .+about 20 s left$/);
  // A log line clears the bar, is written, and the bar comes back below it.
  expect(written.slice(2, 5)).toEqual(['\r\x1b[2K', 'failed: x.jpg\n', expect.stringMatching(/^\r\x1b\[2K\[#+\.+\] 2\/4 /)]);
  expect(written.at(-1)).toBe('\n');
  expect(written.every((text) => text.replace(/^\r\x1b\[2K/, '').length < 80)).toBe(true);
});

test('on a wide terminal: a 30-column bar and the pace too', () => {
  const { written, stream } = captureStream(true, 160);
  const display = createProgressDisplay({ stream });
  display.update(step(2));
  display.finish();
  expect(written[0]).toBe('\r\x1b[2K[###############...............] 2/4  imported 2 · already 0 · failed 0  ·  6.0 photos/min  ·  about 20 s left');
});

test('in a pipe or a log: plain lines no more often than the interval, and one at the end', () => {
  const { written, stream } = captureStream(false);
  const display = createProgressDisplay({ stream, intervalMs: 60_000 });
  display.update(step(1));
  display.update(step(2));
  display.update(step(3));
  display.finish();
  expect(written).toHaveLength(2);
  expect(written[0]).toMatch(/^progress 1\/4  imported 1 · already 0 · failed 0  ·  6\.0 photos\/min  ·  about 30 s left\n$/);
  expect(written[1]).toMatch(/^progress 3\/4 .+about 10 s left\n$/);

  // The last line is not printed twice.
  const once = captureStream(false);
  const short = createProgressDisplay({ stream: once.stream, intervalMs: 60_000 });
  short.update(step(1));
  short.finish();
  expect(once.written).toHaveLength(1);
});
