import { HeadBucketCommand } from '@aws-sdk/client-s3';
import { objectStorage } from '../media/media-store';

/**
 * With UPLOAD_PROVIDER=s3, the bucket must answer before the CMS takes uploads: wrong keys, a misspelt bucket or an
 * endpoint that is not there would otherwise show first as a failed upload. Refusing to start names the problem in
 * the log; PM2 starts the CMS again (with back-off) and it comes up once the bucket answers.
 */
export async function checkObjectStorage(): Promise<void> {
  const storage = objectStorage();
  if (storage === null) return;
  const { bucket, endpoint, region } = storage.settings;
  try {
    await storage.client.send(new HeadBucketCommand({ Bucket: bucket }));
  } catch (error) {
    const { name, message, $metadata } = error as Error & { $metadata?: { httpStatusCode?: number } };
    const status = $metadata?.httpStatusCode;
    const why =
      status === 404 ? 'it does not exist' : status === 403 ? 'the keys (S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY) may not use it' : `${name}: ${message}`;
    throw new Error(`UPLOAD_PROVIDER=s3, but the bucket "${bucket}" at ${endpoint ?? `AWS ${region}`} cannot be used: ${why}. Check the S3_* settings (config/.env.example).`);
  }
}
