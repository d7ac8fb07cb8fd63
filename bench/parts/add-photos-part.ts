import { FILES_AT_ONCE } from '../../cms/src/admin/add-photos/batch';
import { mib, seconds, type Row } from '../lib/report';
import { benchAddPhotos } from './add-photos';
import type { PartContext, PartResult } from './index';

// What a 1 GB host can give the CMS with the site, the OS and a reverse proxy beside it.
const TARGET_PEAK_MIB = 700;

export const addPhotosPart = {
  name: 'add-photos',
  async run({ quick }: PartContext): Promise<PartResult> {
    // --quick: three photos for each setting, so the whole quick run stays near a minute and a half.
    const result = await benchAddPhotos({ photos: quick ? 3 : 40, atOnce: [1, 2] });
    const rows: Row[] = result.runs.flatMap((run): Row[] => [
      {
        measure: `Add photos: ${run.photos} × ${result.photo} JPEG (${(result.meanBytes / 1e6).toFixed(1)} MB), ${run.atOnce} at a time${run.atOnce === FILES_AT_ONCE ? ' (the page’s setting)' : ''}`,
        plumage: `${seconds(run.totalMs)}, ${seconds(run.perPhotoMs)} a photo, ${run.created} created`,
      },
      {
        measure: `Add photos, ${run.atOnce} at a time: CMS peak RSS`,
        plumage: `${mib(run.peakMiB)} (idle ${mib(run.idleMiB)})`,
        target: `≤ ${TARGET_PEAK_MIB} MiB`,
        met: run.peakMiB <= TARGET_PEAK_MIB && run.created === run.photos,
      },
    ]);
    return {
      data: { ...result },
      section: { title: 'Add photos in the admin (POST /add-photos/photos, strapi start with MALLOC_ARENA_MAX=2)', rows },
    };
  },
};
