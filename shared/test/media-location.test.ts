import { describe, expect, test } from 'vitest';
import { mediaBaseUrl, objectKeyPrefix, publicMediaUrl } from '../src/index.js';

const THUMB = '/media/derivatives/e9/e94c132f6a87e2d94f72d41e31afe07aad9300a4a7b40a34c97e19a1cb359185/thumb.avif';

describe('objectKeyPrefix', () => {
  test.each([
    { input: undefined, output: '' },
    { input: '', output: '' },
    { input: '/', output: '' },
    { input: 'plumage', output: 'plumage/' },
    { input: '/plumage/prod/', output: 'plumage/prod/' },
  ])('$input → $output', ({ input, output }) => expect(objectKeyPrefix(input)).toBe(output));

  test.each(['../other', 'a/../b', 'a//b', 'a b', 'a?b'])('refuses %j', (input) => expect(() => objectKeyPrefix(input)).toThrow(/S3_PREFIX/));
});

describe('mediaBaseUrl and publicMediaUrl', () => {
  test.each([
    { publicUrl: 'http://127.0.0.1:9000/birds', prefix: '', url: THUMB, output: `http://127.0.0.1:9000/birds/${THUMB.slice(7)}` },
    { publicUrl: 'https://cdn.example.org/', prefix: 'site/', url: THUMB, output: `https://cdn.example.org/site/${THUMB.slice(7)}` },
    { publicUrl: 'https://cdn.example.org', prefix: '', url: '/favicon.svg', output: '/favicon.svg' },
  ])('$url at $publicUrl $prefix', ({ publicUrl, prefix, url, output }) => expect(publicMediaUrl(url, mediaBaseUrl(publicUrl, prefix))).toBe(output));

  test('without a bucket every URL stays as stored', () => expect(publicMediaUrl(THUMB, null)).toBe(THUMB));
});
