/**
 * Several web processes, one cache each: a change in the CMS must empty every one of them. Two processes of the built
 * site on their own ports (as PM2 runs them with `instances` and `increment_var`, or two hosts) and a real CMS that
 * lists both in WEB_INTERNAL_URL.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startCms, type RunningCms } from '../support/cms';
import { makeTestJpeg } from '../support/images';
import { api, uploadPhoto } from '../support/rest';
import { startWeb, type RunningWeb } from '../support/web';

const SECRET = 'purge-secret-for-two-sites';
let cms: RunningCms;
const webs: RunningWeb[] = [];
let documentId: string;

beforeAll(async () => {
  cms = await startCms({ env: { CACHE_PURGE_SECRET: SECRET } });
  documentId = (await uploadPhoto(cms, { file: await makeTestJpeg({ seed: 601 }), fileName: 'heron.jpg', title: 'Heron at dawn' })).documentId;
  for (let i = 0; i < 2; i += 1) {
    webs.push(
      await startWeb({
        STRAPI_URL: cms.url,
        STRAPI_TOKEN: undefined,
        WEB_TOKEN_FILE: path.join(cms.dataDir, 'web-token'),
        MEDIA_DIR: cms.mediaDir,
        CACHE_PURGE_SECRET: SECRET,
        LOG_LEVEL: 'debug',
      }),
    );
  }
});
afterAll(async () => {
  await Promise.all(webs.map((web) => web.stop()));
  await cms?.stop();
});

async function titleOn(web: RunningWeb): Promise<string> {
  const html = await (await fetch(`${web.url}/photos/${documentId}`)).text();
  return html.match(/<h1[^>]*>([^<]*)</)?.[1]?.trim() ?? '';
}

/** Renames the photo through REST and waits until each of `told` has logged a purge since the change. */
async function rename(title: string, told: RunningWeb[]): Promise<void> {
  const since = told.map((web) => web.logLines.length);
  const answer = await api(cms, 'PUT', `/api/photos/${documentId}?status=published`, { data: { title } });
  expect(answer.status).toBe(200);
  await Promise.all(told.map((web, i) => web.logUntil(since[i]!, (entry) => entry.msg === 'cache purged')));
}

describe('the cache of every web process is emptied when content changes', () => {
  test('both processes cache the page (a second request does not reach Strapi)', async () => {
    const strapiCalls = (web: RunningWeb, since: number) => web.logEntries().slice(since).filter((entry) => entry.msg === 'strapi request').length;
    for (const web of webs) {
      const first = web.logEntries().length;
      expect(await titleOn(web)).toBe('Heron at dawn');
      expect(strapiCalls(web, first), 'the first request reads Strapi').toBeGreaterThan(0);
      const second = web.logEntries().length;
      expect(await titleOn(web)).toBe('Heron at dawn');
      expect(strapiCalls(web, second), 'the second is served from the cache').toBe(0);
    }
  });

  test('told only one address (what one URL in front of a PM2 cluster amounts to), the other process keeps showing the old title', async () => {
    process.env.WEB_INTERNAL_URL = webs[0]!.url;
    await rename('Heron at noon', [webs[0]!]);
    expect(await titleOn(webs[0]!)).toBe('Heron at noon');
    expect(await titleOn(webs[1]!)).toBe('Heron at dawn');
  });

  test('with both in WEB_INTERNAL_URL, both show the change on their next request', async () => {
    process.env.WEB_INTERNAL_URL = webs.map((web) => web.url).join(', ');
    await rename('Heron at dusk', webs);
    expect(await Promise.all(webs.map(titleOn))).toEqual(['Heron at dusk', 'Heron at dusk']);
  });

  test('a process that cannot be reached is named in the CMS log; the others are still purged', async () => {
    const warnings: string[] = [];
    const warn = cms.strapi.log.warn;
    cms.strapi.log.warn = (message: string) => warnings.push(message);
    try {
      process.env.WEB_INTERNAL_URL = `${webs[0]!.url} http://127.0.0.1:9/`;
      await rename('Heron at night', [webs[0]!]);
      await expect.poll(() => warnings.join('\n')).toMatch(/site at http:\/\/127\.0\.0\.1:9 /);
      expect(await titleOn(webs[0]!)).toBe('Heron at night');
    } finally {
      cms.strapi.log.warn = warn;
      process.env.WEB_INTERNAL_URL = webs.map((web) => web.url).join(',');
    }
  });
});
