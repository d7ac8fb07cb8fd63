import { mkdir, readFile, rm, rmdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from './atomic-file';
import { removeDerivatives } from './remove';

/**
 * Where derivatives are kept. Every path is relative to the media root and made by `derivativeRelPath`
 * (`derivatives/ab/<sha256>/thumb.avif`): a folder on disk (`localDerivativeStore`, the default) or an
 * S3-compatible bucket (`cms/src/media/s3-derivative-store.ts`), laid out the same way.
 */
export interface DerivativeStore {
  /** The byte size of each derivative, or null when any of them is missing. */
  sizes(relPaths: readonly string[]): Promise<number[] | null>;
  /** Stores one derivative whole: a reader never sees part of it under its final name. */
  write(relPath: string, data: Uint8Array, contentType: string): Promise<void>;
  /** Removes these derivatives (those that exist). */
  remove(relPaths: readonly string[]): Promise<void>;
  /** Removes every derivative of one original; throws for a malformed sha256. */
  removeAll(sha256: string): Promise<void>;
  /** The bytes of one derivative, or null when it does not exist. */
  read(relPath: string): Promise<Buffer | null>;
}

/** Removes a folder, and then its parent, when they are empty; leaves them otherwise. */
async function removeEmptyFolders(folder: string): Promise<void> {
  for (const candidate of [folder, dirname(folder)]) {
    try {
      await rmdir(candidate);
    } catch {
      return;
    }
  }
}

/**
 * Derivatives as files under `mediaDir` (`MEDIA_DIR`), written atomically (`writeFileAtomic`); removing all of an
 * original's goes through `removeDerivatives`, which never leaves `mediaDir/derivatives`.
 *
 * @example
 * await localDerivativeStore('/srv/media').sizes(['derivatives/e9/e94c…/thumb.avif']) // [10512]
 */
export function localDerivativeStore(mediaDir: string): DerivativeStore {
  const fileOf = (relPath: string) => join(mediaDir, relPath);
  return {
    async sizes(relPaths) {
      try {
        const files = await Promise.all(relPaths.map((relPath) => stat(fileOf(relPath))));
        return files.every((file) => file.isFile()) ? files.map((file) => file.size) : null;
      } catch {
        return null;
      }
    },
    async write(relPath, data) {
      await mkdir(dirname(fileOf(relPath)), { recursive: true });
      await writeFileAtomic(fileOf(relPath), data);
    },
    async remove(relPaths) {
      await Promise.all(relPaths.map((relPath) => rm(fileOf(relPath), { force: true })));
      for (const folder of new Set(relPaths.map((relPath) => dirname(fileOf(relPath))))) await removeEmptyFolders(folder);
    },
    removeAll: (sha256) => removeDerivatives(mediaDir, sha256),
    async read(relPath) {
      try {
        return await readFile(fileOf(relPath));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
  };
}
