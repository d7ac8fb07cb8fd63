import { describe, expect, test } from 'vitest';
import { ResponseCache } from '../src/lib/cache';
import {
  createStrapiClient,
  StrapiNotFoundError,
  StrapiRequestError,
  StrapiUnavailableError,
  tokenSource,
  type TokenSource,
} from '../src/lib/strapi-client';

interface Call {
  url: string;
  authorization: string | null;
}

/** A fetch that answers from a list of responses (or functions making them), recording each call. */
function fakeFetch(answers: Array<Response | ((signal: AbortSignal) => Promise<Response>)>) {
  const calls: Call[] = [];
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    calls.push({ url: String(input), authorization: headers.get('authorization') });
    const answer = answers.shift();
    if (answer === undefined) throw new Error('unexpected request');
    return typeof answer === 'function' ? answer(init?.signal as AbortSignal) : answer;
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const fixedToken = (token: string | null): TokenSource => ({ current: () => token, refresh: () => false });

function client(answers: Parameters<typeof fakeFetch>[0], token: TokenSource = fixedToken('read-token'), timeoutMs = 1000) {
  const { fetch, calls } = fakeFetch(answers);
  const cache = new ResponseCache<unknown>({ maxEntries: 10, ttlMs: 60_000 });
  return { strapi: createStrapiClient({ baseUrl: 'http://cms.test/', token, timeoutMs, cache, fetch }), calls, cache };
}

describe('createStrapiClient', () => {
  test('builds the URL from the path and encoded params, with the bearer token', async () => {
    const { strapi, calls } = client([json({ data: [] })]);
    await strapi.get('/api/photos', { filters: { takenYear: { $eq: 2019 } }, status: 'published' });
    expect(calls).toEqual([
      { url: 'http://cms.test/api/photos?filters%5BtakenYear%5D%5B%24eq%5D=2019&status=published', authorization: 'Bearer read-token' },
    ]);
  });

  test('answers a repeated read from the cache until purged', async () => {
    const { strapi, calls } = client([json({ data: 1 }), json({ data: 2 })]);
    expect(await strapi.get('/api/photos', {})).toEqual({ data: 1 });
    expect(await strapi.get('/api/photos', {})).toEqual({ data: 1 });
    strapi.purge();
    expect(await strapi.get('/api/photos', {})).toEqual({ data: 2 });
    expect(calls).toHaveLength(2);
  });

  const failures: Array<{ name: string; answer: Response; error: new (...args: never[]) => Error; reason?: string }> = [
    { name: '404', answer: json({ error: {} }, 404), error: StrapiNotFoundError },
    { name: '500', answer: json({ error: {} }, 500), error: StrapiUnavailableError, reason: 'server-error' },
    { name: '503', answer: new Response('down', { status: 503 }), error: StrapiUnavailableError, reason: 'server-error' },
    { name: '403', answer: json({ error: {} }, 403), error: StrapiUnavailableError, reason: 'unauthorized' },
    { name: '400', answer: json({ error: {} }, 400), error: StrapiRequestError },
    { name: 'not JSON', answer: new Response('<html>', { status: 200 }), error: StrapiUnavailableError, reason: 'malformed' },
  ];
  for (const { name, answer, error, reason } of failures) {
    test(`${name} → ${error.name}${reason ? ` (${reason})` : ''}`, async () => {
      const { strapi } = client([answer]);
      const failure = await strapi.get('/api/photos', {}).catch((caught: unknown) => caught);
      expect(failure).toBeInstanceOf(error);
      if (reason !== undefined) expect((failure as StrapiUnavailableError).reason).toBe(reason);
    });
  }

  test('a network failure is "unavailable"', async () => {
    const { strapi } = client([() => Promise.reject(new TypeError('fetch failed'))]);
    await expect(strapi.get('/api/photos', {})).rejects.toMatchObject({ name: 'StrapiUnavailableError', reason: 'network' });
  });

  test('a request that takes too long is abandoned as "timeout"', async () => {
    const hang = (signal: AbortSignal) =>
      new Promise<Response>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
    const { strapi } = client([hang], fixedToken('t'), 20);
    await expect(strapi.get('/api/photos', {})).rejects.toMatchObject({ name: 'StrapiUnavailableError', reason: 'timeout' });
  });

  test("the page's deadline ends the wait", async () => {
    const slow = () => new Promise<Response>((resolve) => setTimeout(() => resolve(json({ data: [] })), 200));
    const { strapi } = client([slow]);
    await expect(strapi.get('/api/photos', {}, { signal: AbortSignal.timeout(10) })).rejects.toMatchObject({ reason: 'timeout' });
  });

  test('on a 401 the token file is read again and the request retried once', async () => {
    let fileToken = 'new-token';
    const token = tokenSource('old-token', '/token', () => fileToken);
    const { strapi, calls } = client([json({}, 401), json({ data: 'ok' })], token);
    expect(await strapi.get('/api/photos', {})).toEqual({ data: 'ok' });
    expect(calls.map((call) => call.authorization)).toEqual(['Bearer old-token', 'Bearer new-token']);
    fileToken = 'new-token';
  });

  test('a 401 with an unchanged token file is "unauthorized", without a retry loop', async () => {
    const token = tokenSource('same', '/token', () => 'same');
    const { strapi, calls } = client([json({}, 401)], token);
    await expect(strapi.get('/api/photos', {})).rejects.toMatchObject({ reason: 'unauthorized' });
    expect(calls).toHaveLength(1);
  });

  test('a fresh read asks Strapi past the cache', async () => {
    const { strapi, calls } = client([json({ data: 1 }), json({ data: 2 }), json({ data: 3 })]);
    expect(await strapi.get('/api/species-list', {})).toEqual({ data: 1 });
    expect(await strapi.get('/api/species-list', {}, { fresh: true })).toEqual({ data: 2 });
    expect(await strapi.get('/api/species-list', {}, { fresh: true })).toEqual({ data: 3 });
    expect(calls).toHaveLength(3);
  });

  test('only REST paths', () => {
    const { strapi } = client([]);
    expect(() => strapi.get('/admin/users', {})).toThrow(TypeError);
  });
});

describe('tokenSource', () => {
  const cases: Array<{ name: string; env: string | null; file: string | Error; current: string | null }> = [
    { name: 'STRAPI_TOKEN wins', env: 'from-env', file: 'from-file', current: 'from-env' },
    { name: 'else the file, trimmed', env: null, file: 'from-file\n', current: 'from-file' },
    { name: 'no file: no token', env: null, file: new Error('ENOENT'), current: null },
    { name: 'an empty file: no token', env: null, file: '  \n', current: null },
  ];
  for (const { name, env, file, current } of cases) {
    test(name, () => {
      const source = tokenSource(env, '/data/web-token', () => {
        if (file instanceof Error) throw file;
        return file;
      });
      expect(source.current()).toBe(current);
    });
  }

  test('no file yet: looks again on the next read (the CMS writes it at boot, PM2 starts both at once)', () => {
    let file: string | null = null;
    const source = tokenSource(null, '/data/web-token', () => {
      if (file === null) throw new Error('ENOENT');
      return file;
    });
    expect(source.current()).toBeNull();
    file = 'written-at-boot\n';
    expect(source.current()).toBe('written-at-boot');
  });
});
