import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { localDerivativeStore, type DerivativeStore } from '../pipeline';
import { mediaDir } from '../lib/paths';
import { createS3Client, readObjectStorageSettings, type ObjectStorageSettings } from './object-storage';
import { s3DerivativeStore } from './s3-derivative-store';

export interface ObjectStorage {
  settings: ObjectStorageSettings;
  client: S3Client;
}

let current: { key: string; storage: ObjectStorage | null } | null = null;

/** The bucket this process keeps media in (from the environment), or null when media stays under MEDIA_DIR. */
export function objectStorage(): ObjectStorage | null {
  const settings = readObjectStorageSettings(process.env);
  const key = JSON.stringify(settings);
  if (current?.key !== key) current = { key, storage: settings === null ? null : { settings, client: createS3Client(settings) } };
  return current.storage;
}

/** Where this process keeps derivatives: the bucket, or MEDIA_DIR/derivatives. */
export function derivativeStore(): DerivativeStore {
  const storage = objectStorage();
  return storage === null ? localDerivativeStore(mediaDir()) : s3DerivativeStore(storage.client, storage.settings);
}

/** Copies one object to a local file, streaming (an original can be 100 MB). */
export async function downloadObject(storage: ObjectStorage, key: string, toPath: string): Promise<void> {
  const object = await storage.client.send(new GetObjectCommand({ Bucket: storage.settings.bucket, Key: key }));
  await pipeline(object.Body as Readable, createWriteStream(toPath, { flags: 'wx', mode: 0o600 }));
}
