import crypto from 'node:crypto';

/** The header the CMS sends CACHE_PURGE_SECRET in when content changes. */
export const PURGE_SECRET_HEADER = 'x-purge-secret';
/** The path the CMS posts to. */
export const PURGE_PATH = '/_cache/purge';

/**
 * Whether a purge request may empty the cache: with a secret configured, only when the header carries it (compared
 * in constant time); without one, only from the loopback interface.
 *
 * @example
 * isPurgeAllowed(new Headers({ 'x-purge-secret': 's3cret' }), '203.0.113.9', 's3cret') // true
 * isPurgeAllowed(new Headers(), '127.0.0.1', null) // true
 * isPurgeAllowed(new Headers(), '203.0.113.9', null) // false
 */
export function isPurgeAllowed(headers: Headers, clientAddress: string | null, secret: string | null): boolean {
  if (secret !== null) {
    const given = headers.get(PURGE_SECRET_HEADER);
    if (given === null) return false;
    const a = crypto.createHash('sha256').update(given).digest();
    const b = crypto.createHash('sha256').update(secret).digest();
    return crypto.timingSafeEqual(a, b);
  }
  return clientAddress !== null && isLoopback(clientAddress);
}

/**
 * Whether an address is the machine itself.
 *
 * @example
 * isLoopback('::ffff:127.0.0.1') // true
 * isLoopback('10.0.0.2') // false
 */
export function isLoopback(address: string): boolean {
  const plain = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return plain === '::1' || /^127(?:\.\d{1,3}){3}$/.test(plain);
}
