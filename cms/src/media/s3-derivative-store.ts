import { isSha256 } from '@plumage/shared';
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { DerivativeStore } from '../pipeline';
import { objectKey, type ObjectStorageSettings } from './object-storage';

/** Derivatives are named by the original's hash: a URL always means the same bytes. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** True for the SDK's "no such object" (HEAD answers a bare 404, GET a NoSuchKey). */
export function isMissingObject(error: unknown): boolean {
  const { name, $metadata } = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return name === 'NotFound' || name === 'NoSuchKey' || $metadata?.httpStatusCode === 404;
}

/**
 * Derivatives as objects in a bucket, at the key `<prefix>derivatives/ab/<sha256>/<name>.<ext>` (the path they
 * have under MEDIA_DIR). A PUT replaces an object whole, so no reader sees half of one.
 *
 * @example
 * const store = s3DerivativeStore(createS3Client(settings), settings)
 * await makeDerivatives('upload.jpg', { sha256, store })
 */
export function s3DerivativeStore(client: S3Client, settings: ObjectStorageSettings): DerivativeStore {
  const Bucket = settings.bucket;
  const key = (relPath: string) => objectKey(settings, relPath);
  const deleteKeys = async (keys: string[]) => {
    // DeleteObjects takes at most 1000 keys; an original has nine derivatives.
    for (let at = 0; at < keys.length; at += 1000) {
      const { Errors } = await client.send(
        new DeleteObjectsCommand({ Bucket, Delete: { Objects: keys.slice(at, at + 1000).map((Key) => ({ Key })), Quiet: true } }),
      );
      if (Errors?.length) throw new Error(`The bucket refused to delete ${Errors.map((e) => `${e.Key} (${e.Code})`).join(', ')}`);
    }
  };
  return {
    async sizes(relPaths) {
      try {
        const heads = await Promise.all(relPaths.map((relPath) => client.send(new HeadObjectCommand({ Bucket, Key: key(relPath) }))));
        return heads.map((head) => head.ContentLength ?? 0);
      } catch (error) {
        if (isMissingObject(error)) return null;
        throw error;
      }
    },
    async write(relPath, data, contentType) {
      await client.send(
        new PutObjectCommand({
          Bucket,
          Key: key(relPath),
          Body: data,
          ContentType: contentType,
          CacheControl: IMMUTABLE,
          ...(settings.acl !== null ? { ACL: settings.acl } : {}),
        }),
      );
    },
    async remove(relPaths) {
      if (relPaths.length > 0) await deleteKeys(relPaths.map(key));
    },
    async removeAll(sha256) {
      if (!isSha256(sha256)) throw new TypeError('removeAll needs a sha256 of 64 lowercase hex digits');
      const Prefix = key(`derivatives/${sha256.slice(0, 2)}/${sha256}/`);
      const listed = await client.send(new ListObjectsV2Command({ Bucket, Prefix }));
      const keys = (listed.Contents ?? []).map((object) => object.Key).filter((k): k is string => typeof k === 'string');
      if (keys.length > 0) await deleteKeys(keys);
    },
    async read(relPath) {
      try {
        const object = await client.send(new GetObjectCommand({ Bucket, Key: key(relPath) }));
        return Buffer.from(await object.Body!.transformToByteArray());
      } catch (error) {
        if (isMissingObject(error)) return null;
        throw error;
      }
    },
  };
}
