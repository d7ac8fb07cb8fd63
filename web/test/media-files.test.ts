import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { derivativePath, IMMUTABLE_CACHE_CONTROL, serveDerivative } from '../src/lib/media-files';

const ROOT = '/srv/media/derivatives';
const SHA = 'e94c132f6a87e2d94f72d41e31afe07aad9300a4a7b40a34c97e19a1cb359185';

describe('derivativePath', () => {
  const cases: Array<{ rest: string | undefined; file: string | null }> = [
    { rest: `e9/${SHA}/thumb.avif`, file: `${ROOT}/e9/${SHA}/thumb.avif` },
    { rest: `e9/${SHA}/display2x.webp`, file: `${ROOT}/e9/${SHA}/display2x.webp` },
    { rest: `e9/${SHA}/display.jpg`, file: `${ROOT}/e9/${SHA}/display.jpg` },
    { rest: `e9/${SHA}/display.JPEG`, file: `${ROOT}/e9/${SHA}/display.JPEG` },
    { rest: '../originals/photo.jpg', file: null },
    { rest: 'e9/../../originals/photo.jpg', file: null },
    { rest: '..', file: null },
    { rest: 'e9/.hidden.jpg', file: null },
    { rest: '/etc/passwd.jpg', file: null },
    { rest: 'e9//thumb.jpg', file: null },
    { rest: 'e9\\..\\x.jpg', file: null },
    { rest: 'e9/%2e%2e/x.jpg', file: null },
    { rest: 'e9/thumb.jpg\0.avif', file: null },
    { rest: `e9/${SHA}/notes.txt`, file: null },
    { rest: `e9/${SHA}/image.svg`, file: null },
    { rest: `e9/${SHA}/thumb`, file: null },
    { rest: '', file: null },
    { rest: undefined, file: null },
    { rest: `${'a/'.repeat(10)}x.jpg`, file: null },
  ];
  for (const { rest, file } of cases) {
    test(`${JSON.stringify(rest)} → ${file ?? 'refused'}`, () => expect(derivativePath(ROOT, rest)).toBe(file));
  }
});

describe('serveDerivative', () => {
  let media: string;
  let derivatives: string;

  beforeAll(() => {
    media = fs.mkdtempSync(path.join(os.tmpdir(), 'plumage-media-'));
    derivatives = path.join(media, 'derivatives');
    fs.mkdirSync(path.join(derivatives, 'e9', SHA), { recursive: true });
    fs.writeFileSync(path.join(derivatives, 'e9', SHA, 'thumb.webp'), Buffer.from('RIFF....WEBP'));
    fs.mkdirSync(path.join(media, 'originals'));
    fs.writeFileSync(path.join(media, 'originals', 'secret.jpg'), 'original');
    fs.symlinkSync(path.join(media, 'originals', 'secret.jpg'), path.join(derivatives, 'e9', 'link.jpg'));
    fs.mkdirSync(path.join(derivatives, 'e9', 'dir.jpg'));
  });

  afterAll(() => fs.rmSync(media, { recursive: true, force: true }));

  test('a derivative, with its type, length and immutable caching', async () => {
    const response = await serveDerivative(derivatives, `e9/${SHA}/thumb.webp`, 'GET');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/webp');
    expect(response.headers.get('content-length')).toBe('12');
    expect(response.headers.get('cache-control')).toBe(IMMUTABLE_CACHE_CONTROL);
    expect(await response.text()).toBe('RIFF....WEBP');
  });

  test('HEAD has the headers and no body', async () => {
    const response = await serveDerivative(derivatives, `e9/${SHA}/thumb.webp`, 'HEAD');
    expect(response.status).toBe(200);
    expect(response.body).toBeNull();
  });

  test.each([
    [`e9/${SHA}/missing.webp`],
    ['../originals/secret.jpg'],
    ['e9/link.jpg'],
    ['e9/dir.jpg'],
  ])('%s is a 404', async (rest) => {
    const response = await serveDerivative(derivatives, rest, 'GET');
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('original');
  });
});
