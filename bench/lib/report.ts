/**
 * The results file and its table: one row per measure with Plumage's number, the alternative measured beside it,
 * their ratio and the target, in Markdown (what bench/README.md shows and `npm run bench` prints).
 */
export interface Row {
  measure: string;
  plumage: string;
  alternative?: string;
  ratio?: string;
  target?: string;
  /** true met, false missed, undefined no target. */
  met?: boolean;
  /** When missed: by how much, in words (e.g. "reaches 66% of it"). */
  shortfall?: string;
}

export interface Section {
  title: string;
  rows: Row[];
  notes?: string[];
}

export function markdownTable(sections: readonly Section[]): string {
  const lines: string[] = [];
  for (const section of sections) {
    lines.push(`### ${section.title}`, '', '| measure | Plumage | beside it | ratio | target |', '| --- | --- | --- | --- | --- |');
    for (const row of section.rows) {
      const verdict = row.met === undefined ? '' : row.met ? '(met)' : `(**missed**${row.shortfall ? `: ${row.shortfall}` : ''})`;
      const target = row.target ? `${row.target} ${verdict}`.trim() : '';
      lines.push(`| ${row.measure} | ${row.plumage} | ${row.alternative ?? ''} | ${row.ratio ?? ''} | ${target} |`);
    }
    for (const note of section.notes ?? []) lines.push('', note);
    lines.push('');
  }
  return lines.join('\n');
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
export const millis = (ms: number) => (ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms < 10 ? ms.toFixed(1) : ms.toFixed(0)} ms`);
export const mib = (value: number) => `${value.toFixed(0)} MiB`;
export const times = (ratio: number) => `${ratio.toFixed(1)}×`;
export const mb = (mebibytes: number) => `${((mebibytes * 2 ** 20) / 1e6).toFixed(0)} MB`;
/** How far a number falls short of a target it should reach (higher is better), in words. */
export const reaches = (value: number, target: number) => `reaches ${((value / target) * 100).toFixed(0)}% of it`;
/** How far a number exceeds a limit it should stay under (lower is better), in words. */
export const over = (value: number, limit: number, unit: string) => `${(value - limit).toFixed(0)} ${unit} (${(((value - limit) / limit) * 100).toFixed(0)}%) over`;
