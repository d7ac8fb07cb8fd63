/**
 * The upload corpus against a real CMS: every hostile file through both ways in (POST /api/upload and
 * POST /api/photos/ingest). A refusal is a 4xx with a sentence, leaves nothing on disk (media, the temporary
 * folder) or in the database, the server keeps serving, and memory stays bounded. Real pictures with hostile
 * names or metadata become photos that are stored and served safely.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startCms, type RunningCms } from '../support/cms';
import { uploadCorpus, type HostileFile } from './support/corpus';
import { filesUnder, isSentence, MB, rssPeak, serving, snapshot } from './support/cms-state';
import { createTally } from './support/tally';

/** Memory a refused upload may add to the process (CMS and test together) at its peak; a decoded bomb would need GBs. */
const PEAK_BOUND = 200 * MB;

let cms: RunningCms;
/** The largest growth of resident memory during one refused upload, for the table. */
let worstPeak = 0;
let tmp: string;
let corpus: HostileFile[];
const tally = createTally('uploads', 'corpus × {upload, ingest}; 4xx + sentence, nothing on disk');
const accepted = createTally('uploads-accepted', 'real pictures with hostile names/metadata stored safely');

beforeAll(async () => {
  // Uploads pass through the temporary folder (formidable, Strapi's work folder): give this CMS its own to watch.
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'plumage-hostile-tmp-'));
  process.env.TMPDIR = tmp;
  cms = await startCms();
  corpus = await uploadCorpus(1);
});

afterAll(async () => {
  tally.row.note += `; worst RSS peak +${Math.round(worstPeak / MB)} MB (bound ${PEAK_BOUND / MB} MB)`;
  tally.save();
  accepted.save();
  await cms?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function send(endpoint: 'upload' | 'ingest', file: HostileFile): Promise<{ status: number; body: any }> {
  const form = new FormData();
  form.append(endpoint === 'upload' ? 'files' : 'file', new Blob([file.bytes], { type: file.mime }), file.name);
  if (endpoint === 'ingest') form.append('data', JSON.stringify({ title: `hostile: ${file.label}` }));
  const res = await fetch(`${cms.url}/api/${endpoint === 'upload' ? 'upload' : 'photos/ingest'}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${cms.token}` },
    body: form,
  });
  const text = await res.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text, the assertions say what was expected
  }
  return { status: res.status, body };
}

/** Files in the temporary folder now (startCms makes its data folder there too: snapshot() watches that one). */
function tmpFiles(): string[] {
  return filesUnder(tmp).filter((file) => !file.startsWith(`${path.basename(cms.dataDir)}${path.sep}`));
}

/** The temporary files that appeared since `before`, once Strapi (which removes its own without waiting) has settled. */
async function newTmpFiles(before: string[]): Promise<string[]> {
  const fresh = () => tmpFiles().filter((file) => !before.includes(file));
  let left = fresh();
  for (let i = 0; i < 40 && left.length > 0; i++) {
    await new Promise((r) => setTimeout(r, 50));
    left = fresh();
  }
  return left;
}

interface Outcome {
  problems: string[];
  lost: number;
}

/** Sends one file and checks what a refusal must leave: a 4xx, a sentence, nothing new anywhere, a live server. */
async function sendExpectingRefusal(endpoint: 'upload' | 'ingest', file: HostileFile, answer?: { status: number; body: any }): Promise<Outcome> {
  const before = await snapshot(cms);
  const tmpBefore = tmpFiles();
  const rssBefore = process.memoryUsage.rss();
  const sampler = rssPeak();
  const res = answer ?? (await send(endpoint, file));
  const peak = sampler.stop();
  worstPeak = Math.max(worstPeak, peak - rssBefore);
  const after = await snapshot(cms);
  const tmpLeft = await newTmpFiles(tmpBefore);
  const message = res.body?.error?.message;
  const problems = [
    res.status >= 400 && res.status < 500 ? '' : `status ${res.status}`,
    isSentence(message) ? '' : `no sentence: ${JSON.stringify(message ?? res.body).slice(0, 200)}`,
    file.message && isSentence(message) && !file.message.test(message) ? `message ${JSON.stringify(message)} does not match ${file.message}` : '',
    JSON.stringify(after) === JSON.stringify(before) ? '' : `left behind: ${JSON.stringify({ before, after }).slice(0, 400)}`,
    tmpLeft.length === 0 ? '' : `temporary files left: ${tmpLeft.join(', ')}`,
    (await serving(cms)) ? '' : 'the CMS stopped serving',
    peak - rssBefore < PEAK_BOUND ? '' : `memory grew ${Math.round((peak - rssBefore) / MB)} MB`,
  ].filter(Boolean);
  const lost = Math.max(0, after.files.length - before.files.length) + Math.max(0, after.uploadRows - before.uploadRows) + tmpLeft.length;
  return { problems, lost };
}

describe.each(['upload', 'ingest'] as const)('POST /api/%s refuses hostile files', (endpoint) => {
  test('every refusal case', async () => {
    const failures: string[] = [];
    for (const file of corpus.filter((f) => f.expect === 'refuse')) {
      const { problems, lost } = await sendExpectingRefusal(endpoint, file);
      tally.count(problems.length === 0, lost);
      if (problems.length) failures.push(`${file.label}: ${problems.join('; ')}`);
    }
    expect(failures).toEqual([]);
  });
});

/** What an accepted hostile picture must look like: a photo, its files inside the media folders, served as an image. */
async function checkAccepted(file: HostileFile, before: Awaited<ReturnType<typeof snapshot>>, res: { status: number; body: any }): Promise<string[]> {
  const photo = res.body.data;
  const problems: string[] = [];
  const after = await snapshot(cms);
  const added = after.files.filter((f) => !before.files.includes(f));
  // The original under media/uploads, its derivatives under media/derivatives, nothing anywhere else.
  const outside = added.filter((f) => !f.startsWith(`media${path.sep}uploads${path.sep}`) && !f.startsWith(`media${path.sep}derivatives${path.sep}`));
  if (outside.length) problems.push(`files written outside the media folders: ${outside.join(', ')}`);
  if (!added.some((f) => f.startsWith(`media${path.sep}uploads${path.sep}`))) problems.push('no original stored');
  if (!Array.isArray(photo.derivatives) || photo.derivatives.length < 3) problems.push('no derivatives');
  if (/<script/.test(JSON.stringify(res.body))) problems.push('the answer carries the script');
  for (const field of ['camera', 'lens']) {
    if (typeof photo[field] === 'string' && photo[field].length > 200) problems.push(`${field} holds ${photo[field].length} characters`);
  }
  // The original as the CMS serves it: an image type, under an image name, that no browser will sniff into a page.
  const url: string = photo.image?.url ?? '';
  if (!/\.(jpe?g|png|webp|avif|tiff?)$/i.test(url)) problems.push(`original stored as ${url}`);
  const served = await fetch(`${cms.url}${url}`);
  await served.body?.cancel();
  const type = served.headers.get('content-type') ?? '';
  if (served.status !== 200) problems.push(`original answers ${served.status}`);
  else {
    if (!/^image\/(jpeg|png|webp|avif|tiff)/.test(type)) problems.push(`original served as ${type}`);
    if (served.headers.get('x-content-type-options') !== 'nosniff') problems.push('original served without nosniff');
  }
  // Derivatives carry no metadata, so no comment either.
  for (const d of photo.derivatives ?? []) {
    const bytes = fs.readFileSync(path.join(cms.mediaDir, String(d.url).replace(/^\/media\//, '')));
    if (bytes.includes('<script')) problems.push(`${d.url} carries the script`);
  }
  return problems;
}

describe('real pictures with hostile names or metadata become photos stored and served safely, or a clear refusal', () => {
  test('every acceptance case', async () => {
    const failures: string[] = [];
    for (const file of corpus.filter((f) => f.expect !== 'refuse')) {
      const before = await snapshot(cms);
      const res = await send('ingest', file);
      let problems: string[];
      let lost = 0;
      if (res.status === 201) problems = await checkAccepted(file, before, res);
      else if (file.expect === 'either') ({ problems, lost } = await sendExpectingRefusal('ingest', file, res));
      else problems = [`status ${res.status}: ${JSON.stringify(res.body?.error ?? res.body).slice(0, 300)}`];
      if (!(await serving(cms))) problems.push('the CMS stopped serving');
      accepted.count(problems.length === 0, lost);
      if (problems.length) failures.push(`${file.label}: ${problems.join('; ')}`);
    }
    expect(failures).toEqual([]);
  });

  test.each(['html', 'htm', 'xhtml', 'shtml', 'svg', 'xml', 'js', 'mjs', 'php', 'exe', ''])(
    'a JPEG/HTML polyglot named "photo.%s" is refused or stored as a .jpg, never as a page (both ways in)',
    async (ext) => {
      const file = corpus.find((f) => f.label === 'JPEG/HTML polyglot named .html')!;
      for (const endpoint of ['upload', 'ingest'] as const) {
        // Declared as a JPEG (which Strapi's type check confirms from the bytes); a comment of its own keeps each
        // hash apart from the others.
        const tag = Buffer.from(`case ${ext} ${endpoint}`);
        const bytes = Buffer.concat([file.bytes.subarray(0, 2), Buffer.from([0xff, 0xfe, 0, tag.length + 2]), tag, file.bytes.subarray(2)]);
        const hostile: HostileFile = { ...file, name: ext ? `photo.${ext}` : 'photo', bytes, mime: 'image/jpeg', label: `polyglot named photo.${ext}` };
        const res = await send(endpoint, hostile);
        if (res.status !== 201) {
          const { problems, lost } = await sendExpectingRefusal(endpoint, hostile, res);
          accepted.count(problems.length === 0, lost);
          expect(problems).toEqual([]);
          continue;
        }
        const url: string = endpoint === 'upload' ? res.body[0].url : res.body.data.image.url;
        const served = await fetch(`${cms.url}${url}`);
        await served.body?.cancel();
        const type = served.headers.get('content-type');
        accepted.count(/\.jpe?g$/.test(url) && type === 'image/jpeg');
        expect({ endpoint, url, type }).toMatchObject({ url: expect.stringMatching(/\.jpe?g$/), type: 'image/jpeg' });
      }
    },
  );
});

describe('a body over the size limit', () => {
  test('is refused with 413 and a sentence, and nothing stays in the temporary folder', async () => {
    const limit = 100 * MB;
    const file: HostileFile = {
      label: 'body over 100 MB',
      name: 'huge.jpg',
      bytes: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(limit + MB)]),
      mime: 'image/jpeg',
      expect: 'refuse',
    };
    for (const endpoint of ['upload', 'ingest'] as const) {
      const before = await snapshot(cms);
      const tmpBefore = tmpFiles();
      const res = await send(endpoint, file);
      const after = await snapshot(cms);
      const tmpLeft = await newTmpFiles(tmpBefore);
      const held = res.status === 413 && isSentence(res.body?.error?.message) && JSON.stringify(after) === JSON.stringify(before) && tmpLeft.length === 0;
      tally.count(held, tmpLeft.length);
      expect({ endpoint, status: res.status, message: res.body?.error?.message, tmpLeft, same: JSON.stringify(after) === JSON.stringify(before) }).toMatchObject({
        status: 413,
        tmpLeft: [],
        same: true,
      });
      expect(isSentence(res.body?.error?.message), String(res.body?.error?.message)).toBe(true);
      expect(await serving(cms)).toBe(true);
    }
  });
});
