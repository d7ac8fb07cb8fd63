/**
 * `npm run import -- PATH [--dry-run] [--concurrency N] …`: moves a predecessor gallery or a
 * folder of photos into the collection through the REST API. See USAGE in options.ts and the
 * README section "Importing photos".
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadEnv, repoRoot } from '../lib/env.mjs';
import { resolveApiToken } from './cms/api-token';
import { parseCliOptions, USAGE, type CliOptions } from './options';
import { createImportLogger } from './report/logger';
import { createProgressDisplay } from './report/progress';
import { formatSummary } from './report/summary';
import type { ImportReport } from './run-import';

export interface CliRun {
  options: CliOptions;
  /** Extra species lists before the user's taxonomy (the demo's own list). */
  speciesLists?: string[];
}

/**
 * The importer reads dates with shared/'s EXIF parser, which runs from its build (shared/dist). A
 * fresh clone has none until `npm start` or `npm test` made it: build it once here, its output on
 * stderr so that `--json` keeps stdout clean.
 */
function ensureSharedBuilt(): void {
  if (fs.existsSync(path.join(repoRoot, 'shared', 'dist', 'esm', 'index.js'))) return;
  process.stderr.write('Building shared/ first (once after a fresh clone) …\n');
  const build = spawnSync('npm', ['run', 'build', '-w', 'shared'], { cwd: repoRoot, stdio: ['ignore', 2, 2] });
  if (build.status !== 0) throw new Error('could not build shared/: `npm run build -w shared` failed (see above)');
}

/** Runs an import as the command line asked and returns the exit code: 0 all done, 1 something failed, 2 could not start. */
export async function runCli({ options, speciesLists = [] }: CliRun): Promise<number> {
  loadEnv();
  try {
    ensureSharedBuilt();
  } catch (error) {
    process.stderr.write(`Import not started: ${(error as Error).message}\n`);
    return 2;
  }
  const { runImport, shippedSpeciesList } = await import('./run-import');
  const url = (options.url ?? process.env.STRAPI_URL ?? 'http://127.0.0.1:1337').replace(/\/+$/, '');
  const progress = createProgressDisplay();
  const level = process.stderr.isTTY && !options.verbose ? 'warn' : (process.env.LOG_LEVEL ?? 'info');
  const logger = createImportLogger({ level, progress });

  let stopping = false;
  const onSigint = () => {
    if (stopping) process.exit(130);
    stopping = true;
    progress.around(() => process.stderr.write('Stopping after the photos under way (Ctrl-C again to quit at once; a re-run finishes the job)…\n'));
  };
  process.on('SIGINT', onSigint);

  let report: ImportReport;
  try {
    const choice = await resolveApiToken({
      given: options.token ?? (process.env.STRAPI_TOKEN || undefined),
      url,
      repoRoot,
      tokenFile: path.join(repoRoot, 'data', 'import-token'),
      // A dry run writes nothing, not even a token: without one it plans offline.
      create: !options.dryRun,
    });
    if (choice.note) logger.warn({ event: 'token-created' }, choice.note);
    report = await runImport({
      target: options.target,
      url,
      token: choice.token,
      dryRun: options.dryRun,
      concurrency: options.concurrency,
      createSpecies: options.createSpecies,
      speciesLists: [...(options.referenceList ? [shippedSpeciesList(repoRoot)] : []), ...speciesLists, ...options.taxonomy],
      mode: options.mode,
      manifests: options.manifests,
      logger,
      onProgress: (p) => progress.update(p),
      shouldStop: () => stopping,
    });
  } catch (error) {
    progress.finish();
    logger.error({ event: 'import-failed', err: (error as Error).message }, (error as Error).message);
    process.stderr.write(`Import not started: ${(error as Error).message}\n`);
    return 2;
  } finally {
    process.off('SIGINT', onSigint);
  }
  progress.finish();
  logger.info({ event: 'summary', counts: report.counts, speciesCreated: report.speciesCreated, elapsedMs: report.elapsedMs }, 'import finished');
  process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatSummary(report));
  if (stopping) process.stdout.write('Stopped before the end: run the same command again to import the rest.\n');
  return report.counts.failed > 0 ? 1 : stopping ? 130 : 0;
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (isMain) {
  let options: CliOptions;
  try {
    options = parseCliOptions(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (options.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  process.exitCode = await runCli({ options });
}
