/**
 * `npx tsx bench/profile-pages.ts [PATH] [--seconds N]`: where the site's time goes while wrk asks for one page
 * (default `/`, the gallery) over the bench's collection of 10,000 photos. The site runs with --cpu-prof; its
 * profile's self time is summed by where the code lives (a package under node_modules, the site's own build,
 * Node's internals, the garbage collector) and by function. What bench/README.md cites for the pages target.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { collectionCms } from './lib/collection';
import { progress } from './lib/progress';
import { startWeb } from './lib/servers';
import { runWrk } from './lib/wrk';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a function's code lives, in a few words. */
export function placeOf(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'Node.js internals';
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inModules) return inModules[1]!;
  if (url.includes('/web/dist/')) return 'the site (web/dist: pages, components, Astro runtime bundled in)';
  return url;
}

function summarise(profile: CpuProfile, top: number) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, index) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)));
  const total = [...self.values()].reduce((sum, value) => sum + value, 0);
  const places = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const [id, micros] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const place = placeOf(url, functionName);
    places.set(place, (places.get(place) ?? 0) + micros);
    const name = `${functionName || '(anonymous)'} ${url ? `${url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/web\/dist\//, 'web/dist/')}:${lineNumber + 1}` : ''}`.trim();
    functions.set(name, (functions.get(name) ?? 0) + micros);
  }
  const table = (entries: Map<string, number>) =>
    [...entries]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, micros]) => `| ${((micros / total) * 100).toFixed(1)}% | ${name} |`)
      .join('\n');
  return { totalMs: total / 1000, places: table(places), functions: table(functions) };
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { seconds: { type: 'string', default: '8' } } });
const pagePath = positionals[0] ?? '/';
const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plumage-bench-profile-'));
const collection = await collectionCms(10_000, 500);
try {
  // --cpu-prof writes its file when the process exits normally: make SIGTERM an ordinary exit.
  const exitOnTerm = `data:text/javascript,${encodeURIComponent("process.on('SIGTERM', () => process.exit(0));")}`;
  const web = await startWeb(collection.env, { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, '--import', exitOnTerm] });
  await (await fetch(web.url + pagePath)).text();
  progress('profile', `wrk on ${pagePath} for ${values.seconds} s with the site under --cpu-prof`);
  const load = await runWrk(web.url + pagePath, { seconds: Number(values.seconds), connections: 8, threads: 1 });
  await web.stop();
  const file = fs.readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) throw new Error(`the site wrote no CPU profile:\n${web.output()}`);
  const summary = summarise(JSON.parse(fs.readFileSync(path.join(profileDir, file), 'utf8')) as CpuProfile, 15);
  process.stdout.write(
    `${pagePath}: ${load.requestsPerSecond.toFixed(0)} req/s, p50 ${load.p50Ms.toFixed(1)} ms, p99 ${load.p99Ms.toFixed(1)} ms under the profiler; ` +
      `${(summary.totalMs / 1000).toFixed(1)} s of samples\n\n| self time | where |\n| --- | --- |\n${summary.places}\n\n| self time | function |\n| --- | --- |\n${summary.functions}\n`,
  );
} finally {
  await collection.stop();
  fs.rmSync(profileDir, { recursive: true, force: true });
}
