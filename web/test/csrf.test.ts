import { describe, expect, test } from 'vitest';
import { isSameOriginRequest } from '../src/lib/csrf';

const SITE = 'https://birds.example.org';

describe('isSameOriginRequest', () => {
  const cases: Array<{ method: string; headers: Record<string, string>; publicOrigin?: string; allowed: boolean }> = [
    { method: 'GET', headers: {}, allowed: true },
    { method: 'HEAD', headers: { origin: 'https://evil.example' }, allowed: true },
    { method: 'POST', headers: { origin: SITE }, allowed: true },
    { method: 'post', headers: { origin: SITE }, allowed: true },
    { method: 'POST', headers: { origin: 'https://evil.example' }, allowed: false },
    { method: 'POST', headers: { origin: 'http://birds.example.org' }, allowed: false },
    { method: 'POST', headers: { origin: 'https://birds.example.org:8443' }, allowed: false },
    { method: 'POST', headers: { origin: 'null' }, allowed: false },
    { method: 'POST', headers: { origin: 'https://evil.example', referer: `${SITE}/` }, allowed: false },
    { method: 'POST', headers: { referer: `${SITE}/photos/abc?x=1` }, allowed: true },
    { method: 'POST', headers: { referer: 'https://birds.example.org.evil.example/' }, allowed: false },
    { method: 'POST', headers: { referer: 'not a url' }, allowed: false },
    { method: 'POST', headers: {}, allowed: false },
    { method: 'DELETE', headers: {}, allowed: false },
    { method: 'POST', headers: { origin: 'http://127.0.0.1:41234' }, publicOrigin: 'http://127.0.0.1:41234', allowed: true },
    { method: 'POST', headers: { origin: 'http://localhost:41234' }, publicOrigin: 'http://127.0.0.1:41234', allowed: false },
  ];
  for (const { method, headers, publicOrigin = SITE, allowed } of cases) {
    test(`${method} ${JSON.stringify(headers)} to ${publicOrigin}: ${allowed ? 'allowed' : 'refused'}`, () => {
      expect(isSameOriginRequest(method, new Headers(headers), publicOrigin)).toBe(allowed);
    });
  }
});
