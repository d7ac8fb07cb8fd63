import { millis, mib, reaches, seconds, times, type Row } from '../lib/report';
import { benchPipeline } from './pipeline';
import type { PartContext, PartResult } from './index';

const TARGET_RATIO = 5;

export const pipelinePart = {
  name: 'pipeline',
  async run({ quick }: PartContext): Promise<PartResult> {
    const runs = quick ? 1 : 5;
    const photos = await benchPipeline({ runs });
    const rows: Row[] = photos.flatMap((photo): Row[] => [
      {
        measure: `${photo.photo}: hash + EXIF + 9 derivatives`,
        plumage: seconds(photo.plumage.totalMs),
        alternative: `${seconds(photo.imagemagick.totalMs)} (sha256sum + ExifTool + convert)`,
        ratio: times(photo.ratio.total),
        target: `≥ ${TARGET_RATIO}×`,
        met: photo.ratio.total >= TARGET_RATIO,
        shortfall: reaches(photo.ratio.total, TARGET_RATIO),
      },
      {
        measure: `${photo.photo}: derivatives only`,
        plumage: seconds(photo.plumage.derivativesMs),
        alternative: `${seconds(photo.imagemagick.convertMs)} (convert)`,
        ratio: times(photo.ratio.derivatives),
      },
      {
        measure: `${photo.photo}: where the derivatives’ time goes`,
        plumage: Object.entries(photo.plumage.stagesMs)
          .map(([stage, ms]) => `${stage} ${millis(ms)}`)
          .join(', '),
        alternative: `${seconds(photo.imagemagick.convertMs)} (convert: decode, resize and encode in one)`,
      },
      {
        measure: `${photo.photo}: EXIF`,
        plumage: `${millis(photo.plumage.exifMs)} (exifr, in process)`,
        alternative: `${millis(photo.imagemagick.exiftoolMs)} (exiftool, a process per photo)`,
        ratio: times(photo.ratio.exif),
      },
      {
        measure: `${photo.photo}: hash`,
        plumage: millis(photo.plumage.hashMs),
        alternative: `${millis(photo.imagemagick.sha256sumMs)} (sha256sum)`,
        ratio: times(photo.ratio.hash),
      },
      {
        measure: `${photo.photo}: peak RSS`,
        plumage: `${mib(photo.plumage.peakRssMiB)} (Node with sharp loaded: ${mib(photo.plumage.baselineRssMiB)})`,
        alternative: `${mib(photo.imagemagick.convertPeakRssMiB)} (convert)`,
      },
    ]);
    return {
      data: { photos },
      section: {
        title: `Pipeline (medians of ${runs} runs, alternating)`,
        rows,
        notes: [
          'Plumage: the CMS’s `processImage` from cms/dist (sharp.concurrency(1), no cache, MALLOC_ARENA_MAX=2), timed inside a warm process (the CMS is a running server). ' +
            'ImageMagick: Debian’s /usr/bin/convert decoding once and writing the same 9 files (AVIF q50, WebP q80, JPEG q80 at 3200/1600/400 px), with its default threads; ExifTool and sha256sum as processes, as a script runs them.',
        ],
      },
    };
  },
};
