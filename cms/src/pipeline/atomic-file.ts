import { randomUUID } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';

/**
 * Writes a file under a temporary name beside it, flushes it to disk and renames it into place, so that a crash
 * never leaves a partial file under the final name (at worst a `*.tmp` beside it).
 *
 * @example
 * await writeFileAtomic('media/derivatives/e9/e94c…/thumb.avif', bytes)
 */
export async function writeFileAtomic(path: string, data: Uint8Array): Promise<void> {
  const temporary = `${path}.${randomUUID()}.tmp`;
  try {
    const file = await open(temporary, 'wx');
    try {
      await file.writeFile(data);
      await file.datasync();
    } finally {
      await file.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
