/**
 * Runs `work` over `items` with at most `concurrency` at a time, in order of the list; resolves
 * when all are done. `work` reports its own failures: one that throws stops nothing else.
 *
 * @example
 * await runPool([1, 2, 3], 2, async (n) => console.log(n))
 */
export async function runPool<T>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<void>, shouldStop: () => boolean = () => false): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length && !shouldStop()) {
      const index = next++;
      await work(items[index]!, index).catch(() => undefined);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
}
