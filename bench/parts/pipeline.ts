/**
 * Part 1, the photo pipeline: per photo of 12 and 24 MP, the CMS's hash + EXIF + derivatives (in a child process,
 * for its peak RSS) against sha256sum + ExifTool + one ImageMagick convert making the same derivatives. The two run
 * alternately, photo by photo, so that whatever else loads the machine weighs on both.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PHOTO_SIZES, makePhoto } from '../pipeline/make-photo';
import { runImageMagick, type ImageMagickRun } from '../pipeline/imagemagick';
import { benchDir } from '../lib/paths';
import { progress } from '../lib/progress';
import { median, round } from '../lib/stats';

interface PlumageRun {
  totalMs: number;
  inspectMs: number;
  hashMs: number;
  exifMs: number;
  derivativesMs: number;
  /** The derivatives' steps timed one by one: decode, resize, and each format's encodes (all sizes). */
  stagesMs: Record<string, number>;
  baselineRssMiB: number;
  peakRssMiB: number;
  derivatives: Array<{ name: string; format: string; bytes: number }>;
}

function runPlumage(photo: string, workDir: string): PlumageRun {
  const worker = path.join(benchDir, 'pipeline', 'plumage-worker.ts');
  const result = spawnSync(process.execPath, ['--import', 'tsx', worker, photo, workDir], { encoding: 'utf8', env: { ...process.env, MALLOC_ARENA_MAX: '2' } });
  if (result.status !== 0) throw new Error(`the pipeline worker failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').pop()!) as PlumageRun;
}

export interface PipelineOptions {
  runs: number;
}

export async function benchPipeline({ runs }: PipelineOptions) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plumage-bench-pipeline-'));
  const results = [];
  try {
    for (const size of PHOTO_SIZES) {
      const photo = path.join(dir, `${size.width}x${size.height}.jpg`);
      fs.writeFileSync(photo, await makePhoto(size, size.width));
      const photoBytes = fs.statSync(photo).size;
      progress('pipeline', `${size.label} test photo made (${(photoBytes / 2 ** 20).toFixed(1)} MiB JPEG with EXIF)`);
      const ours: PlumageRun[] = [];
      const theirs: ImageMagickRun[] = [];
      for (let run = 1; run <= runs; run++) {
        ours.push(runPlumage(photo, path.join(dir, 'plumage')));
        theirs.push(runImageMagick(photo, size.width, size.height, path.join(dir, 'imagemagick')));
        const a = ours.at(-1)!;
        const b = theirs.at(-1)!;
        progress(
          'pipeline',
          `${size.label} run ${run}/${runs}: Plumage ${(a.totalMs / 1000).toFixed(2)} s, ${a.peakRssMiB.toFixed(0)} MiB; ` +
            `ImageMagick ${(b.convert.ms / 1000).toFixed(2)} s, ${b.convert.peakRssMiB.toFixed(0)} MiB`,
        );
      }
      const m = (values: number[]) => round(median(values));
      const plumage = {
        totalMs: m(ours.map((r) => r.totalMs)),
        inspectMs: m(ours.map((r) => r.inspectMs)),
        hashMs: m(ours.map((r) => r.hashMs)),
        exifMs: m(ours.map((r) => r.exifMs)),
        derivativesMs: m(ours.map((r) => r.derivativesMs)),
        stagesMs: Object.fromEntries(Object.keys(ours[0]!.stagesMs).map((stage) => [stage, m(ours.map((r) => r.stagesMs[stage]!))])),
        baselineRssMiB: m(ours.map((r) => r.baselineRssMiB)),
        peakRssMiB: m(ours.map((r) => r.peakRssMiB)),
        derivativeBytes: Object.fromEntries(ours[0]!.derivatives.map((d) => [`${d.name}.${d.format}`, d.bytes])),
      };
      const imagemagick = {
        totalMs: m(theirs.map((r) => r.convert.ms + r.sha256sum.ms + r.exiftool.ms)),
        convertMs: m(theirs.map((r) => r.convert.ms)),
        sha256sumMs: m(theirs.map((r) => r.sha256sum.ms)),
        exiftoolMs: m(theirs.map((r) => r.exiftool.ms)),
        convertPeakRssMiB: m(theirs.map((r) => r.convert.peakRssMiB)),
        derivativeBytes: theirs[0]!.bytes,
      };
      // Ratios of the medians of runs made side by side: how many times faster the CMS is.
      const ratio = {
        total: round(imagemagick.totalMs / plumage.totalMs),
        derivatives: round(imagemagick.convertMs / plumage.derivativesMs),
        exif: round(imagemagick.exiftoolMs / plumage.exifMs),
        hash: round(imagemagick.sha256sumMs / plumage.hashMs),
      };
      progress('pipeline', `${size.label}: Plumage ${ratio.total}× faster than sha256sum + ExifTool + ImageMagick (target ≥ 5×)`);
      results.push({ photo: size.label, width: size.width, height: size.height, photoBytes, runs, plumage, imagemagick, ratio });
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return results;
}
