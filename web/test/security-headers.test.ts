import { describe, expect, test } from 'vitest';
import { CONTENT_SECURITY_POLICY, securityHeaders, withHeaders } from '../src/lib/security-headers';

describe('securityHeaders', () => {
  test('a CSP without inline scripts or styles, no framing', () => {
    const directives = Object.fromEntries(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['style-src']).toEqual(["'self'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });

  test('images from the bucket when media lives in one, nothing else from it', () => {
    const policy = securityHeaders(false, 'https://birds.s3.eu-west-1.amazonaws.com')['Content-Security-Policy']!;
    expect(policy).toContain("img-src 'self' data: https://birds.s3.eu-west-1.amazonaws.com;");
    expect(policy.split('https://birds.s3').length).toBe(2);
  });

  test.each([
    [false, undefined],
    [true, 'max-age=31536000; includeSubDomains'],
  ])('https %s → HSTS %s', (secure, hsts) => {
    const headers = securityHeaders(secure);
    expect(headers['Strict-Transport-Security']).toBe(hsts);
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
    expect(headers['Referrer-Policy']).toBe('strict-origin-when-cross-origin');
  });
});

describe('withHeaders', () => {
  test('sets headers on an ordinary response', () => {
    const response = withHeaders(new Response('x'), { 'X-Test': '1' });
    expect(response.headers.get('x-test')).toBe('1');
  });

  test('copies a response whose headers are immutable', async () => {
    const response = withHeaders(Response.redirect('http://example.org/', 303), { 'X-Test': '1' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('http://example.org/');
    expect(response.headers.get('x-test')).toBe('1');
  });
});
