/**
 * Part 2, search at scale: 100,000 photos over 2,000 species in a throwaway SQLite database made by the CMS (its
 * tables and indexes, cms/src/photos/indexes.ts), then the site's own reads (web/src/lib/photos.ts, through its
 * Strapi client with the read-only token the CMS made for the site, past its cache) one at a time: a species word
 * plus a month, the count of all photos, the previous/next walk of a selection and of the whole collection.
 * Also the CMS's start on that database.
 */
import os from 'node:os';
import path from 'node:path';
import { emptySelection, type Selection } from '@plumage/shared';
import { ResponseCache } from '../../web/src/lib/cache';
import { createStrapiClient, tokenSource } from '../../web/src/lib/strapi-client';
import { findNeighbours, findPhoto, findPhotoPage } from '../../web/src/lib/photos';
import { findCatalog } from '../../web/src/lib/catalog';
import { cpuMsOf } from '../lib/proc';
import { progress } from '../lib/progress';
import { collectionCms } from '../lib/collection';
import { SEARCH_WORDS } from '../lib/seed';
import { median, percentile, round } from '../lib/stats';

export interface Latencies {
  requests: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** Photos the query matched (median over the samples). */
  matched: number;
  /** CPU time the CMS spent per read (its JavaScript and SQLite, which runs in its process): where the time goes. */
  cmsCpuMsPerRead: number;
}

async function sample(count: number, cmsPid: number, query: (i: number) => Promise<number>): Promise<Latencies> {
  const times: number[] = [];
  const matched: number[] = [];
  const cpuBefore = cpuMsOf(cmsPid);
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    matched.push(await query(i));
    times.push(performance.now() - started);
  }
  const cmsCpuMsPerRead = round((cpuMsOf(cmsPid) - cpuBefore) / count);
  return { requests: count, p50Ms: round(percentile(times, 50)), p95Ms: round(percentile(times, 95)), maxMs: round(Math.max(...times)), matched: median(matched), cmsCpuMsPerRead };
}

export async function benchSearch({ photos, species, samples }: { photos: number; species: number; samples: number }) {
  const collection = await collectionCms(photos, species);
  try {
    const client = createStrapiClient({
      baseUrl: collection.env.STRAPI_URL!,
      token: tokenSource(collection.token, path.join(os.tmpdir(), 'plumage-bench-no-token-file')),
      timeoutMs: 60_000,
      cache: new ResponseCache<unknown>({ maxEntries: 10, ttlMs: 1 }),
    });
    const wordMonth = (i: number): Selection => ({ species: [SEARCH_WORDS[i % SEARCH_WORDS.length]!], year: null, month: (i % 12) + 1 });
    const samplePhoto = (i: number) => collection.seeded.samplePhotoIds[i % collection.seeded.samplePhotoIds.length]!;
    // A photo in each word + month selection the neighbours are asked for (found before timing, not timed).
    const inWordMonth: string[] = [];
    for (let i = 0; i <= samples; i++) {
      const page = await findPhotoPage(client, { selection: wordMonth(i), order: 'newest', page: 1 });
      inWordMonth.push(page.photos[i % page.photos.length]!.documentId);
    }
    const neighbours = async (documentId: string, selection: Selection, order: 'newest' | 'field-guide') =>
      (await findNeighbours(client, { documentId, selection, order }))?.total ?? 0;
    const queries: Array<[string, string, (i: number) => Promise<number>]> = [
      ['wordMonth', 'species word + month: a gallery page with its count', async (i) => (await findPhotoPage(client, { selection: wordMonth(i), order: 'newest', page: 1 })).total],
      ['wordMonthFieldGuide', 'the same in field-guide order', async (i) => (await findPhotoPage(client, { selection: wordMonth(i), order: 'field-guide', page: 1 })).total],
      ['yearMonth', 'year + month: a gallery page with its count', async (i) => (await findPhotoPage(client, { selection: { species: [], year: 2006 + (i % 19), month: (i % 12) + 1 }, order: 'newest', page: 1 })).total],
      ['countAll', 'everything: the first gallery page with the count of all photos', async (i) => (await findPhotoPage(client, { selection: emptySelection(), order: 'newest', page: 1 + (i % 3) })).total],
      ['deepPage', 'everything, page 2,000 of the gallery', async (i) => (await findPhotoPage(client, { selection: emptySelection(), order: 'newest', page: 2000 + i })).total],
      ['photo', 'one photo (the photo page’s first read)', async (i) => ((await findPhoto(client, collection.seeded.samplePhotoIds[i % collection.seeded.samplePhotoIds.length]!)) ? 1 : 0)],
      ['walkWordMonth', 'previous/next: a photo’s neighbours in a species word + month (one request)', async (i) => (await neighbours(inWordMonth[i % inWordMonth.length]!, wordMonth(i), 'newest'))],
      ['walkAll', 'previous/next: a photo’s neighbours in everything (one request)', async (i) => (await neighbours(samplePhoto(i), emptySelection(), 'newest'))],
      ['walkAllFieldGuide', 'the same in field-guide order', async (i) => (await neighbours(samplePhoto(i), emptySelection(), 'field-guide'))],
      ['lifeList', 'life list: GET /api/life-list, every species with its count and first photo (one request)', async () => (await findCatalog(client)).species.length],
    ];
    const results: Record<string, Latencies & { label: string }> = {};
    for (const [key, label, query] of queries) {
      await query(0); // first use of this query shape: SQLite's pages and Strapi's code paths warm
      const count = samples;
      results[key] = { label, ...(await sample(count, collection.cms.child.pid!, query)) };
      progress('search', `${label}: p50 ${results[key]!.p50Ms} ms, p95 ${results[key]!.p95Ms} ms, CMS CPU ${results[key]!.cmsCpuMsPerRead} ms a read (${count} reads, ${results[key]!.matched} photos matched)`);
    }
    return {
      photos,
      species,
      seedMs: round(collection.seeded.ms),
      cmsRssMiB: round(collection.cms.rss().rssMiB),
      cmsStartEmptyMs: round(collection.emptyStartMs),
      cmsStartMs: round(collection.cms.startMs),
      queries: results,
    };
  } finally {
    await collection.stop();
  }
}
