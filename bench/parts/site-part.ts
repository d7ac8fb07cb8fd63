import { mb, millis, over, reaches, seconds, times, type Row, type Section } from '../lib/report';
import { benchSite } from './site';
import type { PartContext, PartResult } from './index';

const TARGET_PAGES_SHARE = 1 / 3;
const TARGET_REST_MB = 400;
const TARGET_PEAK_MB = 800;
const HOST_MB = 1000;
const GALLERIES = new Set(['gallery', 'filtered']);

const toMb = (mebibytes: number) => (mebibytes * 2 ** 20) / 1e6;
const share = (ratio: number) => `${ratio.toFixed(2)} (1/${(1 / ratio).toFixed(0)})`;
const perSecond = (rps: number) => `${rps.toFixed(0)} req/s`;

export const sitePart = {
  name: 'site',
  async run({ quick }: PartContext): Promise<PartResult> {
    const result = await benchSite({
      photos: 10_000,
      species: 500,
      runs: quick ? 1 : 3,
      wrkSeconds: quick ? 1 : 8,
      wrkConnections: 8,
      importPhotos: quick ? 2 : 4,
      starts: quick ? 1 : 3,
    });

    const pageRows: Row[] = Object.entries(result.pages).flatMap(([key, page]): Row[] => [
      {
        measure: `${page.label}, ${(page.bytes / 1024).toFixed(0)} KiB`,
        plumage: `${perSecond(page.site.requestsPerSecond)}, p50 ${millis(page.site.p50Ms)}, p99 ${millis(page.site.p99Ms)}`,
        alternative: `${perSecond(page.nginx.requestsPerSecond)}, p50 ${millis(page.nginx.p50Ms)}, p99 ${millis(page.nginx.p99Ms)} (nginx)`,
        ratio: share(page.ratio),
        ...(GALLERIES.has(key) ? { target: '≥ 1/3 of nginx', met: page.ratio >= TARGET_PAGES_SHARE, shortfall: reaches(page.ratio, TARGET_PAGES_SHARE) } : {}),
      },
      {
        measure: `${page.label}: CPU per request`,
        plumage: `web ${millis(page.site.webCpuMsPerRequest)} + cms ${millis(page.site.cmsCpuMsPerRequest)}`,
        alternative: `${millis(page.nginx.cpuMsPerRequest)} (nginx worker)`,
        ratio: times((page.site.webCpuMsPerRequest + page.site.cmsCpuMsPerRequest) / page.nginx.cpuMsPerRequest),
      },
    ]);
    const pages: Section = {
      title: `Pages (${result.photos.toLocaleString('en')} photos; wrk -t${result.wrk.threads} -c${result.wrk.connections} for ${result.wrk.seconds} s, medians of ${result.runs} runs, alternating; ratio = site / nginx)`,
      rows: pageRows,
      notes: [
        'The site: `node web/dist/server/entry.mjs` (one process, its Strapi answers cached in memory as in production) reading the CMS. ' +
          'nginx: Debian’s, one worker, serving the bytes the site rendered for the same URL from disk. CPU per request from /proc/PID/stat over the run.',
      ],
    };

    const imp = result.import;
    const importRows: Row[] = Object.entries(imp.concurrency).map(([concurrency, c]) => ({
      measure: `${imp.photo} photos, concurrency ${concurrency}: photos per minute`,
      plumage: `${c.photosPerMinute.toFixed(1)} /min (${c.photosPerMinuteWithStart.toFixed(1)} with the importer’s start); CMS peak RSS ${mb(c.cmsPeakMiB)}`,
      alternative: `${imp.imagemagickPerMinute.toFixed(1)} /min (sha256sum + ExifTool + convert, one photo at a time)`,
      ratio: times(c.ratio),
    }));
    const importSection: Section = {
      title: `Import (\`npm run import\` into the running CMS, ${imp.photosPerBatch} photos a batch, medians of ${result.runs} runs, alternating; ratio = importer / ImageMagick script)`,
      rows: importRows,
      notes: ['Each photo is uploaded, hashed, read and turned into 9 derivatives by the CMS and published; the script only writes the same 9 files next to the original.'],
    };

    const m = result.memory;
    const restMb = toMb(m.atRest.sumMiB);
    const peakMb = toMb(m.peakSumMiB);
    const hostShare = (value: number) => `${((value / HOST_MB) * 100).toFixed(0)}% of 1 GB`;
    const memory: Section = {
      title: 'Memory (RSS of cms + web, sampled every 100 ms from /proc; MB = 10⁶ bytes; ratio = share of a 1 GB host)',
      rows: [
        {
          measure: 'at rest (started, pages served once)',
          plumage: `cms ${mb(m.atRest.cmsMiB)} + web ${mb(m.atRest.webMiB)} = ${mb(m.atRest.sumMiB)}`,
          ratio: hostShare(restMb),
          target: `≤ ${TARGET_REST_MB} MB`,
          met: restMb <= TARGET_REST_MB,
          shortfall: over(restMb, TARGET_REST_MB, 'MB'),
        },
        {
          measure: 'at rest, what it is made of',
          plumage: (['cms', 'web'] as const)
            .map((name) => {
              const made = m.atRest.madeOf[name];
              return `${name}: V8 heap ${mb(made.heapUsedMiB!)} used of ${mb(made.heapTotalMiB!)}, buffers ${mb(made.externalMiB!)}, the rest (code, native libraries, malloc) ${mb(made.rssMiB! - made.heapTotalMiB! - made.externalMiB!)}`;
            })
            .join('; '),
        },
        {
          measure: 'under page load (wrk), peak',
          plumage: `cms ${mb(m.pageLoad.cmsMiB)}, web ${mb(m.pageLoad.webMiB)}; together ${mb(m.pageLoad.sumMiB)}`,
          ratio: hostShare(toMb(m.pageLoad.sumMiB)),
        },
        {
          measure: `during ${imp.photo} uploads (import at concurrency 1 and 2), peak`,
          plumage: `cms ${mb(m.duringUploads.cmsMiB)}, web ${mb(m.duringUploads.webMiB)}; together ${mb(m.duringUploads.sumMiB)}`,
          ratio: hostShare(toMb(m.duringUploads.sumMiB)),
        },
        {
          measure: 'peak of the two',
          plumage: mb(m.peakSumMiB),
          ratio: hostShare(peakMb),
          target: `≤ ${TARGET_PEAK_MB} MB`,
          met: peakMb <= TARGET_PEAK_MB,
          shortfall: over(peakMb, TARGET_PEAK_MB, 'MB'),
        },
      ],
    };

    const s = result.start;
    const start: Section = {
      title: `Start (median of ${s.starts}; from spawn to the first good answer)`,
      rows: [
        { measure: `CMS to /_health, ${result.photos.toLocaleString('en')} photos`, plumage: seconds(s.cmsHealthMs), alternative: `${millis(s.nginxMs)} (nginx to its first page)`, ratio: times(s.cmsHealthMs / s.nginxMs) },
        { measure: 'CMS to /_health, empty database (first start)', plumage: seconds(s.cmsHealthEmptyMs) },
        { measure: 'site to its first page (CMS running)', plumage: seconds(s.webFirstPageMs), alternative: `${millis(s.nginxMs)} (nginx)`, ratio: times(s.webFirstPageMs / s.nginxMs) },
      ],
    };
    return { data: result, section: [pages, importSection, memory, start] };
  },
};
