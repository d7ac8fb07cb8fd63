import { describe, expect, test } from 'vitest';
import { objectKey, readObjectStorageSettings, uploadProviderConfig } from '../../src/media/object-storage';
import { originalKey } from '../../src/photos/originals';

const BASE = { UPLOAD_PROVIDER: 's3', S3_BUCKET: 'birds', S3_PUBLIC_URL: 'https://birds.s3.eu-west-1.amazonaws.com/' };

describe('readObjectStorageSettings', () => {
  test.each([{}, { UPLOAD_PROVIDER: '' }, { UPLOAD_PROVIDER: 'local', S3_BUCKET: 'birds' }])('media on disk: %j', (env) => {
    expect(readObjectStorageSettings(env)).toBeNull();
  });

  test('AWS with the SDK\'s own credentials', () => {
    expect(readObjectStorageSettings(BASE)).toEqual({
      bucket: 'birds',
      region: 'us-east-1',
      endpoint: null,
      forcePathStyle: false,
      credentials: null,
      publicUrl: 'https://birds.s3.eu-west-1.amazonaws.com',
      prefix: '',
      acl: 'public-read',
    });
  });

  test.each([
    { env: { S3_ENDPOINT: 'http://127.0.0.1:9000/' }, expected: { endpoint: 'http://127.0.0.1:9000', forcePathStyle: true } },
    { env: { S3_ENDPOINT: 'https://s3.example.org', S3_FORCE_PATH_STYLE: 'false' }, expected: { forcePathStyle: false } },
    { env: { S3_FORCE_PATH_STYLE: 'true', S3_REGION: 'eu-west-1' }, expected: { forcePathStyle: true, region: 'eu-west-1' } },
    { env: { S3_ACCESS_KEY_ID: 'AK', S3_SECRET_ACCESS_KEY: 'SK' }, expected: { credentials: { accessKeyId: 'AK', secretAccessKey: 'SK' } } },
    { env: { S3_PREFIX: '/plumage/' , S3_ACL: 'NONE' }, expected: { prefix: 'plumage/', acl: null } },
  ])('$env', ({ env, expected }) => expect(readObjectStorageSettings({ ...BASE, ...env })).toMatchObject(expected));

  test.each([
    { env: { UPLOAD_PROVIDER: 'ftp' }, message: /UPLOAD_PROVIDER must be "local" or "s3"/ },
    { env: { S3_BUCKET: '' }, message: /needs S3_BUCKET/ },
    { env: { S3_PUBLIC_URL: ' ' }, message: /needs S3_PUBLIC_URL/ },
    { env: { S3_PUBLIC_URL: 'birds.example.org' }, message: /S3_PUBLIC_URL is not a URL/ },
    { env: { S3_ENDPOINT: 'ftp://x' }, message: /S3_ENDPOINT must be an http or https URL/ },
    { env: { S3_ACCESS_KEY_ID: 'AK' }, message: /both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY/ },
    { env: { S3_ACL: 'private' }, message: /S3_ACL must be/ },
    { env: { S3_PREFIX: '../x' }, message: /S3_PREFIX/ },
  ])('refuses $env with a sentence', ({ env, message }) => expect(() => readObjectStorageSettings({ ...BASE, ...env })).toThrow(message));
});

describe('keys and the provider', () => {
  const settings = readObjectStorageSettings({ ...BASE, S3_PREFIX: 'site', S3_ACL: 'none' })!;

  test('originals under <prefix>uploads, their URL at S3_PUBLIC_URL, no ACL header when ACLs are off', () => {
    expect(objectKey(settings, 'derivatives/ab/x/thumb.avif')).toBe('site/derivatives/ab/x/thumb.avif');
    expect(uploadProviderConfig(settings)).toMatchObject({
      provider: 'aws-s3',
      providerOptions: { baseUrl: settings.publicUrl, rootPath: 'site/uploads', s3Options: { params: { Bucket: 'birds', ACL: '' }, requestChecksumCalculation: 'WHEN_REQUIRED' } },
    });
  });

  test.each([
    { url: 'https://birds.s3.eu-west-1.amazonaws.com/site/uploads/heron_1a2b.jpg', key: 'site/uploads/heron_1a2b.jpg' },
    { url: 'https://other.example.org/site/uploads/heron_1a2b.jpg', key: null },
    { url: 'https://birds.s3.eu-west-1.amazonaws.com/site/../secrets', key: null },
    { url: '/uploads/heron_1a2b.jpg', key: null },
  ])('the key of an original at $url', ({ url, key }) => expect(originalKey(settings.publicUrl, { url })).toBe(key));
});
