import { describe, expect, test } from 'vitest';
import { ResponseCache } from '../src/lib/cache';

function clock(start = 0) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('ResponseCache', () => {
  test('keeps at most maxEntries, dropping the least recently used', () => {
    const cache = new ResponseCache<string>({ maxEntries: 2, ttlMs: 1000 });
    cache.set('a', 'A');
    cache.set('b', 'B');
    expect(cache.get('a')).toBe('A'); // a is now the most recent
    cache.set('c', 'C');
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual(['A', undefined, 'C']);
    expect(cache.size).toBe(2);
  });

  const ttlCases = [
    { age: 0, cached: true },
    { age: 999, cached: true },
    { age: 1000, cached: false },
    { age: 5000, cached: false },
  ];
  for (const { age, cached } of ttlCases) {
    test(`an entry ${age} ms old is ${cached ? 'kept' : 'expired'} (TTL 1000 ms)`, () => {
      const time = clock();
      const cache = new ResponseCache<string>({ maxEntries: 10, ttlMs: 1000, now: time.now });
      cache.set('k', 'v');
      time.advance(age);
      expect(cache.get('k')).toBe(cached ? 'v' : undefined);
    });
  }

  test('getOrLoad loads once and shares a load in progress', async () => {
    const cache = new ResponseCache<number>({ maxEntries: 10, ttlMs: 1000 });
    let loads = 0;
    const load = async () => {
      loads += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return 42;
    };
    const answers = await Promise.all([cache.getOrLoad('k', load), cache.getOrLoad('k', load)]);
    expect(answers).toEqual([42, 42]);
    expect(await cache.getOrLoad('k', load)).toBe(42);
    expect(loads).toBe(1);
  });

  test('a failed load is not stored', async () => {
    const cache = new ResponseCache<number>({ maxEntries: 10, ttlMs: 1000 });
    await expect(cache.getOrLoad('k', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.getOrLoad('k', async () => 7)).toBe(7);
  });

  test('clear empties it, and a load started before clear is not stored', async () => {
    const cache = new ResponseCache<string>({ maxEntries: 10, ttlMs: 1000 });
    cache.set('a', 'old');
    let release: (value: string) => void = () => undefined;
    const pending = cache.getOrLoad('b', () => new Promise<string>((resolve) => (release = resolve)));
    cache.clear();
    release('stale');
    expect(await pending).toBe('stale');
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')).toBeUndefined();
  });

  test('refuses a size below one', () => {
    expect(() => new ResponseCache({ maxEntries: 0, ttlMs: 1 })).toThrow(RangeError);
  });
});
