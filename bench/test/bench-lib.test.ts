/**
 * The bench's helpers against the real things: wrk's report read from a real wrk run against a real nginx, the
 * import copies decoded by sharp and read by exifr, the ImageMagick check on the real convert and on stand-ins,
 * /proc readers on this process, the README block written into a file.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import exifr from 'exifr';
import sharp from 'sharp';
import { afterAll, describe, expect, test } from 'vitest';
import { placeOf, summariseProfile } from '../lib/cpu-profile';
import { startNginx } from '../lib/nginx';
import { cpuMsOf, sampleRss } from '../lib/proc';
import { resultsBlock, updateReadme, type ResultsFile } from '../lib/readme';
import { markdownTable } from '../lib/report';
import { parseWrk, runWrk } from '../lib/wrk';
import { checkImageMagick, CONVERT } from '../pipeline/imagemagick';
import { withComment, writeImportBatch } from '../site/import-batches';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'plumage-bench-test-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const WRK_REPORT = (latencies: string[]) => `Running 1s test @ http://127.0.0.1:1/
  1 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   420.00us  100.00us   2.00ms   90.00%
  Latency Distribution
${latencies.map((line) => `     ${line}`).join('\n')}
  40000 requests in 1.00s, 2.00GB read
  Non-2xx or 3xx responses: 3
  Socket errors: connect 0, read 1, write 0, timeout 2
Requests/sec:  39999.50
Transfer/sec:      2.00GB
`;

describe('wrk', () => {
  test.each([
    { latencies: ['50%  412.00us', '75%  500.00us', '90%  600.00us', '99%    1.20ms'], p50: 0.412, p90: 0.6, p99: 1.2 },
    { latencies: ['50%   36.01ms', '75%   50.00ms', '90%   80.00ms', '99%    1.13s'], p50: 36.01, p90: 80, p99: 1130 },
    { latencies: ['50%    2.00s', '75%    2.50s', '90%    1.00m', '99%    2.00m'], p50: 2000, p90: 60_000, p99: 120_000 },
  ])('reads percentiles in $latencies.0 … $latencies.3', ({ latencies, p50, p90, p99 }) => {
    const result = parseWrk(WRK_REPORT(latencies));
    expect(result).toMatchObject({ requestsPerSecond: 39999.5, requests: 40000, non2xx: 3, socketErrors: 3 });
    expect(result.p50Ms).toBeCloseTo(p50, 6);
    expect(result.p90Ms).toBeCloseTo(p90, 6);
    expect(result.p99Ms).toBeCloseTo(p99, 6);
  });

  test('refuses a report without the latency distribution', () => {
    expect(() => parseWrk('Requests/sec: 10\n  10 requests in 1.00s\n')).toThrow(/--latency/);
  });

  test('a real wrk against a real nginx serving a page: every request answered, its CPU time readable', async () => {
    const root = path.join(tmp, 'html');
    fs.mkdirSync(root);
    fs.writeFileSync(path.join(root, 'page.html'), '<!doctype html><p>hello</p>');
    fs.chmodSync(tmp, 0o755);
    const nginx = await startNginx(root, path.join(tmp, 'nginx'));
    try {
      const before = cpuMsOf(nginx.workerPid);
      const served = await runWrk(`${nginx.url}/page.html`, { seconds: 1, connections: 2, threads: 1 });
      expect(served.requests).toBeGreaterThan(100);
      expect(served).toMatchObject({ non2xx: 0, socketErrors: 0 });
      expect(served.p50Ms).toBeLessThanOrEqual(served.p99Ms);
      expect(cpuMsOf(nginx.workerPid)).toBeGreaterThanOrEqual(before);
      const missing = await runWrk(`${nginx.url}/nothing.html`, { seconds: 1, connections: 1, threads: 1 });
      expect(missing.non2xx).toBe(missing.requests);
    } finally {
      await nginx.stop();
    }
  });
});

describe('import copies', () => {
  test('each copy is a different file that decodes to the same picture with the same EXIF', async () => {
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 90, g: 120, b: 60 } } })
      .withExif({ IFD0: { Make: 'Canon', Model: 'Canon EOS R7' }, IFD2: { DateTimeOriginal: '2024:05:11 07:42:13' } })
      .jpeg()
      .toBuffer();
    const files = writeImportBatch(path.join(tmp, 'import'), jpeg, 'test', 4);
    expect(files.map((file) => path.basename(path.dirname(file)))).toEqual(['Northern Cardinal', 'Blue Jay', 'American Robin', 'Northern Cardinal']);
    const hashes = new Set(files.map((file) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex')));
    expect(hashes.size).toBe(4);
    const original = await sharp(jpeg).raw().toBuffer();
    for (const file of files) {
      expect(await sharp(file).raw().toBuffer()).toEqual(original);
      expect(await exifr.parse(file)).toMatchObject({ Make: 'Canon', Model: 'Canon EOS R7' });
    }
  });

  test('refuses what is not a JPEG', () => {
    expect(() => withComment(Buffer.from('GIF89a'), 'x')).toThrow(/not a JPEG/);
  });
});

describe('ImageMagick check', () => {
  test('the real convert passes and says its version', () => {
    expect(checkImageMagick(CONVERT)).toMatch(/^ImageMagick \d/);
  });

  test.each([
    { name: 'missing', make: () => path.join(tmp, 'no-such-convert'), error: /is missing/ },
    {
      name: 'a script standing in for it',
      make: () => {
        const file = path.join(tmp, 'stand-in-convert');
        fs.writeFileSync(file, `#!/bin/sh\nexec ${CONVERT} "$@"\n`, { mode: 0o755 });
        return file;
      },
      error: /is a script/,
    },
    { name: 'another program', make: () => '/bin/true', error: /does not say it is ImageMagick/ },
  ])('refuses $name with a sentence', ({ make, error }) => {
    expect(() => checkImageMagick(make())).toThrow(error);
  });
});

describe('/proc readers', () => {
  test('CPU time grows with work; RSS peaks are sampled and summed', async () => {
    const sampler = sampleRss({ self: process.pid, again: process.pid }, 10);
    const before = cpuMsOf(process.pid);
    const hold = Buffer.alloc(64 * 2 ** 20, 1);
    const until = performance.now() + 150;
    while (performance.now() < until) crypto.createHash('sha256').update(hold.subarray(0, 2 ** 20)).digest();
    await new Promise((resolve) => setTimeout(resolve, 30));
    const peaks = sampler.stop();
    expect(cpuMsOf(process.pid) - before).toBeGreaterThanOrEqual(50);
    expect(peaks.samples).toBeGreaterThan(2);
    expect(peaks.peakMiB.self).toBeGreaterThan(64);
    expect(peaks.peakSumMiB).toBeCloseTo(2 * peaks.peakMiB.self!, -1);
    expect(hold[0]).toBe(1);
  });
});

describe('README block', () => {
  const results: ResultsFile = {
    startedAt: '2026-12-04T08:00:00.000Z',
    finishedAt: '2026-12-04T08:09:30.000Z',
    quick: false,
    machine: {
      cpu: 'Test CPU',
      cores: 2,
      ramGiB: 4,
      os: 'Linux',
      loadAverageAtStart: [1.5],
      versions: { node: 'v20.19.0', nginx: 'nginx version: nginx/1.22.1', imagemagick: 'ImageMagick 6.9.11-60 Q16 x86_64 2021-01-25 https://imagemagick.org' },
      commit: 'abc1234',
    },
    loadAverageAtEnd: [2.5],
    sections: [
      {
        title: 'Pipeline (medians)',
        rows: [
          { measure: '24 MP', plumage: '1.30 s', alternative: '4.2 s', ratio: '3.2×', target: '≥ 5×', met: false, shortfall: 'reaches 64% of it' },
          { measure: 'hash', plumage: '20 ms' },
        ],
      },
      { title: 'Memory', rows: [{ measure: 'at rest', plumage: '350 MB', target: '≤ 400 MB', met: true }] },
    ],
  };

  test('written between the markers from a results file; the notes around it stay; a second run replaces it', () => {
    const resultsFile = path.join(tmp, 'results.json');
    const readme = path.join(tmp, 'README.md');
    fs.writeFileSync(resultsFile, JSON.stringify(results));
    fs.writeFileSync(readme, '# Benchmarks\n\nNotes before.\n');
    updateReadme(resultsFile, readme);
    updateReadme(resultsFile, readme);
    const text = fs.readFileSync(readme, 'utf8');
    expect(text.startsWith('# Benchmarks\n\nNotes before.\n')).toBe(true);
    expect(text.match(/bench-results:start/g)).toHaveLength(1);
    expect(text).toContain('(the run took 9.5 min)');
    expect(text).toContain('| CPU | Test CPU, 2 cores |');
    expect(text).toContain('Node.js v20.19.0, Strapi unknown');
    expect(text).toContain('ImageMagick 6.9.11-60, ExifTool unknown, nginx 1.22.1,');
    expect(text).toContain('| Pipeline | 24 MP | 1.30 s | 3.2× | ≥ 5× (**missed**: reaches 64% of it) |');
    expect(text).toContain('| Memory | at rest | 350 MB |  | ≤ 400 MB (met) |');
    expect(text).toContain(markdownTable(results.sections).trimEnd());
    fs.appendFileSync(readme, '\nNotes after.\n');
    updateReadme(resultsFile, readme);
    expect(fs.readFileSync(readme, 'utf8').endsWith('\nNotes after.\n')).toBe(true);
    expect(text).toContain('every number below is in [results.json](results.json).');
    expect(resultsBlock(results, resultsFile, path.join(tmp, 'docs'))).toContain('[../results.json](../results.json)');
  });
});

describe('CPU profile summary', () => {
  test.each([
    { url: '', name: '(garbage collector)', place: '(garbage collector)' },
    { url: '', name: 'writev', place: '(native)' },
    { url: 'node:internal/streams/writable', name: 'write', place: 'Node.js internals' },
    { url: 'file:///srv/plumage/node_modules/@astrojs/node/dist/serve-app.js', name: 'f', place: '@astrojs/node' },
    { url: 'file:///srv/plumage/node_modules/html-escaper/esm/index.js', name: 'escape', place: 'html-escaper' },
    { url: 'file:///srv/plumage/web/dist/server/chunks/astro/server_x.mjs', name: 'renderChild', place: 'Astro’s runtime (bundled into web/dist)' },
    { url: 'file:///srv/plumage/web/dist/server/chunks/gallery-page_x.mjs', name: 'findCatalog', place: 'the site’s own code (web/dist: pages, components, lib)' },
  ])('$name in "$url" is $place', ({ url, name, place }) => {
    expect(placeOf(url, name)).toBe(place);
  });

  test('self time is the sum of the time deltas of the samples that landed in each function', () => {
    const node = (id: number, functionName: string, url = '') => ({ id, callFrame: { functionName, url, lineNumber: 9 } });
    const summary = summariseProfile(
      {
        nodes: [node(1, '(root)'), node(2, 'render', 'file:///x/web/dist/server/chunks/astro/server.mjs'), node(3, '(garbage collector)')],
        samples: [2, 2, 3, 2],
        timeDeltas: [1000, 2000, 1000, 0],
      },
      5,
    );
    expect(summary.totalMs).toBe(4);
    expect(summary.places.split('\n')).toEqual(['| 75.0% | Astro’s runtime (bundled into web/dist) |', '| 25.0% | (garbage collector) |']);
    expect(summary.functions.split('\n')[0]).toBe('| 75.0% | render web/dist/server/chunks/astro/server.mjs:10 |');
  });
});
