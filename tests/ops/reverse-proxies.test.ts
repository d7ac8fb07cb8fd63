/**
 * The shipped reverse-proxy configurations (config/nginx/plumage.conf, config/caddy/Caddyfile,
 * config/apache/plumage.conf; placeholders replaced as the deployment guide says), each run by Debian's nginx, Caddy
 * and Apache in front of a real CMS and the real built site, on loopback with a throwaway certificate: which server
 * answers each family of paths, HTTP → HTTPS, one HSTS header, compression, derivatives from disk with immutable
 * caching, and Strapi's admin login rate limit counting per visitor address (X-Forwarded-For), not per proxy.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../web/src/lib/security-headers';
import { repoRoot, startCms, type RunningCms } from '../support/cms';
import { makeTestJpeg } from '../support/images';
import { headerCount, request, startProxy, type Answer, type ProxyKind, type RunningProxy } from '../support/proxies';
import { uploadPhoto } from '../support/rest';
import { startWeb, type RunningWeb } from '../support/web';

const HSTS = 'max-age=31536000; includeSubDomains';
const OWNER = { email: 'admin@example.org', password: 'Proxied-Passw0rd', firstname: 'Owner' };

let cms: RunningCms;
let web: RunningWeb;

beforeAll(async () => {
  cms = await startCms({ admin: true });
  // The proxies' workers (nobody, www-data) read the derivatives: the test's private data folder must be reachable.
  fs.chmodSync(cms.dataDir, 0o755);
  const registered = await fetch(`${cms.url}/admin/register-admin`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(OWNER),
  });
  expect(registered.status).toBe(200);
  web = await startWeb({ STRAPI_URL: cms.url, STRAPI_TOKEN: cms.readToken, MEDIA_DIR: cms.mediaDir, LOG_LEVEL: 'info', PUBLIC_URL: 'https://127.0.0.1' });
});

afterAll(async () => {
  await web?.stop();
  await cms?.stop();
});

const servedByWeb = (answer: Answer) => answer.headers['content-security-policy'] === CONTENT_SECURITY_POLICY;

// Each proxy's visitors come from their own loopback addresses: Strapi's login limit is shared by all three runs.
const kinds: Array<{ kind: ProxyKind; visitors: [string, string, string, string] }> = [
  { kind: 'nginx', visitors: ['127.0.0.2', '127.0.0.3', '127.0.0.5', '127.0.0.6'] },
  { kind: 'caddy', visitors: ['127.0.0.12', '127.0.0.13', '127.0.0.15', '127.0.0.16'] },
  { kind: 'apache', visitors: ['127.0.0.22', '127.0.0.23', '127.0.0.25', '127.0.0.26'] },
];

describe.each(kinds)('$kind with the shipped configuration', ({ kind, visitors }) => {
  let proxy: RunningProxy;
  let https: { port: number; tls: { ca: Buffer } };
  const get = (pathAndQuery: string, headers: Record<string, string> = {}) => request(https, pathAndQuery, { headers });

  beforeAll(async () => {
    proxy = await startProxy(kind, { cmsUrl: cms.url, webUrl: web.url, mediaDir: cms.mediaDir });
    https = { port: proxy.httpsPort, tls: { ca: proxy.ca } };
  });

  afterAll(async () => {
    await proxy?.stop();
  });

  it('sends plain HTTP to HTTPS, path and query kept', async () => {
    const answer = await request({ port: proxy.httpPort }, '/species?page=2');
    expect([301, 308]).toContain(answer.status);
    expect(answer.headers.location).toMatch(/^https:\/\/[^/]+\/species\?page=2$/);
  });

  // Which server answers: Strapi's answers never carry the site's Content-Security-Policy; the site's always do.
  const routes: Array<{ path: string; status: number; by: 'cms' | 'web'; json?: boolean }> = [
    { path: '/_health', status: 204, by: 'cms' },
    { path: '/admin', status: 200, by: 'cms' },
    { path: '/admin/auth/login', status: 200, by: 'cms' },
    { path: '/admin/init', status: 200, by: 'cms', json: true },
    // Anonymous: 401, since the public role holds no permission at all (cms/src/bootstrap/public-role.ts).
    { path: '/api/photos', status: 401, by: 'cms', json: true },
    { path: '/uploads/missing.jpg', status: 404, by: 'cms' },
    { path: '/content-manager/init', status: 401, by: 'cms', json: true },
    { path: '/upload/configuration', status: 401, by: 'cms', json: true },
    { path: '/i18n/locales', status: 401, by: 'cms', json: true },
    { path: '/users-permissions/roles', status: 401, by: 'cms', json: true },
    { path: '/email/settings', status: 401, by: 'cms', json: true },
    { path: '/add-photos/species-counts', status: 401, by: 'cms', json: true },
    { path: '/', status: 200, by: 'web' },
    { path: '/species', status: 200, by: 'web' },
    { path: '/photos/nosuchphoto', status: 404, by: 'web' },
    { path: '/apiary', status: 404, by: 'web' },
    { path: '/administrator', status: 404, by: 'web' },
    { path: '/healthz', status: 200, by: 'web', json: true },
  ];
  for (const route of routes) {
    it(`${route.path} → ${route.by} (${route.status}), one HSTS header`, async () => {
      const answer = await get(route.path);
      expect(answer.status, answer.body.toString()).toBe(route.status);
      expect(servedByWeb(answer)).toBe(route.by === 'web');
      if (route.json) expect(() => JSON.parse(answer.body.toString())).not.toThrow();
      expect(answer.headers['strict-transport-security']).toBe(HSTS);
      expect(headerCount(answer, 'strict-transport-security')).toBe(1);
    });
  }

  it("the admin panel's own assets come from Strapi", async () => {
    const html = (await get('/admin')).body.toString();
    const asset = /(?:src|href)="(\/admin\/[^"]+\.(?:js|css))"/.exec(html)?.[1];
    expect(asset).toBeDefined();
    const answer = await get(asset!);
    expect(answer.status).toBe(200);
    expect(servedByWeb(answer)).toBe(false);
  });

  it('the site cache purge is not reachable from outside', async () => {
    const answer = await request(https, '/_cache/purge', { method: 'POST' });
    expect(answer.status).toBe(404);
    expect(servedByWeb(answer)).toBe(false);
  });

  it('compresses HTML, CSS and JSON for clients that accept it', async () => {
    const page = await get('/species', { 'Accept-Encoding': 'gzip' });
    expect(page.headers['content-encoding']).toBe('gzip');
    expect(page.headers.vary).toMatch(/Accept-Encoding/i);
    expect(zlib.gunzipSync(page.body).toString()).toContain('</html>');

    const css = fs.readdirSync(path.join(repoRoot, 'web', 'dist', 'client', '_astro')).find((name) => name.endsWith('.css'));
    const stylesheet = await get(`/_astro/${css}`, { 'Accept-Encoding': 'gzip' });
    expect(stylesheet.status).toBe(200);
    expect(stylesheet.headers['content-encoding']).toBe('gzip');

    const plain = await get('/species');
    expect(plain.headers['content-encoding']).toBeUndefined();
  });

  it('serves derivatives from disk with immutable caching, without the site', async () => {
    const photo = await uploadPhoto(cms, { file: await makeTestJpeg({ seed: kinds.findIndex((k) => k.kind === kind) + 7, width: 900, height: 600 }), fileName: `${kind}.jpg`, title: `Through ${kind}` });
    const derivatives = photo.derivatives as Array<{ url: string; format: string }>;
    expect(derivatives.length).toBeGreaterThan(0);
    const logged = web.logLines.length;
    for (const derivative of derivatives) {
      const answer = await get(derivative.url);
      expect(answer.status).toBe(200);
      expect(answer.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(answer.headers['content-type']).toBe({ avif: 'image/avif', webp: 'image/webp', jpeg: 'image/jpeg' }[derivative.format]);
      expect(answer.headers['strict-transport-security']).toBe(HSTS);
      expect(answer.body.equals(fs.readFileSync(path.join(cms.mediaDir, derivative.url.replace(/^\/media\//, ''))))).toBe(true);
    }
    const missing = await get(derivatives[0]!.url.replace(/[^/]+$/, 'nothing.avif'));
    expect(missing.status).toBe(404);
    expect(missing.headers['cache-control']).toBeUndefined();
    // The site never saw them: the proxy answered from disk.
    await new Promise((r) => setTimeout(r, 200));
    expect(web.logLines.slice(logged).filter((line) => line.includes('/media/derivatives/'))).toEqual([]);
  });

  it('the owner logs into the admin and uses its API through the proxy', async () => {
    const login = await request(https, '/admin/login', {
      method: 'POST',
      localAddress: visitors[3],
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: OWNER.email, password: OWNER.password }),
    });
    expect(login.status, login.body.toString()).toBe(200);
    const token = JSON.parse(login.body.toString()).data.token as string;
    expect(login.headers['set-cookie']?.some((cookie) => cookie.startsWith('strapi_admin_refresh='))).toBe(true);
    const me = await request(https, '/admin/users/me', { headers: { Authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    expect(JSON.parse(me.body.toString()).data.email).toBe(OWNER.email);
    const photos = await request(https, '/content-manager/collection-types/api::photo.photo', { headers: { Authorization: `Bearer ${token}` } });
    expect(photos.status).toBe(200);
  });

  it("counts admin login attempts per visitor address (X-Forwarded-For), not per proxy", async () => {
    const login = (localAddress: string, extra: Record<string, string> = {}) =>
      request(https, '/admin/login', {
        method: 'POST',
        localAddress,
        headers: { 'Content-Type': 'application/json', ...extra },
        body: JSON.stringify({ email: 'owner@example.org', password: 'not-the-password' }),
      });
    // Strapi allows 5 attempts per address and e-mail in 5 minutes.
    const first = [];
    for (let i = 0; i < 6; i++) first.push((await login(visitors[0])).status);
    expect(first.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
    expect(first[5]).toBe(429);
    // Another visitor, same e-mail, through the same proxy: not limited.
    expect((await login(visitors[1])).status).toBe(400);
    // The limited visitor cannot escape by claiming another address: the proxy sets X-Forwarded-For itself.
    expect((await login(visitors[0], { 'X-Forwarded-For': '198.51.100.20' })).status).toBe(429);
  });

  it('scanner probes get the site\'s cheap 404', async () => {
    for (const probe of ['/wp-login.php', '/.env', '/.git/config', '/cgi-bin/luci', '/phpmyadmin/']) {
      const answer = await request(https, probe, { localAddress: visitors[2] });
      expect(answer.status).toBe(404);
      expect(answer.body.toString()).toBe('Not found.\n');
    }
    await new Promise((r) => setTimeout(r, 200));
    const probes = web.logEntries().filter((entry) => entry.probe === true && entry.ip === visitors[2]);
    // The site logs the visitor's address the proxy passed on, not the proxy's own (127.0.0.1).
    expect(probes.map((entry) => entry.path)).toEqual(['/wp-login.php', '/.env', '/.git/config', '/cgi-bin/luci', '/phpmyadmin/']);
  });
});
