import type { ImportReport, Outcome } from '../run-import';
import { formatDuration } from './progress';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function list(names: string[]): string {
  return [...new Set(names)].sort((a, b) => a.localeCompare(b)).join(', ');
}

/**
 * The human summary printed at the end: counts, species made, and each failure with its reason.
 * A dry run says what would happen; a re-run with nothing new says so.
 */
export function formatSummary(report: ImportReport): string {
  const { counts } = report;
  const lines: string[] = [];
  const took = formatDuration(report.elapsedMs);
  if (report.mode === 'taxonomy') {
    lines.push(`${report.dryRun ? 'Dry run, nothing written: would fill' : 'Filled'} ${plural(report.speciesFilled.length, 'species', 'species')} from the taxonomy${report.speciesFilled.length ? `: ${list(report.speciesFilled)}` : ''}.`);
    return `${lines.join('\n')}\n`;
  }
  const found = counts.imported + counts.already + counts.failed + counts['would-import'];
  if (report.dryRun) {
    lines.push(`Dry run, nothing written${report.offline ? ' (no token: the CMS was not asked what it already has)' : ''}: would import ${plural(counts['would-import'], 'photo')}, ${counts.already} already there, ${counts.failed} would fail.`);
    if (report.speciesToCreate.length) lines.push(`Would create species: ${list(report.speciesToCreate)}.`);
    const planned = report.outcomes.filter((outcome) => outcome.status === 'would-import');
    if (planned.length) {
      lines.push('Would import:');
      for (const outcome of planned) lines.push(`  ${outcome.label}${outcome.species?.length ? ` → ${outcome.species.join(', ')}` : ' (no species)'}${outcome.reason ? `; ${outcome.reason}` : ''}`);
    }
  } else if (found > 0 && counts.imported === 0 && counts.failed === 0) {
    lines.push(`Nothing new: all ${plural(counts.already, 'photo')} ${counts.already === 1 ? 'is' : 'are'} already in the collection (${took}).`);
  } else {
    lines.push(`Imported ${plural(counts.imported, 'photo')}, ${counts.already} already there, ${counts.failed} failed (${took}${counts.imported > 0 ? `, ${((counts.imported / Math.max(report.elapsedMs, 1)) * 60_000).toFixed(1)} photos/min` : ''}).`);
  }
  if (found === 0) lines.push('No photos found.');
  if (report.speciesCreated.length) lines.push(`Created species: ${list(report.speciesCreated)}.`);
  if (report.speciesFilled.length) lines.push(`${report.dryRun ? 'Would fill' : 'Filled'} missing names, codes or order of: ${list(report.speciesFilled)}.`);
  if (report.ignoredFiles) lines.push(`${plural(report.ignoredFiles, 'other file')} (not images) left alone.`);
  const failed = report.outcomes.filter((outcome: Outcome) => outcome.status === 'failed');
  if (failed.length) {
    lines.push(report.dryRun ? 'Would fail:' : 'Failed:');
    for (const outcome of failed) lines.push(`  ${outcome.label}: ${outcome.reason}`);
  }
  return `${lines.join('\n')}\n`;
}
