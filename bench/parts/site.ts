/**
 * Parts 3 to 6, the running site over a collection of 10,000 photos (seeded like part 2, with real image files
 * behind every derivative link of the pages measured), the CMS and the site as production runs them:
 * - pages: wrk on the gallery, a filtered gallery and a photo page, alternating with Debian's nginx serving the
 *   bytes the site rendered for the same URLs from disk; with each side's CPU time per request;
 * - import: `npm run import` (scripts/import/cli.ts) of 24 MP camera JPEGs into the running CMS at concurrency 1
 *   and 2, alternating with the owner's old way (sha256sum + ExifTool + ImageMagick convert, photo by photo);
 * - memory: the RSS of cms and web at rest, under the page load and during the 24 MP uploads;
 * - start: time to the CMS's /_health and to the site's first page.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { collectionCms } from '../lib/collection';
import { startNginx, type Nginx } from '../lib/nginx';
import { repoRoot } from '../lib/paths';
import { cpuMsOf, sampleRss, type RssPeaks } from '../lib/proc';
import { progress } from '../lib/progress';
import { childEnv, startWeb, type Server } from '../lib/servers';
import { median, round } from '../lib/stats';
import { runWrk, type WrkResult } from '../lib/wrk';
import { runImageMagick } from '../pipeline/imagemagick';
import { PHOTO_SIZES, makePhoto } from '../pipeline/make-photo';
import { derivativeLinks, writeDerivativeFiles } from '../site/derivative-files';
import { writeImportBatch } from '../site/import-batches';

export interface SiteOptions {
  photos: number;
  species: number;
  /** Rounds of the side-by-side measures (pages, import); medians over them. */
  runs: number;
  wrkSeconds: number;
  wrkConnections: number;
  /** Photos per import batch. */
  importPhotos: number;
  /** Starts of CMS and site measured (the first is the one after seeding). */
  starts: number;
}

const IMPORT_PHOTO = PHOTO_SIZES.find((size) => size.label === '24 MP')!;
const CONCURRENCIES = [1, 2] as const;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface PageRun {
  web: WrkResult & { webCpuMsPerRequest: number; cmsCpuMsPerRequest: number; rss: RssPeaks };
  nginx: WrkResult & { cpuMsPerRequest: number };
}

function summarise(runs: readonly WrkResult[]) {
  const m = (pick: (run: WrkResult) => number) => round(median(runs.map(pick)));
  return { requestsPerSecond: m((r) => r.requestsPerSecond), p50Ms: m((r) => r.p50Ms), p99Ms: m((r) => r.p99Ms), requests: runs.reduce((sum, r) => sum + r.requests, 0) };
}

/** `npm run import -- DIR --concurrency N --json` against the CMS; the importer's own report. */
async function runImporter(dir: string, concurrency: number, env: Record<string, string>, token: string) {
  const args = ['--import', 'tsx', path.join(repoRoot, 'scripts', 'import', 'cli.ts'), dir, '--concurrency', String(concurrency), '--json', '--url', env.STRAPI_URL!, '--token', token];
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: repoRoot, env: childEnv({ ...env, LOG_LEVEL: 'warn' }), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-20_000)));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const wallMs = performance.now() - started;
  if (code !== 0) throw new Error(`npm run import exited ${code}:\n${stdout}\n${stderr}`);
  const report = JSON.parse(stdout) as { counts: Record<string, number>; elapsedMs: number };
  return { imported: report.counts.imported ?? 0, failed: report.counts.failed ?? 0, elapsedMs: report.elapsedMs, wallMs };
}

export async function benchSite(options: SiteOptions) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'plumage-bench-site-'));
  const collection = await collectionCms(options.photos, options.species, { importToken: true });
  let web: Server | null = null;
  let nginx: Nginx | null = null;
  try {
    web = await startWeb(collection.env);
    const cmsStarts = [collection.cms.startMs];
    const webStarts = [web.startMs];
    progress('site', `site up, first page in ${(web.startMs / 1000).toFixed(1)} s`);

    // The pages, rendered once: their bytes for nginx, their derivative links made real. The photo page is the
    // gallery's second photo, so that it has both a previous and a next photo.
    const rootDir = path.join(work, 'html');
    fs.mkdirSync(rootDir, { recursive: true });
    // A first render may outlast the page's 3 s budget for Strapi on a busy machine and answer 503; the reads that
    // finished are cached, so asking again gets further, as a visitor's reload would. Counted, so the results say
    // when that happened.
    const firstRenderAttempts: Record<string, number> = {};
    const render = async (key: string, pagePath: string) => {
      for (let attempt = 1; ; attempt++) {
        const res = await fetch(web!.url + pagePath, { redirect: 'manual' });
        const body = await res.text();
        if (res.status === 200) {
          firstRenderAttempts[key] = attempt;
          fs.writeFileSync(path.join(rootDir, `${key}.html`), body);
          return body;
        }
        if (res.status !== 503 || attempt === 5) throw new Error(`${pagePath} answered ${res.status}, not a page (attempt ${attempt}):\n${body.slice(0, 500)}`);
        progress('site', `${pagePath} answered 503 at its first render (attempt ${attempt}): asking again`);
      }
    };
    const galleryHtml = await render('gallery', '/');
    const photoId = [...galleryHtml.matchAll(/href="\/photos\/([a-z0-9]+)"/g)].map((match) => match[1]!)[1];
    if (!photoId) throw new Error('the gallery links to no photo page');
    const pages = [
      { key: 'gallery', label: 'gallery (everything, first page)', path: '/' },
      { key: 'filtered', label: 'filtered gallery (“warbler” in May)', path: '/?species=warbler&month=5' },
      { key: 'photo', label: 'photo page (with previous/next in everything)', path: `/photos/${photoId}` },
    ] as const;
    const html = [galleryHtml, await render('filtered', pages[1].path), await render('photo', pages[2].path)];
    const count = (body: string) => /data-selection-count="(\d+)"/.exec(body)?.[1];
    if (count(html[0]!) !== String(options.photos)) throw new Error(`the gallery shows ${count(html[0]!)} photos, not ${options.photos}`);
    if (!/rel="prev"/.test(html[2]!) || !/rel="next"/.test(html[2]!)) throw new Error(`the photo page lacks its previous or next link:\n${html[2]!.slice(0, 2000)}`);
    const photo = await makePhoto(IMPORT_PHOTO, 2024);
    const links = derivativeLinks(html);
    await writeDerivativeFiles(links, collection.env.MEDIA_DIR!, photo);
    for (const link of links) {
      const res = await fetch(web.url + link);
      await res.arrayBuffer();
      if (res.status !== 200 || !(res.headers.get('content-type') ?? '').startsWith('image/')) throw new Error(`${link} answered ${res.status} ${res.headers.get('content-type')}`);
    }
    progress('site', `pages rendered (${html.map((body) => `${(body.length / 1024).toFixed(0)} KiB`).join(', ')}); their ${links.length} image links answer with real images`);

    await sleep(2000);
    const atRest = { cmsMiB: round(collection.cms.rss().rssMiB), webMiB: round(web.rss().rssMiB) };
    const restMadeOf = { cms: await collection.cms.memory(), web: await web.memory() };
    progress('memory', `at rest: cms ${atRest.cmsMiB.toFixed(0)} MiB + web ${atRest.webMiB.toFixed(0)} MiB`);

    fs.chmodSync(work, 0o755); // nginx's worker runs as nobody: it must reach the pages
    nginx = await startNginx(rootDir, path.join(work, 'nginx'));
    const wrk = { seconds: options.wrkSeconds, connections: options.wrkConnections, threads: 1 };
    const pageRuns: Record<string, PageRun[]> = Object.fromEntries(pages.map((page) => [page.key, []]));
    const cmsPid = collection.cms.child.pid!;
    const webPid = web.child.pid!;
    for (let run = 1; run <= options.runs; run++) {
      for (const page of pages) {
        const sampler = sampleRss({ cms: cmsPid, web: webPid });
        const [webCpu, cmsCpu] = [cpuMsOf(webPid), cpuMsOf(cmsPid)];
        const ours = await runWrk(web.url + page.path, wrk);
        const [webCpuMs, cmsCpuMs] = [cpuMsOf(webPid) - webCpu, cpuMsOf(cmsPid) - cmsCpu];
        const rss = sampler.stop();
        const nginxCpu = cpuMsOf(nginx.workerPid);
        const theirs = await runWrk(`${nginx.url}/${page.key}.html`, wrk);
        const nginxCpuMs = cpuMsOf(nginx.workerPid) - nginxCpu;
        for (const [name, result] of [['site', ours], ['nginx', theirs]] as const) {
          if (result.non2xx > 0 || result.socketErrors > 0) throw new Error(`${name} answered ${name === 'site' ? page.path : `${page.key}.html`} with ${result.non2xx} errors and ${result.socketErrors} socket errors under wrk`);
        }
        pageRuns[page.key]!.push({
          web: { ...ours, webCpuMsPerRequest: webCpuMs / ours.requests, cmsCpuMsPerRequest: cmsCpuMs / ours.requests, rss },
          nginx: { ...theirs, cpuMsPerRequest: nginxCpuMs / theirs.requests },
        });
        progress(
          'pages',
          `${page.label} run ${run}/${options.runs}: site ${ours.requestsPerSecond.toFixed(0)} req/s (p99 ${ours.p99Ms.toFixed(1)} ms), ` +
            `nginx ${theirs.requestsPerSecond.toFixed(0)} req/s (p99 ${theirs.p99Ms.toFixed(2)} ms)`,
        );
      }
    }
    const pagesResult = Object.fromEntries(
      pages.map((page) => {
        const runs = pageRuns[page.key]!;
        const site = summarise(runs.map((r) => r.web));
        const reference = summarise(runs.map((r) => r.nginx));
        return [
          page.key,
          {
            label: page.label,
            path: page.path,
            bytes: fs.statSync(path.join(rootDir, `${page.key}.html`)).size,
            site: {
              ...site,
              webCpuMsPerRequest: round(median(runs.map((r) => r.web.webCpuMsPerRequest))),
              cmsCpuMsPerRequest: round(median(runs.map((r) => r.web.cmsCpuMsPerRequest))),
            },
            nginx: { ...reference, cpuMsPerRequest: round(median(runs.map((r) => r.nginx.cpuMsPerRequest))) },
            // How much of nginx's throughput the site reaches on the same bytes (target ≥ 1/3).
            ratio: round(site.requestsPerSecond / reference.requestsPerSecond),
          },
        ];
      }),
    );
    const underLoad = Object.values(pageRuns)
      .flat()
      .map((r) => r.web.rss);
    const pageLoad = {
      cmsMiB: round(Math.max(...underLoad.map((r) => r.peakMiB.cms!))),
      webMiB: round(Math.max(...underLoad.map((r) => r.peakMiB.web!))),
      sumMiB: round(Math.max(...underLoad.map((r) => r.peakSumMiB))),
    };
    progress('memory', `under page load: peak cms + web ${pageLoad.sumMiB.toFixed(0)} MiB`);

    // Import, side by side with the owner's old script on copies of the same photo.
    const importRuns: Array<{ imagemagickMs: number; importer: Record<number, { elapsedMs: number; wallMs: number; rss: RssPeaks }> }> = [];
    for (let run = 1; run <= options.runs; run++) {
      const thisRun: (typeof importRuns)[number] = { imagemagickMs: 0, importer: {} };
      const oldWay = writeImportBatch(path.join(work, `imagemagick-${run}`), photo, `imagemagick-${run}`, options.importPhotos);
      for (const file of oldWay) {
        const done = runImageMagick(file, IMPORT_PHOTO.width, IMPORT_PHOTO.height, path.join(work, 'imagemagick-out'));
        thisRun.imagemagickMs += done.convert.ms + done.sha256sum.ms + done.exiftool.ms;
      }
      for (const concurrency of CONCURRENCIES) {
        const dir = path.join(work, `import-${concurrency}-${run}`);
        writeImportBatch(dir, photo, `c${concurrency}-run${run}`, options.importPhotos);
        const sampler = sampleRss({ cms: cmsPid, web: webPid });
        const result = await runImporter(dir, concurrency, collection.env, collection.importToken!);
        const rss = sampler.stop();
        if (result.imported !== options.importPhotos) throw new Error(`the importer imported ${result.imported} of ${options.importPhotos} photos (${result.failed} failed)`);
        thisRun.importer[concurrency] = { elapsedMs: result.elapsedMs, wallMs: result.wallMs, rss };
      }
      importRuns.push(thisRun);
      const pace = (ms: number) => ((options.importPhotos * 60_000) / ms).toFixed(1);
      progress(
        'import',
        `run ${run}/${options.runs}: importer ${CONCURRENCIES.map((c) => `${pace(thisRun.importer[c]!.elapsedMs)}/min at concurrency ${c}`).join(', ')}; ` +
          `ImageMagick script ${pace(thisRun.imagemagickMs)}/min; CMS peak ${Math.max(...CONCURRENCIES.map((c) => thisRun.importer[c]!.rss.peakMiB.cms!)).toFixed(0)} MiB`,
      );
    }
    const perMinute = (ms: number) => round((options.importPhotos * 60_000) / ms);
    const imagemagickPerMinute = round(median(importRuns.map((r) => perMinute(r.imagemagickMs))));
    const importResult = {
      photo: IMPORT_PHOTO.label,
      photosPerBatch: options.importPhotos,
      imagemagickPerMinute,
      concurrency: Object.fromEntries(
        CONCURRENCIES.map((c) => {
          const photosPerMinute = round(median(importRuns.map((r) => perMinute(r.importer[c]!.elapsedMs))));
          return [
            c,
            {
              photosPerMinute,
              photosPerMinuteWithStart: round(median(importRuns.map((r) => perMinute(r.importer[c]!.wallMs)))),
              cmsPeakMiB: round(Math.max(...importRuns.map((r) => r.importer[c]!.rss.peakMiB.cms!))),
              ratio: round(photosPerMinute / imagemagickPerMinute),
            },
          ];
        }),
      ),
    };
    const uploads = importRuns.flatMap((r) => Object.values(r.importer).map((i) => i.rss));
    const duringUploads = {
      cmsMiB: round(Math.max(...uploads.map((r) => r.peakMiB.cms!))),
      webMiB: round(Math.max(...uploads.map((r) => r.peakMiB.web!))),
      sumMiB: round(Math.max(...uploads.map((r) => r.peakSumMiB))),
    };
    progress('memory', `during 24 MP uploads: peak cms + web ${duringUploads.sumMiB.toFixed(0)} MiB`);

    const cmsHighWaterMiB = round(collection.cms.rss().hwmMiB);

    // Starts again on the same data, for medians.
    for (let start = 2; start <= options.starts; start++) {
      await web.stop();
      cmsStarts.push(await collection.restart());
      web = await startWeb(collection.env);
      webStarts.push(web.startMs);
      progress('start', `start ${start}/${options.starts}: CMS ${(cmsStarts.at(-1)! / 1000).toFixed(1)} s, site ${(web.startMs / 1000).toFixed(1)} s`);
    }

    return {
      photos: options.photos,
      species: options.species,
      runs: options.runs,
      wrk,
      pages: pagesResult,
      firstRenderAttempts,
      import: importResult,
      memory: {
        atRest: { ...atRest, sumMiB: round(atRest.cmsMiB + atRest.webMiB), madeOf: restMadeOf },
        pageLoad,
        duringUploads,
        peakSumMiB: Math.max(pageLoad.sumMiB, duringUploads.sumMiB),
        cmsHighWaterMiB,
      },
      start: {
        cmsHealthMs: round(median(cmsStarts)),
        webFirstPageMs: round(median(webStarts)),
        nginxMs: round(nginx.startMs),
        cmsHealthEmptyMs: round(collection.emptyStartMs),
        starts: cmsStarts.length,
      },
    };
  } finally {
    await nginx?.stop();
    await web?.stop();
    await collection.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}
