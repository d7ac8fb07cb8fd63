import { isLoopback } from './cache-purge';

/**
 * The visitor's address for the logs. Behind the reverse proxy on the same machine (the socket's peer is loopback),
 * the last address the proxy appended to X-Forwarded-For, the one it saw connect; anything earlier in that header
 * was written by the client and proves nothing. Otherwise the socket's own address.
 *
 * @example
 * visitorAddress(new Headers({ 'x-forwarded-for': '10.9.9.9, 203.0.113.7' }), '127.0.0.1') // '203.0.113.7'
 * visitorAddress(new Headers({ 'x-forwarded-for': '10.9.9.9' }), '198.51.100.4') // '198.51.100.4'
 * visitorAddress(new Headers(), null) // null
 */
export function visitorAddress(headers: Headers, socketAddress: string | null): string | null {
  if (socketAddress !== null && !isLoopback(socketAddress)) return socketAddress;
  const forwarded = headers.get('x-forwarded-for')?.split(',').map((part) => part.trim()).filter((part) => part !== '');
  return forwarded?.at(-1) ?? socketAddress;
}
