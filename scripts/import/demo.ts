/**
 * `npm run demo`: a first impression. Draws a demo collection (about sixty photos of twenty-two
 * real North American species, with EXIF as cameras write it) into data/demo/photos, then imports
 * it through the importer's own path (`npm run import`), so a new site has something to show.
 * Needs the CMS running (`npm start` in another terminal); the API token is STRAPI_TOKEN, the
 * one saved by an earlier run, or one made on the spot (see cms/api-token.ts).
 */
import path from 'node:path';
import { loadEnv, repoRoot } from '../lib/env.mjs';
import { runCli } from './cli';
import { writeDemoCollection } from './demo/demo-collection';
import { parseCliOptions, USAGE } from './options';

const DEMO_DIR = path.join(repoRoot, 'data', 'demo', 'photos');

async function main(): Promise<number> {
  loadEnv();
  const args = process.argv.slice(2);
  const countIndex = args.indexOf('--count');
  const count = countIndex >= 0 ? Number(args.splice(countIndex, 2)[1]) : 60;
  if (!Number.isInteger(count) || count < 1 || count > 500) {
    process.stderr.write('--count takes a whole number from 1 to 500\n');
    return 2;
  }
  let options;
  try {
    options = parseCliOptions([DEMO_DIR, ...args]);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\nnpm run demo -- [--count N] [import options]\n\n${USAGE}`);
    return 2;
  }
  const started = Date.now();
  const { photos, written } = await writeDemoCollection(DEMO_DIR, count);
  process.stderr.write(
    written
      ? `Drew ${photos.length} demo photos in ${path.relative(repoRoot, DEMO_DIR)} (${((Date.now() - started) / 1000).toFixed(1)} s).\n`
      : `Using the ${photos.length} demo photos already in ${path.relative(repoRoot, DEMO_DIR)}.\n`,
  );
  const code = await runCli({ options });
  if (code === 0 && !options.dryRun) {
    process.stdout.write(`\nThe demo collection is in. Open ${process.env.PUBLIC_URL ?? 'http://127.0.0.1:4321'} and try the species search with "yellow".\n`);
  }
  return code;
}

process.exitCode = await main();
