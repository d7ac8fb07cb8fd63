/**
 * The built site in front of a real CMS, seen through a counting proxy: scanner probes get a cheap 404 and never reach
 * Strapi; /healthz asks Strapi (and so its database) every time and says 503 when it cannot. Then
 * `npm run logs:probes` on a generated access log (plain and gzipped), compared table by table.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summariseProbes } from '../../scripts/lib/probe-summary.mjs';
import { freePort, startCms, type RunningCms } from '../support/cms';
import { runCommandAsync, tempDir } from '../support/cms-process';
import { startWeb, type RunningWeb } from '../support/web';

let cms: RunningCms;
let web: RunningWeb;
let proxy: http.Server;
/** What the counting proxy does with each request it is given. */
let mode: 'forward' | 'down' | 'fail' = 'forward';
const seen: string[] = [];

beforeAll(async () => {
  cms = await startCms();
  const target = new URL(cms.url);
  proxy = http.createServer((req, res) => {
    seen.push(req.url ?? '');
    if (mode === 'down') return req.socket.destroy();
    if (mode === 'fail') {
      res.writeHead(500, { 'Content-Type': 'application/json' });
      return res.end('{"error":{"status":500,"name":"InternalServerError","message":"database is locked"}}');
    }
    const upstream = http.request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => proxy.listen(port, '127.0.0.1', resolve));
  web = await startWeb({ STRAPI_URL: `http://127.0.0.1:${port}`, STRAPI_TOKEN: cms.readToken, MEDIA_DIR: cms.mediaDir, LOG_LEVEL: 'info' });
});

afterAll(async () => {
  await web?.stop();
  proxy?.closeAllConnections();
  await new Promise((resolve) => proxy?.close(resolve));
  await cms?.stop();
});

describe('scanner probes', () => {
  const probes = ['/wp-login.php', '/wp-admin/install.php', '/xmlrpc.php', '/.env', '/.git/config', '/cgi-bin/test.cgi', '/phpmyadmin/', '/.aws/credentials', '/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php', '/index.php?s=/Index/think', '/backup.sql'];

  it('get a plain 404 without one call to Strapi', async () => {
    seen.length = 0;
    for (const probe of probes) {
      for (const method of ['GET', 'POST']) {
        const answer = await fetch(`${web.url}${probe}`, { method, redirect: 'manual' });
        expect(answer.status, `${method} ${probe}`).toBe(404);
        expect(await answer.text()).toBe('Not found.\n');
        expect(answer.headers.get('cache-control')).toBe('no-store');
      }
    }
    expect(seen).toEqual([]);
    // The counter counts: a page of the site does reach Strapi.
    expect((await fetch(`${web.url}/species`)).status).toBe(200);
    expect(seen.length).toBeGreaterThan(0);
  });

  it('are logged once each as a probe, with path and source', async () => {
    const entries = await web.logUntil(0, (entry) => entry.path === '/species');
    const logged = entries.filter((entry) => entry.probe === true);
    expect(logged).toHaveLength(probes.length * 2);
    expect(logged[0]).toMatchObject({ msg: 'probe', method: 'GET', path: '/wp-login.php', status: 404, ip: '127.0.0.1' });
  });
});

describe('GET /healthz', () => {
  it('200 JSON when Strapi and its database answer, asked anew every time, never cached', async () => {
    mode = 'forward';
    const before = seen.length;
    const since = web.logLines.length;
    for (let i = 0; i < 3; i++) {
      const answer = await fetch(`${web.url}/healthz`);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
      expect(answer.headers.get('cache-control')).toBe('no-store');
      expect(await answer.json()).toMatchObject({ status: 'ok', strapi: 'ok', database: 'ok' });
    }
    expect(seen.slice(before).filter((url) => url.startsWith('/api/species-list'))).toHaveLength(3);
    // A monitor's successful checks do not fill the log at info.
    await fetch(`${web.url}/species`);
    const lines = await web.logUntil(since, (entry) => entry.path === '/species');
    expect(lines.filter((entry) => entry.path === '/healthz')).toEqual([]);
  });

  const failures = [
    { mode: 'down' as const, strapi: 'unreachable', database: 'unknown' },
    { mode: 'fail' as const, strapi: 'failing', database: 'failing' },
  ];
  for (const failure of failures) {
    it(`503 JSON when Strapi is ${failure.strapi}, and logged`, async () => {
      mode = failure.mode;
      const since = web.logLines.length;
      const answer = await fetch(`${web.url}/healthz`);
      expect(answer.status).toBe(503);
      expect(answer.headers.get('cache-control')).toBe('no-store');
      const body = await answer.json();
      expect(body).toMatchObject({ status: 'unavailable', strapi: failure.strapi, database: failure.database });
      expect(typeof body.reason).toBe('string');
      const lines = await web.logUntil(since, (entry) => entry.path === '/healthz');
      expect(lines.at(-1)).toMatchObject({ status: 503, level: 30 });
      mode = 'forward';
      expect((await fetch(`${web.url}/healthz`)).status).toBe(200);
    });
  }
});

describe('npm run logs:probes', () => {
  const day = (d: number, h: number) => Date.UTC(2026, 11, d, h, 0, 0);
  const line = (entry: Record<string, unknown>) => JSON.stringify({ level: 30, service: 'web', ...entry });
  const probe = (time: number, p: string, ip: string) => line({ time, msg: 'probe', method: 'GET', path: p, status: 404, durationMs: 0, probe: true, ip });
  const page = (time: number, p: string) => line({ time, msg: 'request', method: 'GET', path: p, status: 200, durationMs: 12 });

  // Two days: the rotated file (gzipped) holds 1 December, the current one 2 December.
  const rotated = [
    probe(day(1, 3), '/wp-login.php', '203.0.113.7'),
    probe(day(1, 3), '/.env', '203.0.113.7'),
    probe(day(1, 4), '/wp-login.php', '198.51.100.9'),
    page(day(1, 9), '/'),
    page(day(1, 9), '/species'),
  ];
  const current = [
    probe(day(2, 1), '/wp-login.php', '203.0.113.7'),
    probe(day(2, 1), '/.git/config', '203.0.113.7'),
    probe(day(2, 2), '/.env', '192.0.2.44'),
    'Error: a stack trace line that is not JSON',
    '{"cut off by a rotati',
    page(day(2, 10), '/'),
    line({ time: day(2, 11), msg: 'Stopping: finishing the requests under way' }),
  ];

  const table = [
    {
      name: 'the summary of both files',
      entries: [...rotated, ...current].flatMap((text) => {
        try {
          return [JSON.parse(text)];
        } catch {
          return [];
        }
      }),
      summary: {
        probes: 6,
        requests: 9,
        sourceCount: 3,
        paths: [['/wp-login.php', 3], ['/.env', 2], ['/.git/config', 1]],
        sources: [
          { ip: '203.0.113.7', probes: 4, paths: 3 },
          { ip: '192.0.2.44', probes: 1, paths: 1 },
          { ip: '198.51.100.9', probes: 1, paths: 1 },
        ],
        days: [
          { day: '2026-12-01', probes: 3, sources: 2, requests: 5 },
          { day: '2026-12-02', probes: 3, sources: 2, requests: 4 },
        ],
      },
    },
    { name: 'no entries', entries: [], summary: { probes: 0, requests: 0, sourceCount: 0, paths: [], sources: [], days: [] } },
  ];
  for (const { name, entries, summary } of table) {
    it(`summariseProbes: ${name}`, () => expect(summariseProbes(entries)).toEqual(summary));
  }

  const run = (args: string[], env: Record<string, string> = {}) => runCommandAsync('npm', ['run', '-s', 'logs:probes', '--', ...args], env);

  it('prints the tables for LOG_DIR/web.log and its gzipped rotation', async () => {
    const logDir = tempDir('plumage-logs-');
    fs.writeFileSync(path.join(logDir, 'web.log'), `${current.join('\n')}\n`);
    fs.writeFileSync(path.join(logDir, 'web.log.1.gz'), zlib.gzipSync(`${rotated.join('\n')}\n`));
    fs.writeFileSync(path.join(logDir, 'cms.log'), `${probe(day(2, 5), '/not-the-site', '10.0.0.1')}\n`);
    const { status, stdout, stderr } = await run(['--top', '2'], { LOG_DIR: logDir, PLUMAGE_ENV_FILE: path.join(logDir, 'none.env') });
    expect(status, stderr).toBe(0);
    expect(stdout).toBe(
      [
        `Read 2 files: ${path.join(logDir, 'web.log')}, ${path.join(logDir, 'web.log.1.gz')}`,
        '',
        '6 scanner probes in 9 requests (67%) from 3 sources.',
        '',
        'Top probed paths',
        'probes  path',
        '------  -------------',
        '     3  /wp-login.php',
        '     2  /.env',
        '',
        'Top sources',
        'probes  paths  source',
        '------  -----  -----------',
        '     4      3  203.0.113.7',
        '     1      1  192.0.2.44',
        '',
        'Per day (UTC)',
        'day         probes  sources  requests',
        '----------  ------  -------  --------',
        '2026-12-01       3        2         5',
        '2026-12-02       3        2         4',
        '',
      ].join('\n'),
    );
    // Files named on the command line, gzip recognised by its bytes whatever the name.
    fs.renameSync(path.join(logDir, 'web.log.1.gz'), path.join(logDir, 'old-web-log'));
    const named = await run([path.join(logDir, 'old-web-log'), '--json'], { PLUMAGE_ENV_FILE: path.join(logDir, 'none.env') });
    expect(named.status, named.stderr).toBe(0);
    expect(JSON.parse(named.stdout)).toMatchObject({ probes: 3, requests: 5, sourceCount: 2 });
    fs.rmSync(logDir, { recursive: true, force: true });
  });

  it('says what to run when there is no log', async () => {
    const empty = tempDir('plumage-nologs-');
    const none = await run([], { LOG_DIR: empty, PLUMAGE_ENV_FILE: path.join(empty, 'none.env') });
    expect(none.status).toBe(1);
    expect(none.stderr).toContain(`No site access log found in ${empty}`);
    expect(none.stderr).toContain('npx pm2 start ecosystem.config.js');
    expect(none.stderr).toContain('npm run logs:probes -- ');
    const missing = await run([path.join(empty, 'web.log')], { PLUMAGE_ENV_FILE: path.join(empty, 'none.env') });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain(`No such log file: ${path.join(empty, 'web.log')}`);
    fs.rmSync(empty, { recursive: true, force: true });
  });
});
