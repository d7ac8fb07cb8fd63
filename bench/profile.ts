/**
 * Where the time goes, for the targets bench/README.md discusses. The process measured runs with --cpu-prof; its
 * profile's self time is summed by where the code lives (a package under node_modules, the site's own build,
 * Astro's runtime, Node's internals, native code such as SQLite, the garbage collector) and by function.
 *
 *   npx tsx bench/profile.ts pages [PATH] [--seconds N]   the site under wrk on PATH (default `/`), 10,000 photos
 *   npx tsx bench/profile.ts search [--seconds N]         the CMS answering the site's "species word + month"
 *                                                         gallery reads (uncached, one at a time), 100,000 photos
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ResponseCache } from '../web/src/lib/cache';
import { findPhotoPage } from '../web/src/lib/photos';
import { createStrapiClient, tokenSource } from '../web/src/lib/strapi-client';
import { collectionCms } from './lib/collection';
import { summariseProfile, type CpuProfile } from './lib/cpu-profile';
import { progress } from './lib/progress';
import { SEARCH_WORDS } from './lib/seed';
import { startWeb } from './lib/servers';
import { runWrk } from './lib/wrk';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { seconds: { type: 'string', default: '8' } } });
const [what = 'pages', pagePath = '/'] = positionals;
if (what !== 'pages' && what !== 'search') {
  process.stderr.write('Usage: npx tsx bench/profile.ts pages [PATH] | search [--seconds N]\n');
  process.exit(2);
}
const seconds = Number(values.seconds);
const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plumage-bench-profile-'));
// --cpu-prof writes its file when the process exits normally: make SIGTERM an ordinary exit.
const exitOnTerm = `data:text/javascript,${encodeURIComponent("process.on('SIGTERM', () => process.exit(0));")}`;
const profiling = ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, '--import', exitOnTerm];

const collection = await collectionCms(what === 'pages' ? 10_000 : 100_000, what === 'pages' ? 500 : 2_000);
try {
  let headline: string;
  if (what === 'pages') {
    const web = await startWeb(collection.env, { nodeArgs: profiling });
    await (await fetch(web.url + pagePath)).text();
    progress('profile', `wrk on ${pagePath} for ${seconds} s with the site under --cpu-prof`);
    const load = await runWrk(web.url + pagePath, { seconds, connections: 8, threads: 1 });
    await web.stop();
    headline = `the site on ${pagePath}: ${load.requestsPerSecond.toFixed(0)} req/s, p50 ${load.p50Ms.toFixed(1)} ms, p99 ${load.p99Ms.toFixed(1)} ms under the profiler`;
  } else {
    await collection.restart(profiling);
    const client = createStrapiClient({
      baseUrl: collection.env.STRAPI_URL!,
      token: tokenSource(collection.token, path.join(profileDir, 'no-token-file')),
      timeoutMs: 60_000,
      cache: new ResponseCache<unknown>({ maxEntries: 10, ttlMs: 1 }),
    });
    progress('profile', `the site's "species word + month" reads for ${seconds} s with the CMS under --cpu-prof`);
    const until = performance.now() + seconds * 1000;
    let reads = 0;
    while (performance.now() < until) {
      const selection = { species: [SEARCH_WORDS[reads % SEARCH_WORDS.length]!], year: null, month: (reads % 12) + 1 };
      await findPhotoPage(client, { selection, order: 'newest', page: 1 });
      reads++;
    }
    await collection.cms.stop();
    headline = `the CMS: ${reads} gallery reads (species word + month) in ${seconds} s, ${((seconds * 1000) / reads).toFixed(0)} ms each under the profiler`;
  }
  const file = fs.readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) throw new Error('the process wrote no CPU profile');
  const summary = summariseProfile(JSON.parse(fs.readFileSync(path.join(profileDir, file), 'utf8')) as CpuProfile, 15);
  process.stdout.write(
    `${headline}; ${(summary.totalMs / 1000).toFixed(1)} s of samples\n\n| self time | where |\n| --- | --- |\n${summary.places}\n\n` +
      `| self time | function |\n| --- | --- |\n${summary.functions}\n`,
  );
} finally {
  await collection.stop();
  fs.rmSync(profileDir, { recursive: true, force: true });
}
