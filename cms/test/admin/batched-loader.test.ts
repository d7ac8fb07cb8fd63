/** The list cells' loader: one call for the keys of one tick, chunks, freshness, failures. */
import { expect, test } from 'vitest';
import { batchedLoader } from '../../src/admin/lib/batched-loader';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

function counting(values: Record<string, number>) {
  const calls: string[][] = [];
  const loadMany = async (keys: string[]) => {
    calls.push(keys);
    return Object.fromEntries(keys.filter((k) => k in values).map((k) => [k, values[k]!]));
  };
  return { calls, loadMany };
}

test.each([
  { keys: ['a', 'b', 'c'], maxKeys: 100, calls: [['a', 'b', 'c']] },
  { keys: ['a', 'b', 'c', 'a'], maxKeys: 100, calls: [['a', 'b', 'c']] },
  { keys: ['a', 'b', 'c', 'd', 'e'], maxKeys: 2, calls: [['a', 'b'], ['c', 'd'], ['e']] },
])('keys asked in one tick: $calls', async ({ keys, maxKeys, calls: expected }) => {
  const { calls, loadMany } = counting({ a: 1, b: 2, c: 3, d: 4, e: 5 });
  const load = batchedLoader(loadMany, { maxKeys });
  const answers = await Promise.all(keys.map(load));
  expect(answers).toEqual(keys.map((k) => ({ a: 1, b: 2, c: 3, d: 4, e: 5 })[k]));
  expect(calls).toEqual(expected);
});

test('a key the server does not know is undefined', async () => {
  const { loadMany } = counting({ a: 1 });
  expect(await batchedLoader(loadMany)('zz')).toBeUndefined();
});

test('answers are reused while fresh, asked again after', async () => {
  const { calls, loadMany } = counting({ a: 1 });
  const load = batchedLoader(loadMany, { freshForMs: 20 });
  await load('a');
  await load('a');
  expect(calls).toHaveLength(1);
  await new Promise((resolve) => setTimeout(resolve, 30));
  await load('a');
  expect(calls).toHaveLength(2);
});

test('a failed call rejects its keys and is not cached', async () => {
  let fail = true;
  const load = batchedLoader(async (keys: string[]) => {
    if (fail) throw new Error('offline');
    return Object.fromEntries(keys.map((k) => [k, 7]));
  });
  await expect(load('a')).rejects.toThrow('offline');
  fail = false;
  await tick();
  expect(await load('a')).toBe(7);
});
