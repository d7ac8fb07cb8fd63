/**
 * Races against a real CMS. Eight concurrent uploads of one file end as one photo, whichever way they come in
 * (POST /api/photos/ingest, or POST /api/upload then POST /api/photos as a script would); the seven others are
 * refused as duplicates naming the winner, and nothing of theirs stays. A replace of a photo's image (the admin's
 * route) and a delete of the same photo at once leave it consistent: gone with no orphan, or there with the new
 * image fully derived. Each round is checked with `npm run fsck` too.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startCms, type RunningCms } from '../support/cms';
import { makeTestJpeg } from '../support/images';
import { api, registerFirstAdmin, uploadFile } from '../support/rest';
import { filesUnder } from './support/cms-state';
import { fsckProblems } from './support/fsck';
import { createTally } from './support/tally';

const PHOTO = 'api::photo.photo';
const SCALE = Math.max(1, Number(process.env.HOSTILE_SCALE ?? 1));
const RACERS = 8;
const ROUNDS = 6 * SCALE;

let cms: RunningCms;
let adminToken: string;
let tmp: string;
const uploads = createTally('race-same-file', `${RACERS} concurrent uploads of one file → one photo, 7 duplicates refused`);
const replaceDelete = createTally('race-replace-delete', 'replace image ∥ delete photo: gone cleanly, or there with the new image');

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'plumage-hostile-race-'));
  process.env.TMPDIR = tmp;
  cms = await startCms();
  adminToken = await registerFirstAdmin(cms, { email: 'owner@plumage.test', password: 'Owner-secret-1', firstname: 'Owner' });
});

afterAll(async () => {
  uploads.save();
  replaceDelete.save();
  await cms?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Media-library files no photo row uses, by id. */
async function unusedLibraryFiles(): Promise<Array<{ id: number; name: string }>> {
  const files: Array<{ id: number; name: string }> = await cms.strapi.db.query('plugin::upload.file').findMany({ select: ['id', 'name'] });
  const rows = await cms.strapi.db.query(PHOTO).findMany({ populate: { image: { select: ['id'] } } });
  const used = new Set(rows.map((row: any) => row.image?.id).filter(Boolean));
  return files.filter((file) => !used.has(file.id));
}

/** Problems fsck finds (every kind, orphans included), as sentences. */
async function fsckSays(): Promise<string[]> {
  const { problems } = await fsckProblems(cms.databaseFile, cms.mediaDir);
  return problems.map((p) => `fsck: ${p.kind} ${p.file ?? ''}`.trim());
}

/** Temporary upload files left behind (startCms's data folder is in the same temporary folder: left out). */
const tmpLeft = () => filesUnder(tmp).filter((file) => !file.startsWith(`${path.basename(cms.dataDir)}${path.sep}`));

function ingestForm(bytes: Buffer, name: string): FormData {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), name);
  form.append('data', JSON.stringify({ title: name }));
  return form;
}

describe(`${RACERS} concurrent uploads of one file`, () => {
  test.each(['ingest', 'upload + create'] as const)('through %s: one photo, the others refused as duplicates naming it, nothing left of them', async (way) => {
    for (let round = 0; round < Math.max(1, ROUNDS / 3); round++) {
      const bytes = await makeTestJpeg({ width: 1600, height: 1200, seed: 5000 + round + (way === 'ingest' ? 0 : 100) });
      const photosBefore = await cms.strapi.db.query(PHOTO).count();
      const answers =
        way === 'ingest'
          ? await Promise.all(Array.from({ length: RACERS }, (_, i) => api(cms, 'POST', '/api/photos/ingest', ingestForm(bytes, `racer-${i}.jpg`))))
          : await Promise.all(
              Array.from({ length: RACERS }, async (_, i) => {
                const uploaded = await uploadFile(cms, bytes, `racer-${i}.jpg`);
                if (uploaded.status !== 201) return uploaded;
                const created = await api(cms, 'POST', '/api/photos?status=published', { data: { image: uploaded.body[0].id, title: `racer ${i}` } });
                // What a script does with the file of a refused photo: removes it (README, "REST for scripts").
                if (created.status !== 201) await api(cms, 'DELETE', `/api/upload/files/${uploaded.body[0].id}`);
                return created;
              }),
            );
      const winners = answers.filter((a) => a.status === 201);
      const losers = answers.filter((a) => a.status !== 201);
      const winner = winners[0]?.body.data.documentId;
      const problems = [
        winners.length === 1 ? '' : `${winners.length} photos made`,
        ...losers.map((a) =>
          // Either the upload (the file is already a photo) or the create (it became one meanwhile) refuses, naming it.
          a.status === 400 && /already in the collection/.test(a.body?.error?.message ?? '') && a.body?.error?.details?.duplicateOf === winner
            ? ''
            : `a loser answered ${a.status} ${JSON.stringify(a.body?.error ?? a.body).slice(0, 200)}`,
        ),
        (await cms.strapi.db.query(PHOTO).count()) - photosBefore === 2 ? '' : 'not exactly one document (draft + published row) more',
        ...(await unusedLibraryFiles()).map((f) => `library file ${f.name} belongs to no photo`),
        ...tmpLeft().map((f) => `temporary file ${f} left`),
        ...(await fsckSays()),
      ].filter(Boolean);
      uploads.count(problems.length === 0, (await unusedLibraryFiles()).length + tmpLeft().length);
      expect(problems, `${way}, round ${round}`).toEqual([]);
    }
  });
});

describe('a replace of the image and a delete of the photo at once', () => {
  /** POST /add-photos/photos/:documentId/image, the Photo edit view's "Replace the image", with the admin's session. */
  function replace(documentId: string, bytes: Buffer) {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), 'replacement.jpg');
    return api({ url: cms.url, token: adminToken }, 'POST', `/add-photos/photos/${documentId}/image`, form);
  }

  test(`${ROUNDS} rounds, the delete sent at staggered moments of the replace: consistent every time`, async () => {
    const outcomes = { gone: 0, replacedThenGone: 0, survived: 0, failed: [] as string[] };
    for (let round = 0; round < ROUNDS; round++) {
      const created = await api(cms, 'POST', '/api/photos/ingest?status=draft', ingestForm(await makeTestJpeg({ width: 1200, height: 900, seed: 6000 + round }), `race-${round}.jpg`));
      expect(created.status).toBe(201);
      const { documentId } = created.body.data;
      const oldFileId: number = created.body.data.image.id;
      const newBytes = await makeTestJpeg({ width: 1200, height: 900, seed: 6500 + round });

      // The delete leaves at a different moment of the replace each round: before the upload is stored, during the
      // pipeline, around the save.
      const replacing = replace(documentId, newBytes);
      await new Promise((r) => setTimeout(r, (round % 6) * 60));
      const deleting = api(cms, 'DELETE', `/api/photos/${documentId}`);
      const [replaced, deleted] = await Promise.all([replacing, deleting]);

      const rows: any[] = await cms.strapi.db.query(PHOTO).findMany({ where: { documentId }, populate: { image: true } });
      const unused = await unusedLibraryFiles();
      const problems: string[] = [];
      if (replaced.status >= 500) problems.push(`replace answered ${replaced.status}: ${JSON.stringify(replaced.body).slice(0, 300)}`);
      if (deleted.status >= 500) problems.push(`delete answered ${deleted.status}: ${JSON.stringify(deleted.body).slice(0, 300)}`);
      if (replaced.status !== 200 && !(replaced.status === 404 || replaced.status === 400)) problems.push(`replace answered ${replaced.status}`);
      if (rows.length === 0) {
        // Gone. By design the photo's own original stays in the media library (a photo's file is not deleted with it,
        // README); a replacement that did not land must not stay.
        const replacement = unused.filter((f) => f.name === 'replacement.jpg');
        for (const file of unused) if (file.id !== oldFileId && !(replaced.status === 200 && replacement.includes(file))) problems.push(`library file ${file.name} (${file.id}) belongs to nobody`);
        if (replaced.status === 200) outcomes.replacedThenGone++;
        else outcomes.gone++;
      } else {
        // There: only with the new image, fully derived, and its old original gone from the library.
        const sha = crypto.createHash('sha256').update(newBytes).digest('hex');
        for (const row of rows) {
          if (row.sha256 !== sha) problems.push(`a ${row.publishedAt ? 'published' : 'draft'} row survived with the old image`);
          for (const d of row.derivatives ?? []) if (!fs.existsSync(path.join(cms.mediaDir, d.url.replace(/^\/media\//, '')))) problems.push(`${d.url} missing`);
          if (!row.image) problems.push('a row without an image');
        }
        for (const file of unused) problems.push(`library file ${file.name} (${file.id}) belongs to nobody`);
        outcomes.survived++;
      }
      problems.push(...(await fsckSays()), ...tmpLeft().map((f) => `temporary file ${f} left`));
      // Clean the library for the next round, as the owner would (the kept originals are by design).
      for (const file of await unusedLibraryFiles()) await api(cms, 'DELETE', `/api/upload/files/${file.id}`);
      // (Files in uploads/ the library does not know: fsck's unknown-upload, above.)
      replaceDelete.count(problems.length === 0, problems.filter((p) => /belongs to nobody|fsck|temporary/.test(p)).length);
      if (problems.length) outcomes.failed.push(`round ${round} (replace ${replaced.status}, delete ${deleted.status}): ${problems.join('; ')}`);
    }
    replaceDelete.row.note += `; ${outcomes.gone} deleted before the replace landed, ${outcomes.replacedThenGone} replaced then deleted, ${outcomes.survived} replaced after the delete`;
    expect(outcomes.failed).toEqual([]);
  });

  test('a replace alone (the control): the new image fully derived, the old file gone', async () => {
    // The control: without a delete, the replace leaves the photo with the new image, derived, the old file gone.
    const created = await api(cms, 'POST', '/api/photos/ingest?status=draft', ingestForm(await makeTestJpeg({ width: 1200, height: 900, seed: 6900 }), 'alone.jpg'));
    const newBytes = await makeTestJpeg({ width: 1200, height: 900, seed: 6901 });
    const replaced = await replace(created.body.data.documentId, newBytes);
    expect(replaced.status).toBe(200);
    const row = await cms.strapi.db.query(PHOTO).findOne({ where: { documentId: created.body.data.documentId }, populate: { image: true } });
    expect(row.sha256).toBe(crypto.createHash('sha256').update(newBytes).digest('hex'));
    for (const d of row.derivatives) expect(fs.existsSync(path.join(cms.mediaDir, d.url.replace(/^\/media\//, '')))).toBe(true);
    expect(await unusedLibraryFiles()).toEqual([]);
    expect(await fsckSays()).toEqual([]);
    replaceDelete.count(true);
  });
});
