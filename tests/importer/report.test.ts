import { expect, test } from 'vitest';
import { estimateLeftMs, formatDuration, progressLine } from '../../scripts/import/report/progress';
import { formatSummary } from '../../scripts/import/report/summary';
import type { ImportReport } from '../../scripts/import/run-import';

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
