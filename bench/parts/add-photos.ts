/**
 * The admin's Add photos as a small host sees it: camera-like 24 MP JPEGs sent to POST /add-photos/photos by the
 * page's own runner (cms/src/admin/add-photos/batch.ts), against `strapi start` as production runs it (NODE_ENV=
 * production, MALLOC_ARENA_MAX=2). A fresh CMS for each number of files at once, so its peak RSS is that batch's.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runEach } from '../../cms/src/admin/add-photos/batch';
import { cmsSettings, startCms } from '../lib/servers';
import { progress } from '../lib/progress';
import { makePhoto, PHOTO_SIZES } from '../pipeline/make-photo';

export interface AddPhotosRun {
  atOnce: number;
  photos: number;
  created: number;
  totalMs: number;
  perPhotoMs: number;
  idleMiB: number;
  peakMiB: number;
}

export interface AddPhotosResult {
  photo: string;
  meanBytes: number;
  runs: AddPhotosRun[];
}

const OWNER = { email: 'bench@example.org', password: 'Plumage-bench-1', firstname: 'Bench' };

async function registerOwner(url: string): Promise<string> {
  const res = await fetch(`${url}/admin/register-admin`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(OWNER) });
  if (!res.ok) throw new Error(`registering the bench's administrator: ${res.status} ${await res.text()}`);
  return (await res.json()).data.token;
}

async function runBatch(files: string[], atOnce: number, scratch: string): Promise<AddPhotosRun> {
  const settings = await cmsSettings(path.join(scratch, `cms-${atOnce}`));
  const cms = await startCms(settings);
  try {
    const token = await registerOwner(cms.url);
    const idleMiB = cms.rss().rssMiB;
    let created = 0;
    const started = performance.now();
    await runEach(files, atOnce, async (file, index) => {
      const form = new FormData();
      // As the page sends it: one file read from disk at a time.
      form.append('file', new Blob([fs.readFileSync(file)], { type: 'image/jpeg' }), path.basename(file));
      form.append('data', '{}');
      const res = await fetch(`${cms.url}/add-photos/photos?status=draft`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form });
      if (res.status === 201) created += 1;
      else progress('add-photos', `${path.basename(file)}: ${res.status} ${await res.text()}`);
      if ((index + 1) % 10 === 0) progress('add-photos', `${atOnce} at a time: ${index + 1}/${files.length} sent`);
    });
    const totalMs = performance.now() - started;
    return { atOnce, photos: files.length, created, totalMs, perPhotoMs: totalMs / files.length, idleMiB, peakMiB: cms.rss().hwmMiB };
  } finally {
    await cms.stop();
  }
}

export async function benchAddPhotos({ photos, atOnce }: { photos: number; atOnce: readonly number[] }): Promise<AddPhotosResult> {
  const size = PHOTO_SIZES.find((one) => one.label === '24 MP')!;
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'plumage-bench-add-photos-'));
  try {
    const files: string[] = [];
    for (let i = 0; i < photos; i++) {
      const file = path.join(scratch, `IMG_${String(i + 1).padStart(4, '0')}.jpg`);
      fs.writeFileSync(file, await makePhoto(size, 7_000 + i));
      files.push(file);
      if ((i + 1) % 10 === 0) progress('add-photos', `made ${i + 1}/${photos} photos of ${size.label}`);
    }
    const meanBytes = files.reduce((sum, file) => sum + fs.statSync(file).size, 0) / files.length;
    const runs: AddPhotosRun[] = [];
    for (const n of atOnce) runs.push(await runBatch(files, n, scratch));
    return { photo: size.label, meanBytes, runs };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
