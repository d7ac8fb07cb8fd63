/**
 * What each hostile test file tried and what it found lost, for the table printed at the end of the run
 * (tests/hostile/support/global-setup.ts). Each file writes its own JSON under test-results/hostile/, so
 * files running in separate workers never share a write.
 */
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../support/cms';

export const tallyDir = path.join(repoRoot, 'test-results', 'hostile');

export interface TallyRow {
  kind: string;
  /** Cases thrown at the system. */
  tried: number;
  /** Cases that ended as the test expects (a clear refusal, a result, a consistent state). */
  held: number;
  /** Photos, files or rows lost or left behind (orphans); 0 is the only good answer. */
  lost: number;
  note?: string;
}

/** A running count for one kind of case; `save()` writes it (call it in afterAll). */
export function createTally(kind: string, note?: string) {
  const row: TallyRow = { kind, tried: 0, held: 0, lost: 0, note };
  return {
    row,
    /** One case tried; `held` false when it did not end as expected. */
    count(held: boolean, lost = 0): void {
      row.tried++;
      if (held) row.held++;
      row.lost += lost;
    },
    save(): void {
      fs.mkdirSync(tallyDir, { recursive: true });
      const file = path.join(tallyDir, `${kind.replace(/[^a-z0-9-]+/gi, '_')}.json`);
      fs.writeFileSync(file, `${JSON.stringify(row, null, 2)}\n`);
    },
  };
}
