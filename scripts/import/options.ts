import { parseArgs } from 'node:util';

export interface CliOptions {
  target: string | null;
  url: string | undefined;
  token: string | undefined;
  dryRun: boolean;
  concurrency: number;
  createSpecies: boolean;
  taxonomy: string[];
  referenceList: boolean;
  mode: 'auto' | 'folder' | 'gallery';
  manifests: string[];
  json: boolean;
  verbose: boolean;
  help: boolean;
}

export const USAGE = `Usage: npm run import -- PATH [options]
       npm run import -- --taxonomy FILE        (fill names, codes, order of existing species)

PATH    a folder of photos (species from a manifest CSV/JSON, XMP/IPTC title or keywords, or folder
        names), a predecessor gallery (a folder of HTML pages, or one page), or a gallery page's URL.

Options
  --dry-run               say what would happen; write nothing
  --concurrency N         photos at a time (default 2; each one is one upload the CMS processes)
  --no-create-species     refuse photos of species the CMS does not have, instead of creating them
  --taxonomy FILE         an eBird/Clements taxonomy CSV: scientific name, family, code and order for
                          matched and created species (may be given more than once)
  --no-reference-list     do not use the shipped list config/species/north-america.csv
  --manifest FILE         a manifest elsewhere than at the top of the folder (may be repeated)
  --mode folder|gallery   how to read PATH when a folder holds both photos and HTML pages
  --url URL               the CMS (default STRAPI_URL, http://127.0.0.1:1337)
  --token TOKEN           a full-access API token (default STRAPI_TOKEN; on this machine one is made and
                          saved in data/import-token when none is given)
  --json                  print the summary as JSON on stdout
  --verbose               on a terminal, show every photo's log line, not only failures
`;

/** The command line as typed after `npm run import --`. Throws with a sentence on a mistake. */
export function parseCliOptions(argv: string[]): CliOptions {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      'dry-run': { type: 'boolean', default: false },
      concurrency: { type: 'string' },
      'no-create-species': { type: 'boolean', default: false },
      taxonomy: { type: 'string', multiple: true },
      'no-reference-list': { type: 'boolean', default: false },
      manifest: { type: 'string', multiple: true },
      mode: { type: 'string' },
      url: { type: 'string' },
      token: { type: 'string' },
      json: { type: 'boolean', default: false },
      verbose: { type: 'boolean', short: 'v', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (positionals.length > 1) throw new Error(`one PATH at a time (got ${positionals.length}: ${positionals.join(', ')})`);
  const concurrency = values.concurrency === undefined ? 2 : Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16) throw new Error('--concurrency takes a whole number from 1 to 16');
  const mode = (values.mode ?? 'auto') as CliOptions['mode'];
  if (!['auto', 'folder', 'gallery'].includes(mode)) throw new Error('--mode takes folder or gallery');
  const target = positionals[0] ?? null;
  if (!target && !values.taxonomy?.length && !values.help) throw new Error('give a PATH to import (or --taxonomy FILE)');
  return {
    target,
    url: values.url,
    token: values.token,
    dryRun: values['dry-run'] ?? false,
    concurrency,
    createSpecies: !values['no-create-species'],
    taxonomy: values.taxonomy ?? [],
    referenceList: !values['no-reference-list'],
    mode,
    manifests: values.manifest ?? [],
    json: values.json ?? false,
    verbose: values.verbose ?? false,
    help: values.help ?? false,
  };
}
