import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sha256File } from '../../src/pipeline';
import { makeTempDir, writeTo } from '../support/images';

describe('sha256File', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => ({ dir, cleanup } = await makeTempDir()));
  afterAll(() => cleanup());

  const cases: { name: string; bytes: Buffer; sha256: string }[] = [
    { name: 'empty', bytes: Buffer.alloc(0), sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' },
    { name: 'abc', bytes: Buffer.from('abc'), sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad' },
  ];
  test.each(cases)('hashes $name', async ({ name, bytes, sha256 }) => {
    expect(await sha256File(await writeTo(dir, name, bytes))).toBe(sha256);
  });

  test('streams a file larger than one read chunk to the same digest as hashing it whole', async () => {
    const bytes = Buffer.alloc(5 * 1024 * 1024 + 17, 'plumage');
    const digest = await sha256File(await writeTo(dir, 'large', bytes));
    expect(digest).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
  });

  test('rejects a missing file', async () => {
    await expect(sha256File(`${dir}/missing`)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
