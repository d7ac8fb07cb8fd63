import { describe, expect, test } from 'vitest';
import { createKeyedLock, createReentrantKeyedLock } from '../../src/lib/keyed-lock';

const tick = (ms = 5) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs two tasks on `keys`, each logging its start and end; the order of the log. */
async function order(withLock: (key: string, task: () => Promise<unknown>) => Promise<unknown>, keys: [string, string]): Promise<string[]> {
  const log: string[] = [];
  const task = (name: string) => async () => {
    log.push(`${name} start`);
    await tick();
    log.push(`${name} end`);
  };
  await Promise.all([withLock(keys[0], task('a')), withLock(keys[1], task('b'))]);
  return log;
}

describe.each([
  ['createKeyedLock', createKeyedLock],
  ['createReentrantKeyedLock', createReentrantKeyedLock],
])('%s', (_name, create) => {
  test.each([
    { keys: ['x', 'x'] as [string, string], log: ['a start', 'a end', 'b start', 'b end'] },
    { keys: ['x', 'y'] as [string, string], log: ['a start', 'b start', 'a end', 'b end'] },
  ])('keys $keys: $log', async ({ keys, log }) => {
    expect(await order(create(), keys)).toEqual(log);
  });

  test('a failed task lets the next one run, and its error reaches its caller', async () => {
    const withLock = create();
    const failed = withLock('x', async () => {
      throw new Error('boom');
    });
    const next = withLock('x', async () => 'ran');
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ran');
  });
});

describe('createReentrantKeyedLock', () => {
  test('a task that takes its own key again runs at once instead of waiting for itself', async () => {
    const withLock = createReentrantKeyedLock();
    const answer = await Promise.race([withLock('doc', () => withLock('doc', async () => 'inner ran')), tick(500).then(() => 'deadlock')]);
    expect(answer).toBe('inner ran');
  });

  test('the key is held only inside the task: another caller still waits its turn', async () => {
    const withLock = createReentrantKeyedLock();
    const log: string[] = [];
    const first = withLock('doc', async () => {
      await withLock('doc', async () => {
        log.push('inner');
        await tick();
      });
      log.push('outer end');
    });
    const second = withLock('doc', async () => log.push('second'));
    await Promise.all([first, second]);
    expect(log).toEqual(['inner', 'outer end', 'second']);
  });
});
