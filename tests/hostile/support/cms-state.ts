/** What a CMS holds on disk and in its database, to prove that a hostile request left nothing behind. */
import fs from 'node:fs';
import path from 'node:path';
import type { RunningCms } from '../../support/cms';

/** Every file under a folder, relative to it, sorted. */
export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

export interface CmsSnapshot {
  /** Files under the data folder (database files left out: they change with every request). */
  files: string[];
  uploadRows: number;
  photoRows: number;
}

export async function snapshot(cms: RunningCms): Promise<CmsSnapshot> {
  const files = filesUnder(cms.dataDir).filter((file) => !/plumage\.db(-wal|-shm|-journal)?$/.test(file));
  const uploadRows = await cms.strapi.db.query('plugin::upload.file').count();
  const photoRows = await cms.strapi.db.query('api::photo.photo').count();
  return { files, uploadRows, photoRows };
}

/** The photo rows that do not hold a full set of derivatives on disk, and derivative folders no row names. */
export async function derivativeProblems(cms: RunningCms): Promise<string[]> {
  const rows: Array<{ documentId: string; sha256: string | null; derivatives: any }> = await cms.strapi.db
    .query('api::photo.photo')
    .findMany({ select: ['documentId', 'sha256', 'derivatives'] });
  const problems: string[] = [];
  const named = new Set<string>();
  for (const row of rows) {
    if (!row.sha256) {
      problems.push(`photo ${row.documentId} has no sha256`);
      continue;
    }
    named.add(row.sha256);
    const list = Array.isArray(row.derivatives) ? row.derivatives : [];
    if (list.length === 0) problems.push(`photo ${row.documentId} has no derivatives`);
    for (const d of list) {
      const file = path.join(cms.mediaDir, String(d.url).replace(/^\/media\//, ''));
      if (!fs.existsSync(file)) problems.push(`photo ${row.documentId}: ${d.url} is missing`);
    }
  }
  const root = path.join(cms.mediaDir, 'derivatives');
  for (const prefix of fs.existsSync(root) ? fs.readdirSync(root) : []) {
    for (const sha of fs.readdirSync(path.join(root, prefix))) if (!named.has(sha)) problems.push(`derivatives/${prefix}/${sha} belongs to no photo`);
  }
  return problems;
}

/** Samples the process's resident memory every `everyMs` until stopped; the highest value seen. */
export function rssPeak(everyMs = 10) {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, everyMs);
  return {
    stop(): number {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage.rss());
    },
  };
}

export const MB = 1024 * 1024;

/** The CMS answers its health check. */
export async function serving(cms: Pick<RunningCms, 'url'>): Promise<boolean> {
  try {
    const res = await fetch(`${cms.url}/_health`, { signal: AbortSignal.timeout(5000) });
    return res.status === 204;
  } catch {
    return false;
  }
}

/** A sentence a person understands: words, more than a few, not an internal code like "FileTooBig". */
export function isSentence(message: unknown): boolean {
  return typeof message === 'string' && message.length >= 12 && /\s/.test(message) && /^[A-Z"“]/.test(message.trim());
}
