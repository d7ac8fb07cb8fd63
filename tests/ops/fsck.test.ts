/**
 * `npm run fsck [-- --repair]` on the database and media of a running CMS: damage the files the way a disk, a hand
 * or a crash would, and check what it reports and what --repair puts back.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, startCms, type RunningCms } from '../support/cms';
import { runScriptAsync } from '../support/cms-process';
import { makeTestJpeg } from '../support/images';
import { uploadPhoto } from '../support/rest';

let cms: RunningCms;
const photos: Array<{ documentId: string; sha256: string; derivatives: Array<{ url: string; bytes: number }>; original: string }> = [];
const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const media = (url: string) => path.join(cms.mediaDir, url.replace(/^\/media\//, ''));

interface Problem {
  kind: string;
  file?: string;
  photo?: number;
}

async function fsck(...args: string[]): Promise<{ status: number | null; result: { problems: Problem[]; remaining: Problem[]; repaired: Array<Record<string, unknown>> }; stderr: string }> {
  const env = { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: cms.databaseFile, MEDIA_DIR: cms.mediaDir, PLUMAGE_ROOT: repoRoot };
  const answer = await runScriptAsync('fsck.mjs', ['--json', ...args], env);
  let result;
  try {
    result = JSON.parse(answer.stdout);
  } catch {
    throw new Error(`fsck printed no JSON (exit ${answer.status}):\n${answer.stdout}\n${answer.stderr}`);
  }
  return { status: answer.status, result, stderr: answer.stderr };
}

const Database = createRequire(path.join(repoRoot, 'cms', 'package.json'))('better-sqlite3');

const kinds = (problems: Problem[]) => [...new Set(problems.map((p) => p.kind))].sort();

beforeAll(async () => {
  cms = await startCms();
  for (let seed = 1; seed <= 3; seed++) {
    const made = await uploadPhoto(cms, { file: await makeTestJpeg({ seed: 40 + seed, width: 1400, height: 900 }), fileName: `fsck-${seed}.jpg` });
    const full = await fetch(`${cms.url}/api/photos/${made.documentId}?populate=image`, { headers: { Authorization: `Bearer ${cms.token}` } }).then((r) => r.json());
    photos.push({ documentId: made.documentId, sha256: made.sha256, derivatives: made.derivatives, original: path.join(cms.mediaDir, full.data.image.url) });
  }
});

afterAll(async () => {
  await cms?.stop();
});

describe('npm run fsck', () => {
  it('finds nothing wrong in a healthy collection (read-only, while the CMS runs)', async () => {
    const { status, result, stderr } = await fsck('--deep');
    expect(stderr).toMatch(/\[fsck\] photos: 6 rows, 3 originals/);
    expect(result.problems).toEqual([]);
    expect(status).toBe(0);
  });

  it('reports missing and damaged derivatives, unreferenced files and a missing original', async () => {
    const [a, b, c] = photos;
    fs.rmSync(media(a!.derivatives[0]!.url));
    fs.writeFileSync(media(a!.derivatives[4]!.url), 'not an image');
    // A folder of derivatives no photo names (an old photo's, left behind), an hour old, and a fresh one (an upload in progress).
    const stale = path.join(cms.mediaDir, 'derivatives', 'ee', 'e'.repeat(64));
    fs.mkdirSync(stale, { recursive: true });
    fs.writeFileSync(path.join(stale, 'thumb.jpg'), 'stale');
    const hourAgo = new Date(Date.now() - 3600_000);
    fs.utimesSync(path.join(stale, 'thumb.jpg'), hourAgo, hourAgo);
    fs.writeFileSync(path.join(path.dirname(media(b!.derivatives[0]!.url)), 'thumb.jpg.0b6c8a0e-1d4e-4c39-9a8f-2f1a0e6c1d2b.tmp'), 'half');
    fs.renameSync(c!.original, path.join(cms.dataDir, 'moved-away.jpg'));

    const { status, result } = await fsck();
    expect(status).toBe(1);
    expect(kinds(result.problems)).toEqual(['damaged-derivative', 'missing-derivative', 'missing-original', 'recent-derivative', 'unreferenced-derivative']);
    // Draft and published rows share the files: each problem is seen from both.
    expect(result.problems.filter((p) => p.kind === 'missing-derivative').map((p) => p.file)).toEqual([
      a!.derivatives[0]!.url.replace('/media/', ''),
      a!.derivatives[0]!.url.replace('/media/', ''),
    ]);
    expect(result.problems.find((p) => p.kind === 'unreferenced-derivative')?.file).toBe(`derivatives/ee/${'e'.repeat(64)}/thumb.jpg`);
    expect(result.problems.find((p) => p.kind === 'recent-derivative')?.file).toMatch(/\.tmp$/);
  });

  it('--repair makes the derivatives again, removes the old unreferenced files, and says what it cannot repair', async () => {
    const [a, , c] = photos;
    const { status, result } = await fsck('--repair');
    expect(result.repaired).toEqual([
      { kind: 'derivatives-made', sha256: a!.sha256, files: a!.derivatives.length, rowsUpdated: 0 },
      { kind: 'unreferenced-removed', files: 1 },
    ]);
    for (const d of a!.derivatives) expect(fs.statSync(media(d.url)).size).toBe(d.bytes);
    expect(fs.existsSync(path.join(cms.mediaDir, 'derivatives', 'ee'))).toBe(false);
    // The original cannot be made again: it stays a problem, and so the exit status says so.
    expect(kinds(result.remaining)).toEqual(['missing-original', 'recent-derivative']);
    expect(status).toBe(1);

    fs.renameSync(path.join(cms.dataDir, 'moved-away.jpg'), c!.original);
    const after = await fsck('--deep');
    expect(kinds(after.result.problems)).toEqual(['recent-derivative']);
    expect(after.status).toBe(0);
  });

  it('--deep notices an original that changed on disk, and --repair does not derive from it', async () => {
    const [a] = photos;
    fs.appendFileSync(a!.original, Buffer.from('bit rot'));
    fs.rmSync(media(a!.derivatives[1]!.url));
    const deep = await fsck('--deep');
    expect(kinds(deep.result.problems)).toContain('original-changed');
    const repair = await fsck('--repair');
    expect(repair.result.repaired).toEqual([{ kind: 'skipped-changed-original', sha256: a!.sha256, file: path.relative(cms.mediaDir, a!.original) }]);
    expect(fs.existsSync(media(a!.derivatives[1]!.url))).toBe(false);
    expect(repair.status).toBe(1);
    expect(sha256(a!.original)).not.toBe(a!.sha256);
  });

  it('--repair lists the derivatives again in the photo rows when the list was lost', async () => {
    const [, b] = photos;
    fs.rmSync(path.dirname(media(b!.derivatives[0]!.url)), { recursive: true });
    const db = new Database(cms.databaseFile);
    db.pragma('busy_timeout = 5000');
    expect(db.prepare('UPDATE photos SET derivatives = NULL WHERE sha_256 = ?').run(b!.sha256).changes).toBe(2);
    const found = await fsck();
    expect(found.result.problems.filter((p) => p.kind === 'no-derivatives')).toHaveLength(2);
    const repair = await fsck('--repair');
    expect(repair.result.repaired).toContainEqual({ kind: 'derivatives-made', sha256: b!.sha256, files: b!.derivatives.length, rowsUpdated: 2 });
    const rows = db.prepare('SELECT derivatives FROM photos WHERE sha_256 = ?').all(b!.sha256) as Array<{ derivatives: string }>;
    db.close();
    for (const row of rows) expect(JSON.parse(row.derivatives)).toEqual(b!.derivatives);
    // The CMS reads the list back as it wrote it.
    const answer = await fetch(`${cms.url}/api/photos/${b!.documentId}`, { headers: { Authorization: `Bearer ${cms.token}` } }).then((r) => r.json());
    expect(answer.data.derivatives).toEqual(b!.derivatives);
  });
});
