/**
 * A local S3-compatible server (s3rver, from npm) on loopback with a throwaway folder and one bucket, for tests of
 * media in object storage. Never AWS: the endpoint is 127.0.0.1.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';

export interface RunningS3 {
  /** http://127.0.0.1:PORT */
  endpoint: string;
  bucket: string;
  /** The settings a CMS or site needs to keep its media in this bucket under `prefix`. */
  env(prefix?: string): Record<string, string>;
  /** Every key in the bucket under `prefix`, sorted, with its size. */
  list(prefix?: string): Promise<Array<{ key: string; size: number }>>;
  /** An object's bytes and content type. */
  get(key: string): Promise<{ bytes: Buffer; contentType: string | undefined }>;
  client: S3Client;
  stop(): Promise<void>;
}

export async function startS3(bucket = 'plumage-media'): Promise<RunningS3> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'plumage-s3-'));
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory, configureBuckets: [{ name: bucket, configs: [] }] });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
  const client = new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  return {
    endpoint,
    bucket,
    client,
    env: (prefix = '') => ({
      UPLOAD_PROVIDER: 's3',
      S3_BUCKET: bucket,
      S3_ENDPOINT: endpoint,
      S3_REGION: 'us-east-1',
      S3_ACCESS_KEY_ID: credentials.accessKeyId,
      S3_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      S3_PUBLIC_URL: `${endpoint}/${bucket}`,
      S3_PREFIX: prefix,
    }),
    async list(prefix = '') {
      const found: Array<{ key: string; size: number }> = [];
      let ContinuationToken: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken }));
        for (const object of page.Contents ?? []) found.push({ key: object.Key!, size: object.Size ?? 0 });
        ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (ContinuationToken);
      return found.sort((a, b) => a.key.localeCompare(b.key));
    },
    async get(key) {
      const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return { bytes: Buffer.from(await object.Body!.transformToByteArray()), contentType: object.ContentType };
    },
    async stop() {
      client.destroy();
      await server.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
