/** `npm run import -- ROOT` as a child process against a CMS, the way the importer's tests run it (node with tsx's loader). */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '../../support/cms';

/** Runs the importer on `root`; `onImported` hears the number of photos imported so far after each log chunk. */
export function importRun(
  root: string,
  cms: { url: string; token: string },
  { logLevel = 'info', onImported }: { logLevel?: string; onImported?: (count: number) => void } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'scripts/import/cli.ts'), root, '--url', cms.url, '--token', cms.token], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: logLevel },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      onImported?.((stderr.match(/"event":"imported"/g) ?? []).length);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
