/**
 * The hostile project's table: before the run, forget the last run's counts; after it, print how many cases of
 * each kind were tried, how many held, and what was lost, and write test-results/hostile-summary.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../support/cms';
import { tallyDir, type TallyRow } from './tally';

export function setup(): void {
  fs.rmSync(tallyDir, { recursive: true, force: true });
}

export function teardown(): void {
  const rows: TallyRow[] = fs.existsSync(tallyDir)
    ? fs
        .readdirSync(tallyDir)
        .filter((name) => name.endsWith('.json'))
        .sort()
        .map((name) => JSON.parse(fs.readFileSync(path.join(tallyDir, name), 'utf8')) as TallyRow)
    : [];
  const total = rows.reduce((sum, row) => ({ tried: sum.tried + row.tried, held: sum.held + row.held, lost: sum.lost + row.lost }), { tried: 0, held: 0, lost: 0 });
  const nothingLost = total.lost === 0 && total.held === total.tried;
  const summary = { scale: Number(process.env.HOSTILE_SCALE ?? 1), rows, total, nothingLost, at: new Date().toISOString() };
  fs.mkdirSync(path.join(repoRoot, 'test-results'), { recursive: true });
  fs.writeFileSync(path.join(repoRoot, 'test-results', 'hostile-summary.json'), `${JSON.stringify(summary, null, 2)}\n`);

  const width = Math.max(8, ...rows.map((row) => row.kind.length));
  const line = (kind: string, tried: number | string, held: number | string, lost: number | string, note = '') =>
    `${kind.padEnd(width)}  ${String(tried).padStart(7)}  ${String(held).padStart(7)}  ${String(lost).padStart(5)}  ${note}`;
  const out = [
    '',
    'Hostile input and faults: cases tried',
    line('kind', 'tried', 'held', 'lost', 'note'),
    ...rows.map((row) => line(row.kind, row.tried, row.held, row.lost, row.note ?? '')),
    line('total', total.tried, total.held, total.lost),
    rows.length === 0 ? 'No hostile test file recorded anything.' : nothingLost ? 'Nothing was lost: every case held.' : 'SOMETHING WAS LOST or a case did not hold: see above.',
    'Written to test-results/hostile-summary.json',
    '',
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}
