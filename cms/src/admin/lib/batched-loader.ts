/**
 * Table cells each want one value; the server answers for many at once. A loader collects the
 * keys asked for in the same tick and makes one call for them (at most `maxKeys` keys a call);
 * answers are kept for `freshForMs`, so a list shown again later asks again.
 */
export function batchedLoader<V>(
  loadMany: (keys: string[]) => Promise<Record<string, V>>,
  { maxKeys = 100, freshForMs = 2_000 }: { maxKeys?: number; freshForMs?: number } = {},
): (key: string) => Promise<V | undefined> {
  const cache = new Map<string, { at: number; value: Promise<V | undefined> }>();
  let waiting: Map<string, Array<{ resolve: (value: V | undefined) => void; reject: (error: unknown) => void }>> | null = null;

  const flush = (batch: NonNullable<typeof waiting>) => {
    const keys = [...batch.keys()];
    for (let start = 0; start < keys.length; start += maxKeys) {
      const chunk = keys.slice(start, start + maxKeys);
      loadMany(chunk).then(
        (values) => chunk.forEach((key) => batch.get(key)?.forEach((w) => w.resolve(values[key]))),
        (error) =>
          chunk.forEach((key) => {
            cache.delete(key);
            batch.get(key)?.forEach((w) => w.reject(error));
          }),
      );
    }
  };

  return (key) => {
    const hit = cache.get(key);
    if (hit && Date.now() - hit.at < freshForMs) return hit.value;
    const value = new Promise<V | undefined>((resolve, reject) => {
      if (!waiting) {
        waiting = new Map();
        const batch = waiting;
        setTimeout(() => {
          waiting = null;
          flush(batch);
        }, 0);
      }
      const list = waiting.get(key) ?? [];
      list.push({ resolve, reject });
      waiting.set(key, list);
    });
    cache.set(key, { at: Date.now(), value });
    return value;
  };
}
