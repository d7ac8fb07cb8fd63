/**
 * Graceful stops, as PM2 (SIGINT) and systemd or `kill` (SIGTERM) ask for them: a request under way when the signal
 * arrives still gets its whole answer, and the CMS closes SQLite cleanly (WAL checkpointed into the database, no -wal
 * file left, integrity ok). The CMS is a real `strapi start`; the site is web/server.mjs, the entry PM2 runs.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, repoRoot } from '../support/cms';
import { cmsEnv, createTokenWithScript, startCmsProcess, tempDir, type CmsProcess } from '../support/cms-process';
import { makeTestJpeg } from '../support/images';
import { ingestForm } from '../support/rest';
import { startWeb } from '../support/web';

const Database = createRequire(path.join(repoRoot, 'cms', 'package.json'))('better-sqlite3');

const dataDir = tempDir('plumage-shutdown-');
let env: Record<string, string>;
let cms: CmsProcess | null = null;

beforeAll(async () => {
  env = await cmsEnv(dataDir);
  cms = await startCmsProcess(env);
});

afterAll(async () => {
  await cms?.stop('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

interface Timed {
  status: number;
  body: string;
  at: number;
}

/** Sends a prepared request; `onSent` runs once the whole body has left (the server is now working on it). */
function send(url: string, init: { method: string; headers: Record<string, string>; body?: Buffer }, onSent: () => void): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: init.method, headers: init.headers, agent: false }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body, at: Date.now() }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.on('finish', onSent);
    request.end(init.body);
  });
}

describe('the CMS on SIGTERM', () => {
  it('finishes an upload under way, then closes SQLite cleanly', async () => {
    const token = createTokenWithScript(env);
    // A 24 MP original: hashing, EXIF and nine derivatives take long enough for the signal to land mid-request.
    const original = await makeTestJpeg({ width: 6000, height: 4000, seed: 41 });
    const prepared = new Request('http://x/', { method: 'POST', body: ingestForm(original, 'in-flight.jpg', { title: 'In flight at shutdown' }) });
    const body = Buffer.from(await prepared.arrayBuffer());

    let signalledAt = 0;
    let stopped: Promise<{ code: number | null; signal: NodeJS.Signals | null }> | null = null;
    const answer = await send(
      `${cms!.url}/api/photos/ingest`,
      { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': prepared.headers.get('content-type')! }, body },
      () => {
        setTimeout(() => {
          signalledAt = Date.now();
          stopped = cms!.stop('SIGTERM', 30_000);
        }, 150);
      },
    );

    expect(answer.status, answer.body).toBe(201);
    expect(signalledAt).toBeGreaterThan(0);
    // The answer came after the signal: the request really was under way when the stop began.
    expect(answer.at).toBeGreaterThan(signalledAt);
    const photo = JSON.parse(answer.body).data;
    expect(photo.sha256).toBe(crypto.createHash('sha256').update(original).digest('hex'));

    const exit = await stopped!;
    expect(exit).toEqual({ code: 0, signal: null });
    // No new connection is accepted any more.
    await expect(fetch(`${cms!.url}/_health`)).rejects.toThrow();

    // Closed cleanly: the last connection's close checkpointed the WAL and removed it.
    expect(fs.existsSync(`${env.DATABASE_FILENAME}-wal`)).toBe(false);
    const db = new Database(env.DATABASE_FILENAME, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const row = db.prepare('SELECT title FROM photos WHERE sha_256 = ? AND published_at IS NOT NULL').get(photo.sha256);
      expect(row).toEqual({ title: 'In flight at shutdown' });
    } finally {
      db.close();
    }
    // Every derivative the photo lists was written before the process ended.
    for (const derivative of photo.derivatives as Array<{ url: string }>) {
      expect(fs.existsSync(path.join(env.MEDIA_DIR!, derivative.url.replace(/^\/media\//, '')))).toBe(true);
    }
  });
});

describe('the site on SIGTERM and SIGINT', () => {
  let slowCms: http.Server;
  let slowUrl = '';

  beforeAll(async () => {
    // The site's reads pass through this, each held 1.5 s before it reaches the real CMS: a page takes that long.
    if (cms!.child.exitCode !== null || cms!.child.signalCode !== null) cms = await startCmsProcess(env);
    const target = new URL(cms!.url);
    slowCms = http.createServer((req, res) => {
      setTimeout(() => {
        const upstream = http.request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        });
        upstream.on('error', () => res.destroy());
        req.pipe(upstream);
      }, 1500);
    });
    const port = await freePort();
    await new Promise<void>((resolve) => slowCms.listen(port, '127.0.0.1', resolve));
    slowUrl = `http://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    slowCms?.closeAllConnections();
    await new Promise((resolve) => slowCms?.close(resolve));
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`${signal}: a page under way is answered in full, then the process exits 0`, async () => {
      const web = await startWeb(
        { STRAPI_URL: slowUrl, WEB_TOKEN_FILE: env.WEB_TOKEN_FILE, STRAPI_TIMEOUT_MS: '10000', LOG_LEVEL: 'info' },
        { script: 'server' },
      );
      let signalledAt = 0;
      const answer = await send(`${web.url}/species`, { method: 'GET', headers: {} }, () => {
        setTimeout(() => {
          signalledAt = Date.now();
          web.child.kill(signal);
        }, 300);
      });
      expect(answer.status).toBe(200);
      expect(answer.body).toContain('</html>');
      expect(answer.at).toBeGreaterThan(signalledAt);
      const exit = await web.exited;
      expect(exit).toEqual({ code: 0, signal: null });
      const messages = web.logEntries().map((entry) => entry.msg);
      expect(messages).toContain('Stopping: finishing the requests under way');
      expect(messages).toContain('stopped');
    });
  }
});
