/**
 * The results block of bench/README.md, written from a results file: the date, the machine, the versions, the
 * targets met and missed, and every table. Only the text between the two markers is replaced; the notes around it
 * are written by hand.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Machine } from './machine';
import { benchDir, repoRoot } from './paths';
import { markdownTable, type Section } from './report';

export const README = path.join(benchDir, 'README.md');
const START = '<!-- bench-results:start (written by `npm run bench`; edit the notes outside these markers) -->';
const END = '<!-- bench-results:end -->';

export interface ResultsFile {
  startedAt: string;
  finishedAt: string;
  quick: boolean;
  machine: Machine;
  loadAverageAtEnd: number[];
  sections: Section[];
}

const VERSIONS: Array<[string, string]> = [
  ['node', 'Node.js'],
  ['strapi', 'Strapi'],
  ['astro', 'Astro'],
  ['sharp', 'sharp'],
  ['libvips', 'libvips'],
  ['exifr', 'exifr'],
  ['better-sqlite3', 'better-sqlite3'],
  ['imagemagick', 'ImageMagick'],
  ['exiftool', 'ExifTool'],
  ['nginx', 'nginx'],
  ['wrk', 'wrk'],
];

/** A version as tools print it, reduced to the version ("nginx version: nginx/1.22.1" → "1.22.1"). */
function versionOnly(key: string, text: string): string {
  const patterns: Record<string, RegExp> = { imagemagick: /ImageMagick (\S+)/, nginx: /nginx\/(\S+)/, wrk: /^wrk (\S+)/ };
  return patterns[key]?.exec(text)?.[1] ?? text;
}

export function resultsBlock(results: ResultsFile, resultsFile: string, readmeDir = benchDir): string {
  const link = path.relative(readmeDir, resultsFile);
  const { machine } = results;
  const minutes = (Date.parse(results.finishedAt) - Date.parse(results.startedAt)) / 60_000;
  const targets = results.sections.flatMap((section) =>
    section.rows.filter((row) => row.met !== undefined).map((row) => ({ section: section.title.replace(/ \(.*$/, ''), row })),
  );
  const lines = [
    START,
    '',
    `Measured by \`npm run bench${results.quick ? ' -- --quick' : ''}\` on ${results.startedAt.slice(0, 16).replace('T', ' ')} UTC ` +
      `(the run took ${minutes.toFixed(1)} min); every number below is in [${link}](${link}).`,
    '',
    '| machine | |',
    '| --- | --- |',
    `| CPU | ${machine.cpu}, ${machine.cores} cores |`,
    `| RAM | ${machine.ramGiB} GiB |`,
    `| OS | ${machine.os} |`,
    `| load average (1 min) | ${machine.loadAverageAtStart[0]} at the start, ${results.loadAverageAtEnd[0]} at the end (the machine is shared: hence ratios) |`,
    `| commit | ${machine.commit} |`,
    `| versions | ${VERSIONS.map(([key, label]) => `${label} ${versionOnly(key, machine.versions[key] ?? 'unknown')}`).join(', ')} |`,
    '',
    '### Targets',
    '',
    '| part | measure | Plumage | ratio | target |',
    '| --- | --- | --- | --- | --- |',
    ...targets.map(
      ({ section, row }) =>
        `| ${section} | ${row.measure} | ${row.plumage} | ${row.ratio ?? ''} | ${row.target} ${row.met ? '(met)' : `(**missed**${row.shortfall ? `: ${row.shortfall}` : ''})`} |`,
    ),
    '',
    markdownTable(results.sections).trimEnd(),
    '',
    END,
  ];
  return lines.join('\n');
}

/** Replaces the results block of bench/README.md (or adds it at the end) with one made from `resultsFile`. */
export function updateReadme(resultsFile: string, readme = README): void {
  const results = JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as ResultsFile;
  if (!Array.isArray(results.sections)) throw new Error(`${path.relative(repoRoot, resultsFile)} has no tables (written by an older bench)`);
  const block = resultsBlock(results, resultsFile, path.dirname(readme));
  const current = fs.existsSync(readme) ? fs.readFileSync(readme, 'utf8') : '# Benchmarks\n';
  const start = current.indexOf(START);
  const end = current.indexOf(END);
  const next = start >= 0 && end > start ? current.slice(0, start) + block + current.slice(end + END.length) : `${current.trimEnd()}\n\n${block}\n`;
  fs.writeFileSync(readme, next);
}
