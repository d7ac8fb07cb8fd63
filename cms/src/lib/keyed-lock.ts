import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Runs tasks that share a key one after another (and tasks with other keys freely).
 * Two uploads of the same image at the same moment must not both write, then one delete,
 * the same content-addressed derivatives.
 */
export function createKeyedLock() {
  const tails = new Map<string, Promise<unknown>>();
  return async function withLock<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = tails.get(key) ?? Promise.resolve();
    const run = previous.then(task, task);
    const tail = run.catch(() => undefined);
    tails.set(key, tail);
    try {
      return await run;
    } finally {
      if (tails.get(key) === tail) tails.delete(key);
    }
  };
}

/**
 * Like createKeyedLock, but a task may take the same key again inside itself (a Document Service action that
 * triggers another on the same document) without waiting for itself.
 */
export function createReentrantKeyedLock() {
  const withLock = createKeyedLock();
  const held = new AsyncLocalStorage<ReadonlySet<string>>();
  return function withReentrantLock<T>(key: string, task: () => Promise<T>): Promise<T> {
    const mine = held.getStore() ?? new Set<string>();
    if (mine.has(key)) return task();
    return withLock(key, () => held.run(new Set([...mine, key]), task));
  };
}
