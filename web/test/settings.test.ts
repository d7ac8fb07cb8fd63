import { describe, expect, test } from 'vitest';
import { readSettings } from '../src/lib/settings';

const ROOT = '/srv/plumage';

describe('readSettings', () => {
  test('defaults', () => {
    expect(readSettings({}, ROOT)).toEqual({
      publicOrigin: 'http://127.0.0.1:4321',
      secure: false,
      strapiUrl: 'http://127.0.0.1:1337',
      strapiToken: null,
      tokenFile: '/srv/plumage/data/web-token',
      mediaDir: '/srv/plumage/media',
      mediaBaseUrl: null,
      logLevel: 'info',
      cachePurgeSecret: null,
      strapiTimeoutMs: 3000,
      coordinatePrecision: 1,
    });
  });

  const cases: Array<{ env: NodeJS.ProcessEnv; expected: Partial<ReturnType<typeof readSettings>> }> = [
    { env: { PUBLIC_URL: 'https://birds.example.org/gallery/' }, expected: { publicOrigin: 'https://birds.example.org', secure: true } },
    { env: { HOST: '0.0.0.0', PORT: '8080' }, expected: { publicOrigin: 'http://0.0.0.0:8080' } },
    { env: { WEB_PORT: '5000' }, expected: { publicOrigin: 'http://127.0.0.1:5000' } },
    { env: { STRAPI_URL: 'http://cms:1337///' }, expected: { strapiUrl: 'http://cms:1337' } },
    { env: { MEDIA_DIR: '/var/media', WEB_TOKEN_FILE: 'secrets/token' }, expected: { mediaDir: '/var/media', tokenFile: '/srv/plumage/secrets/token' } },
    { env: { MEDIA_DIR: 'data/media' }, expected: { mediaDir: '/srv/plumage/data/media' } },
    { env: { LOG_LEVEL: 'DEBUG' }, expected: { logLevel: 'debug' } },
    { env: { LOG_LEVEL: 'loud' }, expected: { logLevel: 'info' } },
    { env: { STRAPI_TOKEN: ' abc ', CACHE_PURGE_SECRET: 's' }, expected: { strapiToken: 'abc', cachePurgeSecret: 's' } },
    { env: { STRAPI_TOKEN: '', CACHE_PURGE_SECRET: '  ' }, expected: { strapiToken: null, cachePurgeSecret: null } },
    { env: { STRAPI_TIMEOUT_MS: 'soon' }, expected: { strapiTimeoutMs: 3000 } },
    { env: { PUBLIC_COORDINATE_PRECISION: '3' }, expected: { coordinatePrecision: 3 } },
    { env: { PUBLIC_COORDINATE_PRECISION: 'off' }, expected: { coordinatePrecision: null } },
    { env: { PUBLIC_COORDINATE_PRECISION: '9' }, expected: { coordinatePrecision: 5 } },
    { env: { PUBLIC_COORDINATE_PRECISION: '-1' }, expected: { coordinatePrecision: 1 } },
    { env: { S3_PUBLIC_URL: 'https://cdn.example.org' }, expected: { mediaBaseUrl: null } },
    { env: { UPLOAD_PROVIDER: 'local', S3_PUBLIC_URL: 'https://cdn.example.org' }, expected: { mediaBaseUrl: null } },
    { env: { UPLOAD_PROVIDER: 's3', S3_PUBLIC_URL: 'https://cdn.example.org/' }, expected: { mediaBaseUrl: 'https://cdn.example.org/' } },
    { env: { UPLOAD_PROVIDER: 'S3', S3_PUBLIC_URL: 'http://127.0.0.1:9000/birds', S3_PREFIX: '/site/' }, expected: { mediaBaseUrl: 'http://127.0.0.1:9000/birds/site/' } },
  ];
  for (const { env, expected } of cases) {
    test(JSON.stringify(env), () => expect(readSettings(env, ROOT)).toMatchObject(expected));
  }

  test.each([
    [{ UPLOAD_PROVIDER: 's3' }, /S3_PUBLIC_URL/],
    [{ UPLOAD_PROVIDER: 's3', S3_PUBLIC_URL: 'ftp://example.org' }, /S3_PUBLIC_URL/],
    [{ UPLOAD_PROVIDER: 's3', S3_PUBLIC_URL: 'https://cdn.example.org', S3_PREFIX: '../x' }, /S3_PREFIX/],
  ])('refuses %j', (env, message) => expect(() => readSettings(env, ROOT)).toThrow(message));

  test.each([['not a url'], ['ftp://example.org']])('refuses PUBLIC_URL %j', (value) => {
    expect(() => readSettings({ PUBLIC_URL: value }, ROOT)).toThrow(/PUBLIC_URL/);
  });
});
