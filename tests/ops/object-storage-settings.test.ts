/**
 * A CMS whose bucket settings are wrong refuses to start, saying which bucket and why, instead of failing the
 * first upload. s3rver on loopback stands for the storage.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startCms } from '../support/cms';
import { startS3, type RunningS3 } from '../support/s3';

let s3: RunningS3;
beforeAll(async () => {
  s3 = await startS3();
});
afterAll(async () => {
  await s3?.stop();
});

test('a bucket that does not exist stops the CMS at boot with a sentence naming it', async () => {
  await expect(startCms({ env: { ...s3.env(), S3_BUCKET: 'no-such-bucket' } })).rejects.toThrow(
    /UPLOAD_PROVIDER=s3, but the bucket "no-such-bucket" at http:\/\/127\.0\.0\.1:\d+ cannot be used: it does not exist/,
  );
});
