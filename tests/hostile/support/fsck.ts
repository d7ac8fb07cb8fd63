/** `npm run fsck -- --json` on a CMS's data, for the hostile tests: what it finds, as a list of problems. */
import { repoRoot } from '../../support/cms';
import { runScriptAsync } from '../../support/cms-process';

export interface FsckProblem {
  kind: string;
  file?: string;
  photo?: number;
  detail?: string;
}

/**
 * Runs scripts/fsck.mjs (read-only) on a SQLite database and media folder. `--min-age 0`: a derivative no photo
 * names is an orphan at once (fsck spares young ones by default, for uploads in progress; here nothing is in progress).
 * Every problem counts, the informational `unknown-upload` (a file in uploads/ the media library does not know) too.
 */
export async function fsckProblems(databaseFile: string, mediaDir: string): Promise<{ photoRows: number; problems: FsckProblem[] }> {
  const env = { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: databaseFile, MEDIA_DIR: mediaDir, PLUMAGE_ROOT: repoRoot };
  const answer = await runScriptAsync('fsck.mjs', ['--json', '--min-age', '0'], env);
  try {
    const result = JSON.parse(answer.stdout);
    return { photoRows: result.photoRows, problems: result.problems };
  } catch {
    throw new Error(`fsck printed no JSON (exit ${answer.status}):\n${answer.stdout}\n${answer.stderr}`);
  }
}
