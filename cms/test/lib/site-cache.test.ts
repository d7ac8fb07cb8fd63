import { describe, expect, test } from 'vitest';
import { siteUrls } from '../../src/lib/site-cache';

describe('siteUrls: every web process the CMS tells to empty its cache', () => {
  test.each([
    { env: {}, output: ['http://127.0.0.1:4321'] },
    { env: { HOST: '0.0.0.0', WEB_PORT: '8080' }, output: ['http://127.0.0.1:8080'] },
    { env: { HOST: '::1' }, output: ['http://[::1]:4321'] },
    { env: { WEB_INSTANCES: '3' }, output: ['http://127.0.0.1:4321', 'http://127.0.0.1:4322', 'http://127.0.0.1:4323'] },
    { env: { WEB_INSTANCES: 'many' }, output: ['http://127.0.0.1:4321'] },
    { env: { WEB_INTERNAL_URL: 'http://10.0.0.5:4321/, http://10.0.0.6:4321 http://10.0.0.5:4321', WEB_INSTANCES: '4' }, output: ['http://10.0.0.5:4321', 'http://10.0.0.6:4321'] },
    { env: { WEB_INTERNAL_URL: ' , ' }, output: ['http://127.0.0.1:4321'] },
  ])('$env', ({ env, output }) => expect(siteUrls(env)).toEqual(output));
});
