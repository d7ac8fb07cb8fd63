import { millis, over, seconds, type Row } from '../lib/report';
import { benchSearch } from './search';
import type { PartContext, PartResult } from './index';

const TARGET_P95_MS = 50;
const TARGETED = new Set(['wordMonth', 'countAll', 'walkWordMonth']);

export const searchPart = {
  name: 'search',
  async run({ quick }: PartContext): Promise<PartResult> {
    const result = await benchSearch({ photos: 100_000, species: 2_000, samples: quick ? 10 : 100 });
    const rows: Row[] = Object.entries(result.queries).map(([key, query]) => ({
      measure: `${query.label} (${query.matched.toLocaleString('en')} photos)`,
      plumage: `p50 ${millis(query.p50Ms)}, p95 ${millis(query.p95Ms)} (CMS CPU ${millis(query.cmsCpuMsPerRead)} a read)`,
      ...(TARGETED.has(key)
        ? { target: `p95 ≤ ${TARGET_P95_MS} ms`, met: query.p95Ms <= TARGET_P95_MS, shortfall: over(query.p95Ms, TARGET_P95_MS, 'ms') }
        : {}),
    }));
    rows.push({ measure: 'CMS start to /_health: empty database', plumage: seconds(result.cmsStartEmptyMs) });
    rows.push({ measure: 'CMS start to /_health: 100,000 photos', plumage: seconds(result.cmsStartMs) });
    return {
      data: result,
      section: {
        title: `Search at scale (100,000 photos over 2,000 species, SQLite; reads one at a time through the site’s Strapi client, uncached)`,
        rows,
      },
    };
  },
};
