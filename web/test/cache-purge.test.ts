import { describe, expect, test } from 'vitest';
import { isLoopback, isPurgeAllowed, PURGE_SECRET_HEADER } from '../src/lib/cache-purge';

describe('isPurgeAllowed', () => {
  const cases: Array<{ name: string; header?: string; address: string | null; secret: string | null; allowed: boolean }> = [
    { name: 'the right secret from anywhere', header: 's3cret', address: '203.0.113.9', secret: 's3cret', allowed: true },
    { name: 'a wrong secret', header: 'guess', address: '127.0.0.1', secret: 's3cret', allowed: false },
    { name: 'no header when a secret is set, even from loopback', address: '127.0.0.1', secret: 's3cret', allowed: false },
    { name: 'a prefix of the secret', header: 's3cre', address: '127.0.0.1', secret: 's3cret', allowed: false },
    { name: 'no secret set: loopback', address: '127.0.0.1', secret: null, allowed: true },
    { name: 'no secret set: IPv6 loopback', address: '::1', secret: null, allowed: true },
    { name: 'no secret set: mapped loopback', address: '::ffff:127.0.0.1', secret: null, allowed: true },
    { name: 'no secret set: another machine', address: '10.0.0.2', secret: null, allowed: false },
    { name: 'no secret set: unknown address', address: null, secret: null, allowed: false },
  ];
  for (const { name, header, address, secret, allowed } of cases) {
    test(name, () => {
      const headers = new Headers(header === undefined ? {} : { [PURGE_SECRET_HEADER]: header });
      expect(isPurgeAllowed(headers, address, secret)).toBe(allowed);
    });
  }
});

describe('isLoopback', () => {
  test.each([
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['128.0.0.1', false],
    ['::ffff:10.0.0.1', false],
    ['localhost', false],
  ])('%s → %s', (address, expected) => expect(isLoopback(address)).toBe(expected));
});
