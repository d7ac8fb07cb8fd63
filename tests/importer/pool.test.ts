import { expect, test } from 'vitest';
import { runPool } from '../../scripts/import/lib/pool';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs the pool over `count` items whose work takes `ms` each; how many ran at most at once, and in what order they started. */
async function observe(count: number, concurrency: number, { failAt = -1, stopAfter = Infinity, ms = 5 } = {}) {
  let running = 0;
  let most = 0;
  const started: number[] = [];
  const finished: number[] = [];
  await runPool(
    Array.from({ length: count }, (_, i) => i),
    concurrency,
    async (item) => {
      started.push(item);
      running++;
      most = Math.max(most, running);
      await tick(ms);
      running--;
      if (item === failAt) throw new Error('this one fails');
      finished.push(item);
    },
    () => started.length >= stopAfter,
  );
  return { most, started, finished };
}

test.each([
  { name: 'the default of the importer', count: 10, concurrency: 2, most: 2 },
  { name: 'one at a time', count: 5, concurrency: 1, most: 1 },
  { name: 'more workers than items', count: 3, concurrency: 8, most: 3 },
  { name: 'a nonsense bound still runs one', count: 3, concurrency: 0, most: 1 },
])('at most $concurrency at a time: $name', async ({ count, concurrency, most }) => {
  const run = await observe(count, concurrency);
  expect(run.most).toBe(most);
  expect(run.started).toEqual(Array.from({ length: count }, (_, i) => i));
  expect(run.finished.sort((a, b) => a - b)).toEqual(run.started);
});

test('one item that throws stops nothing else', async () => {
  const run = await observe(6, 2, { failAt: 1 });
  expect(run.finished.sort((a, b) => a - b)).toEqual([0, 2, 3, 4, 5]);
});

test('asked to stop, it takes no new item and lets those under way finish', async () => {
  const run = await observe(10, 2, { stopAfter: 4 });
  expect(run.started).toEqual([0, 1, 2, 3]);
  expect(run.finished.sort((a, b) => a - b)).toEqual([0, 1, 2, 3]);
});
