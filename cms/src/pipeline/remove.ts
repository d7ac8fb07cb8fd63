import { isSha256 } from '@plumage/shared';
import { realpath, rm, rmdir } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { derivativeFolder, derivativesRoot } from './media-paths';

/** Whether `path` lies strictly inside `folder` (both absolute). */
function isInside(folder: string, path: string): boolean {
  const fromFolder = relative(folder, path);
  return fromFolder !== '' && !fromFolder.startsWith('..') && !isAbsolute(fromFolder);
}

async function realpathOrNull(path: string): Promise<string | null> {
  try {
    return await realpath(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Removes the derivatives of one original: its folder `derivatives/ab/<sha256>/`, and `ab/` when that is left
 * empty. Refuses (throws) a malformed sha256, and any folder that is not inside `${mediaDir}/derivatives` once
 * symbolic links are followed; nothing outside is ever touched. Removing derivatives that do not exist is no error.
 *
 * @example
 * await removeDerivatives('media', 'e94c132f6a87e2d94f72d41e31afe07aad9300a4a7b40a34c97e19a1cb359185')
 */
export async function removeDerivatives(mediaDir: string, sha256: string): Promise<void> {
  if (!isSha256(sha256)) throw new TypeError('removeDerivatives needs a sha256 of 64 lowercase hex digits');
  const root = derivativesRoot(mediaDir);
  const folder = resolve(derivativeFolder(mediaDir, sha256));
  if (!isInside(root, folder)) throw new Error(`Refusing to remove ${folder}: it is not inside ${root}`);

  const realFolder = await realpathOrNull(folder);
  if (realFolder === null) return;
  const realRoot = await realpath(root);
  // A symbolic link anywhere between the root and the folder could point outside: the real path must be the plain one.
  if (realFolder !== join(realRoot, relative(root, folder))) {
    throw new Error(`Refusing to remove ${folder}: it leads outside ${root} through a symbolic link`);
  }
  await rm(folder, { recursive: true, force: true });
  try {
    await rmdir(dirname(folder));
  } catch {
    // Not empty (other photos share the fan-out folder) or already gone.
  }
}
