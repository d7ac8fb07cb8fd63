/**
 * How an import run behaves as a command: a dry run writes nothing, a re-run imports nothing new
 * and says so, a run killed midway is finished by the next without duplicates or orphan files,
 * bad files are reported and skipped with a non-zero exit.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runImport, shippedSpeciesList } from '../../scripts/import/run-import';
import { repoRoot, startCms, type RunningCms } from '../support/cms';
import { countDraftPhotos, mediaLibrary, publishedPhotos, speciesNames } from './cms-queries';
import { tempDir, writeGallery, writePhoto } from './fixtures/predecessor-sites';

let cms: RunningCms;

beforeAll(async () => {
  cms = await startCms();
});
afterAll(async () => {
  await cms?.stop();
});

interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** pino lines of stderr, parsed. */
  logs: Array<Record<string, any>>;
}

/**
 * `npm run import -- …` as a child process (its stderr is a pipe: JSON log lines, plain progress).
 * Node with tsx's loader, not the tsx command, which would run the importer in a grandchild that
 * a kill of its parent leaves running.
 */
const CLI = [process.execPath, '--import', 'tsx', path.join(repoRoot, 'scripts/import/cli.ts')] as const;

function importCommand(args: string[], { killAfterImported, env }: { killAfterImported?: number; env?: Record<string, string> } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    // The CMS and token as flags, unless the test gives them in the environment (STRAPI_URL, STRAPI_TOKEN).
    const connection = env ? [] : ['--url', cms.url, '--token', cms.token];
    const child = spawn(CLI[0], [...CLI.slice(1), ...args, ...connection], {
      cwd: repoRoot,
      env: { ...process.env, LOG_LEVEL: 'info', STRAPI_TOKEN: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let imported = 0;
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk;
      imported = (stderr.match(/"event":"imported"/g) ?? []).length;
      if (killAfterImported !== undefined && imported >= killAfterImported) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const logs = stderr.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line));
      resolve({ code, signal, stdout, stderr, logs });
    });
  });
}

async function snapshot() {
  const library = await mediaLibrary(cms);
  return { photos: await countDraftPhotos(cms), files: library.files.length, onDisk: library.onDisk.length, species: (await speciesNames(cms)).length };
}

/** No orphans: every file of the media library is some photo's image, and every photo has one. */
async function expectNoOrphans() {
  const photos = await publishedPhotos(cms);
  const library = await mediaLibrary(cms);
  const used = new Set([...photos.values()].map((p) => p.image?.id));
  expect(library.files.map((f) => f.id).filter((id) => !used.has(id))).toEqual([]);
  expect(library.onDisk).toEqual(library.expectedOnDisk);
  expect(await countDraftPhotos(cms)).toBe(photos.size);
}

describe('dry run and re-run', () => {
  let root: string;
  beforeAll(async () => {
    root = tempDir();
    await writeGallery(root, 'lightbox2', [
      { file: 'img/1.jpg', seed: 3000, caption: 'Tree Swallow, Montezuma, New York, April 2020' },
      { file: 'img/2.jpg', seed: 3001, caption: 'Purple Martin, Montezuma, New York, June 2020' },
      { file: 'img/3.jpg', seed: 3002, caption: 'Bank Swallow, Montezuma, New York, June 2020' },
    ]);
  });

  test('--dry-run says what would happen and writes nothing', async () => {
    const before = await snapshot();
    const run = await importCommand([root, '--dry-run']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Dry run, nothing written: would import 3 photos, 0 already there, 0 would fail.');
    expect(run.stdout).toContain('Would create species: Bank Swallow, Purple Martin, Tree Swallow.');
    expect(run.stdout).toMatch(/img\/1\.jpg → Tree Swallow; title "Tree Swallow", at Montezuma, New York, taken 2020-04/);
    expect(await snapshot()).toEqual(before);
  });

  test('an import, then a re-run that imports nothing new and says so', async () => {
    const first = await importCommand([root]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Imported 3 photos, 0 already there, 0 failed/);
    expect(first.stdout).toContain('Created species: Bank Swallow, Purple Martin, Tree Swallow.');
    expect(first.logs.filter((l) => l.event === 'imported')).toHaveLength(3);
    const after = await snapshot();

    const again = await importCommand([root]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^Nothing new: all 3 photos are already in the collection/);
    expect(await snapshot()).toEqual(after);

    // A dry run now knows they are there.
    const dry = await importCommand([root, '--dry-run']);
    expect(dry.stdout).toContain('would import 0 photos, 3 already there');
  });

  test('plain progress lines and pino JSON logs when stderr is not a terminal', async () => {
    const run = await importCommand([root]);
    expect(run.stderr).toMatch(/^progress 3\/3 {2}imported 0 · already 3 · failed 0/m);
    const line = run.logs.find((l) => l.event === 'already');
    expect(line).toMatchObject({ level: 30, name: 'plumage-import', file: 'img/1.jpg', documentId: expect.any(String) });
    expect(run.logs.find((l) => l.event === 'summary')?.counts).toEqual({ imported: 0, already: 3, failed: 0, 'would-import': 0 });
  });
});

test('killed midway (kill -9), a re-run finishes the job without duplicates or orphan files', async () => {
  const root = tempDir();
  // Camera-sized files, so that the run is still going when the third "imported" line reaches the test.
  const photos = Array.from({ length: 12 }, (_, i) => ({ file: `Cedar Waxwing/IMG_${4000 + i}.jpg`, seed: 4000 + i, width: 3000, height: 2000 }));
  for (const photo of photos) await writePhoto(root, photo);
  const before = await countDraftPhotos(cms);

  const killed = await importCommand([root, '--concurrency', '2'], { killAfterImported: 3 });
  expect(killed.signal).toBe('SIGKILL');
  const partial = (await countDraftPhotos(cms)) - before;
  expect(partial).toBeGreaterThanOrEqual(3);
  expect(partial).toBeLessThan(12);

  const resumed = await importCommand([root, '--concurrency', '2']);
  expect(resumed.code).toBe(0);
  // The photos in flight when the first run died (at most --concurrency of them) were finished by
  // the CMS, file and photo together: the re-run finds them already there.
  const [, imported, already] = /^Imported (\d+) photos?, (\d+) already there, 0 failed/.exec(resumed.stdout)!.map(Number);
  expect(imported! + already!).toBe(12);
  expect(already).toBeGreaterThanOrEqual(partial);
  expect(already).toBeLessThanOrEqual(partial + 2);
  expect((await countDraftPhotos(cms)) - before).toBe(12);
  await expectNoOrphans();
});

test('bad files are reported with the reason and skipped; the exit code says something failed', async () => {
  const root = tempDir();
  await writePhoto(root, { file: 'Blue Jay/good.jpg', seed: 5000 });
  fs.writeFileSync(path.join(root, 'Blue Jay', 'notes.jpg'), 'Blue Jay seen at the feeder, 3 birds\n');
  fs.writeFileSync(path.join(root, 'Blue Jay', 'page.jpeg'), '<!DOCTYPE html><html><body>saved page</body></html>');
  const good = fs.readFileSync(path.join(root, 'Blue Jay', 'good.jpg'));
  fs.writeFileSync(path.join(root, 'Blue Jay', 'truncated.jpg'), good.subarray(0, Math.floor(good.length / 3)));
  fs.writeFileSync(path.join(root, 'Blue Jay', 'empty.png'), '');

  const run = await importCommand([root]);
  expect(run.code).toBe(1);
  expect(run.stdout).toMatch(/^Imported 1 photo, 0 already there, 4 failed/);
  expect(run.stdout).toContain('Blue Jay/notes.jpg: not an image: the file is text');
  expect(run.stdout).toContain('Blue Jay/page.jpeg: not an image: the file is an HTML page');
  expect(run.stdout).toContain('Blue Jay/empty.png: not an image: the file is an empty file');
  // The CMS's own sentence for a file it cannot decode.
  expect(run.stdout).toMatch(/Blue Jay\/truncated\.jpg: .+/);
  expect(run.logs.filter((l) => l.event === 'failed')).toHaveLength(4);
  await expectNoOrphans();
});

test('a wrong token stops the import before anything, with a sentence (exit 2)', async () => {
  const root = tempDir();
  await writePhoto(root, { file: 'x.jpg', seed: 6000 });
  const run = await new Promise<CliResult>((resolve) => {
    const child = spawn(CLI[0], [...CLI.slice(1), root, '--url', cms.url, '--token', 'not-a-token'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr, logs: [] }));
  });
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/refused the API token \(401\)/);
});

test('the same image twice in one folder is imported once', async () => {
  const root = tempDir();
  const bytes = await writePhoto(root, { file: 'Killdeer/a.jpg', seed: 7000 });
  fs.mkdirSync(path.join(root, 'copies'));
  fs.writeFileSync(path.join(root, 'copies', 'a copy.jpg'), bytes);
  const report = await runImport({ target: root, url: cms.url, token: cms.token, logger: pino({ level: 'silent' }), speciesLists: [shippedSpeciesList(repoRoot)] });
  expect(report.counts).toMatchObject({ imported: 1, already: 1 });
  expect(report.outcomes.find((o) => o.status === 'already')?.reason).toMatch(/the same image as/);
});

/**
 * A reverse proxy in front of the CMS that counts the ingest requests under way at once: what the
 * CMS really receives, not what the importer says it does.
 */
async function countingProxy(target: string) {
  const upstream = new URL(target);
  const state = { inFlight: 0, most: 0, ingests: 0 };
  const server = http.createServer((req, res) => {
    const ingest = req.method === 'POST' && (req.url ?? '').startsWith('/api/photos/ingest');
    if (ingest) {
      state.ingests++;
      state.most = Math.max(state.most, ++state.inFlight);
      res.on('close', () => state.inFlight--);
    }
    const forward = http.request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, state, close: () => new Promise((resolve) => server.close(resolve)) };
}

describe('connection and concurrency', () => {
  test('STRAPI_URL and STRAPI_TOKEN are enough; the CMS gets at most 2 photos at a time by default, 3 with --concurrency 3', async () => {
    const proxy = await countingProxy(cms.url);
    try {
      for (const [args, most, seed] of [[[], 2, 9000], [['--concurrency', '3'], 3, 9100]] as const) {
        const root = tempDir();
        // Large enough that the CMS takes a while over each, so that the workers' requests overlap.
        for (let i = 0; i < 6; i++) await writePhoto(root, { file: `Northern Flicker/IMG_${seed + i}.jpg`, seed: seed + i, width: 1600, height: 1200 });
        proxy.state.most = 0;
        proxy.state.ingests = 0;
        const run = await importCommand([root, ...args], { env: { STRAPI_URL: proxy.url, STRAPI_TOKEN: cms.token } });
        expect(run.code, run.stderr).toBe(0);
        expect(run.stdout).toMatch(/^Imported 6 photos, 0 already there, 0 failed/);
        expect(proxy.state.ingests).toBe(6);
        expect(proxy.state.most).toBe(most);
      }
    } finally {
      await proxy.close();
    }
  });

  test('a dry run without any token says so, makes no token and writes nothing', async () => {
    const root = tempDir();
    await writePhoto(root, { file: 'Belted Kingfisher/IMG_9200.jpg', seed: 9200 });
    const tokenFile = path.join(repoRoot, 'data', 'import-token');
    const savedBefore = fs.existsSync(tokenFile) ? fs.readFileSync(tokenFile, 'utf8') : null;
    const tokensBefore = await cms.strapi.db.query('admin::api-token').count();
    const before = await snapshot();
    const run = await importCommand([root, '--dry-run'], { env: { STRAPI_URL: cms.url, STRAPI_TOKEN: '' } });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Dry run, nothing written (no token: the CMS was not asked what it already has): would import 1 photo, 0 already there, 0 would fail.');
    expect(run.stdout).toContain('Belted Kingfisher/IMG_9200.jpg → Belted Kingfisher');
    expect(await snapshot()).toEqual(before);
    expect(await cms.strapi.db.query('admin::api-token').count()).toBe(tokensBefore);
    expect(fs.existsSync(tokenFile) ? fs.readFileSync(tokenFile, 'utf8') : null).toBe(savedBefore);
  });
});
