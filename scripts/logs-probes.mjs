// `npm run logs:probes [-- FILE...]`: what scanners asked the site for, from its pino access log: top probed paths,
// top sources, per day. Without FILEs it reads LOG_DIR/web.log and its rotated copies (web.log.1, web.log.2.gz,
// web__2026-12-04_00-00-00.log.gz from pm2-logrotate); plain or gzip, decided by the bytes, not the name.
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import zlib from 'node:zlib';
import { parseArgs } from './lib/args.mjs';
import { loadEnv, fromRoot } from './lib/env.mjs';
import { renderProbeReport, summariseProbes } from './lib/probe-summary.mjs';

const USAGE = 'Usage: npm run logs:probes [-- FILE...] [--top N] [--json]';

/** The site's log files in `dir`: web.log first, then its rotated copies. */
function defaultLogFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => /^web(?:\.log(?:\.\d+)?(?:\.gz)?|__.*\.log(?:\.gz)?|-.*\.log(?:\.gz)?)$/.test(name))
    .sort()
    .map((name) => path.join(dir, name));
}

/** The JSON lines of a plain or gzipped file; lines that are not JSON (a crash's stack trace) are skipped. */
async function* entriesOf(file) {
  const head = Buffer.alloc(2);
  const fd = fs.openSync(file, 'r');
  const read = fs.readSync(fd, head, 0, 2, 0);
  fs.closeSync(fd);
  const gzipped = read === 2 && head[0] === 0x1f && head[1] === 0x8b;
  const stream = gzipped ? fs.createReadStream(file).pipe(zlib.createGunzip()) : fs.createReadStream(file);
  for await (const line of readline.createInterface({ input: stream, crlfDelay: Infinity })) {
    if (!line.startsWith('{')) continue;
    try {
      yield JSON.parse(line);
    } catch {
      // a line cut by a crash or a rotation: skip it
    }
  }
}

async function main() {
  const { options, positional } = parseArgs(process.argv.slice(2), { flags: ['json', 'help'] });
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  const env = loadEnv();
  const logDir = fromRoot(env.LOG_DIR);
  const files = positional.length > 0 ? positional : defaultLogFiles(logDir);
  const missing = files.filter((file) => !fs.existsSync(file));
  if (files.length === 0 || missing.length > 0) {
    console.error(
      missing.length > 0
        ? `No such log file: ${missing.join(', ')}`
        : `No site access log found in ${logDir} (web.log and its rotated copies).`,
    );
    console.error(
      'Under PM2 (npx pm2 start ecosystem.config.js) the site writes LOG_DIR/web.log (LOG_DIR defaults to logs/). ' +
        'Name the files yourself when they are elsewhere: npm run logs:probes -- /var/log/plumage/web.log /var/log/plumage/web.log.1.gz ' +
        '(or save the output of `npm start` to a file and pass that).',
    );
    return 1;
  }
  const top = options.top === undefined ? 15 : Number(options.top);
  if (!Number.isInteger(top) || top < 1) {
    console.error(`--top must be a whole number of rows, not ${JSON.stringify(options.top)}.\n${USAGE}`);
    return 2;
  }
  async function* all() {
    for (const file of files) yield* entriesOf(file);
  }
  const entries = [];
  for await (const entry of all()) if (entry.service === 'web' || entry.probe === true) entries.push(entry);
  const summary = summariseProbes(entries, { top });
  if (options.json) console.log(JSON.stringify(summary, null, 2));
  else process.stdout.write(`Read ${files.length} file${files.length === 1 ? '' : 's'}: ${files.join(', ')}\n\n${renderProbeReport(summary)}`);
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
  },
);
