import { describe, expect, test } from 'vitest';
import { visitorAddress } from '../src/lib/visitor-address';

describe('visitorAddress', () => {
  const cases: Array<{ name: string; forwarded: string | null; socket: string | null; address: string | null }> = [
    { name: 'behind the proxy: the address it appended', forwarded: '203.0.113.7', socket: '127.0.0.1', address: '203.0.113.7' },
    { name: 'a forged header before it is ignored', forwarded: '10.9.9.9, 203.0.113.7', socket: '::ffff:127.0.0.1', address: '203.0.113.7' },
    { name: 'no header: the socket', forwarded: null, socket: '127.0.0.1', address: '127.0.0.1' },
    { name: 'a direct client cannot claim another address', forwarded: '10.9.9.9', socket: '198.51.100.4', address: '198.51.100.4' },
    { name: 'nothing known', forwarded: null, socket: null, address: null },
  ];
  for (const { name, forwarded, socket, address } of cases) {
    test(name, () => {
      const headers = new Headers(forwarded === null ? {} : { 'x-forwarded-for': forwarded });
      expect(visitorAddress(headers, socket)).toBe(address);
    });
  }
});
