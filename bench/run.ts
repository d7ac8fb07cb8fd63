/**
 * `npm run bench [-- --quick] [-- --only pipeline,search,site]`: runs the benchmarks, prints a Markdown table on stdout
 * (progress goes to stderr) and writes every number to bench/results/<date>[-quick].json. A full run of every part
 * also rewrites the results block of bench/README.md from that file; `--readme FILE` rewrites it from an earlier one.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { describeMachine } from './lib/machine';
import { repoRoot, resultsDir } from './lib/paths';
import { progress } from './lib/progress';
import { README, updateReadme } from './lib/readme';
import { markdownTable, type Section } from './lib/report';
import { PARTS, type PartName } from './parts/index';
import { checkImageMagick } from './pipeline/imagemagick';

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, only: { type: 'string' }, readme: { type: 'string' } } });
if (values.readme) {
  updateReadme(path.resolve(values.readme));
  progress('bench', `${path.relative(repoRoot, README)} written from ${values.readme}`);
  process.exit(0);
}
const quick = values.quick ?? false;
const only = values.only ? values.only.split(',').map((name) => name.trim()) : PARTS.map((part) => part.name);
const unknown = only.filter((name) => !PARTS.some((part) => part.name === name));
if (unknown.length > 0) {
  process.stderr.write(`Unknown part(s): ${unknown.join(', ')}. The parts are: ${PARTS.map((part) => part.name).join(', ')}.\n`);
  process.exit(2);
}
for (const file of [path.join(repoRoot, 'cms', 'dist', 'src', 'pipeline', 'index.js'), path.join(repoRoot, 'shared', 'dist', 'cjs', 'index.js')]) {
  if (!fs.existsSync(file)) {
    process.stderr.write(`${path.relative(repoRoot, file)} is missing: run \`npm run build\` first (the bench measures the built code).\n`);
    process.exit(2);
  }
}

if (only.includes('pipeline') || only.includes('site')) {
  try {
    checkImageMagick();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(2);
  }
}

const startedAt = new Date();
const machine = describeMachine();
progress('bench', `${quick ? 'quick' : 'full'} run of ${only.join(', ')} on ${machine.cpu}, ${machine.cores} cores, ${machine.ramGiB} GiB`);
const results: Record<string, unknown> = {};
const sections: Section[] = [];
for (const part of PARTS.filter((candidate) => only.includes(candidate.name as PartName))) {
  const loadBefore = os.loadavg()[0]!;
  try {
    const result = await part.run({ quick });
    results[part.name] = { loadAverageBefore: loadBefore, loadAverageAfter: os.loadavg()[0]!, ...result.data };
    sections.push(...[result.section].flat());
  } catch (error) {
    progress(part.name, `failed: ${(error as Error).stack ?? String(error)}`);
    results[part.name] = { error: String((error as Error).message ?? error) };
  }
}

const finishedAt = new Date();
const output = {
  startedAt: startedAt.toISOString(),
  finishedAt: finishedAt.toISOString(),
  quick,
  machine,
  loadAverageAtEnd: os.loadavg().map((value) => Math.round(value * 100) / 100),
  results,
  sections,
};
fs.mkdirSync(resultsDir, { recursive: true });
const file = path.join(resultsDir, `${startedAt.toISOString().slice(0, 19).replace(/:/g, '-')}${quick ? '-quick' : ''}.json`);
fs.writeFileSync(file, `${JSON.stringify(output, null, 2)}\n`);
process.stdout.write(
  `Plumage bench, ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC, ${machine.cpu} (${machine.cores} cores, ${machine.ramGiB} GiB), ` +
    `load average ${machine.loadAverageAtStart[0]} at start, ${output.loadAverageAtEnd[0]} at end\n\n${markdownTable(sections)}\n`,
);
progress('bench', `results written to ${path.relative(repoRoot, file)}`);
// Only a full run of everything speaks for the project in the README; a quick or partial run is for the developer.
if (!quick && only.length === PARTS.length && Object.values(results).every((result) => !(result as { error?: string }).error)) {
  updateReadme(file);
  progress('bench', `${path.relative(repoRoot, README)} updated from it`);
}
