/**
 * `npm run import -- PATH [--dry-run] [--concurrency N] …`: moves a predecessor gallery or a
 * folder of photos into the collection through the REST API. See USAGE in options.ts and the
 * README section "Importing photos".
 */
import path from 'node:path';
import { loadEnv, repoRoot } from '../lib/env.mjs';
import { resolveApiToken } from './cms/api-token';
import { parseCliOptions, USAGE, type CliOptions } from './options';
import { createImportLogger } from './report/logger';
import { createProgressDisplay } from './report/progress';
import { formatSummary } from './report/summary';
import { runImport, shippedSpeciesList, type ImportReport } from './run-import';

export interface CliRun {
  options: CliOptions;
  /** Extra species lists before the user's taxonomy (the demo's own list). */
  speciesLists?: string[];
}

/** Runs an import as the command line asked and returns the exit code: 0 all done, 1 something failed, 2 could not start. */
export async function runCli({ options, speciesLists = [] }: CliRun): Promise<number> {
  loadEnv();
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
