/** Limits of a response cache. */
export interface CacheOptions {
  /** At most this many entries; the least recently used goes first. */
  maxEntries: number;
  /** An entry older than this is fetched again (a backstop: purges empty the cache when content changes). */
  ttlMs: number;
  /** The clock, for tests. */
  now?: () => number;
}

interface Entry<T> {
  value: T;
  storedAt: number;
}

/**
 * A bounded least-recently-used cache with a time-to-live, for Strapi's answers. `getOrLoad` runs one load per key
 * at a time (concurrent callers share it), and a load that started before a `clear()` is not stored.
 *
 * @example
 * const cache = new ResponseCache<string>({ maxEntries: 2, ttlMs: 60_000 });
 * await cache.getOrLoad('a', async () => 'A') // 'A' (loaded)
 * await cache.getOrLoad('a', async () => 'B') // 'A' (cached)
 */
export class ResponseCache<T> {
  readonly #entries = new Map<string, Entry<T>>();
  readonly #loading = new Map<string, Promise<T>>();
  readonly #options: Required<CacheOptions>;
  #generation = 0;

  constructor(options: CacheOptions) {
    if (!Number.isInteger(options.maxEntries) || options.maxEntries < 1) throw new RangeError('maxEntries must be a positive integer');
    this.#options = { now: Date.now, ...options };
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The cached value, or undefined when absent or expired. */
  get(key: string): T | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (this.#options.now() - entry.storedAt >= this.#options.ttlMs) {
      this.#entries.delete(key);
      return undefined;
    }
    // Re-inserting moves the key to the end: Map keeps insertion order, so the first key is the least recent.
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: T): void {
    this.#entries.delete(key);
    this.#entries.set(key, { value, storedAt: this.#options.now() });
    while (this.#entries.size > this.#options.maxEntries) {
      const oldest = this.#entries.keys().next();
      if (oldest.done === true) break;
      this.#entries.delete(oldest.value);
    }
  }

  /** The cached value, or the one `load` gives (stored unless the cache was cleared meanwhile). Failures are not stored. */
  getOrLoad(key: string, load: () => Promise<T>): Promise<T> {
    const cached = this.get(key);
    if (cached !== undefined) return Promise.resolve(cached);
    const pending = this.#loading.get(key);
    if (pending !== undefined) return pending;

    const generation = this.#generation;
    const loading = load()
      .then((value) => {
        if (generation === this.#generation) this.set(key, value);
        return value;
      })
      .finally(() => {
        if (this.#loading.get(key) === loading) this.#loading.delete(key);
      });
    this.#loading.set(key, loading);
    return loading;
  }

  /** Forgets everything, including what is being loaded now. */
  clear(): void {
    this.#generation += 1;
    this.#entries.clear();
    this.#loading.clear();
  }
}
