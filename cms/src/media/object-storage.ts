import { objectKeyPrefix, parseHttpUrl } from '@plumage/shared';
import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';

/** An S3-compatible bucket for originals and derivatives, from `UPLOAD_PROVIDER=s3` and the `S3_*` settings. */
export interface ObjectStorageSettings {
  bucket: string;
  region: string;
  /** The S3 API's address for a service other than AWS (MinIO, Garage, R2, Spaces, s3rver…); null: AWS. */
  endpoint: string | null;
  /** `https://endpoint/bucket/key` instead of `https://bucket.endpoint/key` (most self-hosted services need it). */
  forcePathStyle: boolean;
  /** Null: the SDK's own chain (instance role, ~/.aws, AWS_* variables). */
  credentials: { accessKeyId: string; secretAccessKey: string } | null;
  /** Where visitors read the bucket's objects (the bucket's public address or a CDN in front of it), no trailing slash. */
  publicUrl: string;
  /** Key prefix of every object of this site, `''` or ending in `/` (e.g. `plumage/`). */
  prefix: string;
  /** Canned ACL sent with every object, or null for buckets whose ACLs are disabled (AWS's default since 2023: a bucket policy makes them public). */
  acl: 'public-read' | null;
}

function setting(env: NodeJS.ProcessEnv, name: string): string | null {
  const value = env[name]?.trim();
  return value ? value : null;
}

/** A URL setting without its trailing slashes (the SDK and the site's links add their own). */
function httpUrl(value: string, name: string): string {
  return parseHttpUrl(value, name).href.replace(/\/+$/, '');
}

/**
 * The bucket settings, or null when media stays on disk (`UPLOAD_PROVIDER` unset or `local`). Throws with the
 * name of what is missing or wrong, so a half-configured server refuses to start rather than write to disk.
 *
 * @example
 * readObjectStorageSettings({ UPLOAD_PROVIDER: 's3', S3_BUCKET: 'birds', S3_PUBLIC_URL: 'https://birds.s3.eu-west-1.amazonaws.com' })
 * // { bucket: 'birds', region: 'us-east-1', endpoint: null, forcePathStyle: false, credentials: null, publicUrl: '…', prefix: '', acl: 'public-read' }
 */
export function readObjectStorageSettings(env: NodeJS.ProcessEnv): ObjectStorageSettings | null {
  const provider = (setting(env, 'UPLOAD_PROVIDER') ?? 'local').toLowerCase();
  if (provider === 'local') return null;
  if (provider !== 's3') throw new Error(`UPLOAD_PROVIDER must be "local" or "s3", not "${provider}".`);
  const bucket = setting(env, 'S3_BUCKET');
  if (bucket === null) throw new Error('UPLOAD_PROVIDER=s3 needs S3_BUCKET (the bucket\'s name).');
  const publicUrl = setting(env, 'S3_PUBLIC_URL');
  if (publicUrl === null) throw new Error('UPLOAD_PROVIDER=s3 needs S3_PUBLIC_URL (where visitors read the bucket, e.g. https://BUCKET.s3.REGION.amazonaws.com).');
  const endpoint = setting(env, 'S3_ENDPOINT');
  const accessKeyId = setting(env, 'S3_ACCESS_KEY_ID');
  const secretAccessKey = setting(env, 'S3_SECRET_ACCESS_KEY');
  if ((accessKeyId === null) !== (secretAccessKey === null)) throw new Error('Set both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or neither (the SDK\'s own credentials).');
  const pathStyle = setting(env, 'S3_FORCE_PATH_STYLE');
  const acl = (setting(env, 'S3_ACL') ?? 'public-read').toLowerCase();
  if (acl !== 'public-read' && acl !== 'none') throw new Error(`S3_ACL must be "public-read" or "none", not "${acl}".`);
  return {
    bucket,
    region: setting(env, 'S3_REGION') ?? 'us-east-1',
    endpoint: endpoint === null ? null : httpUrl(endpoint, 'S3_ENDPOINT'),
    forcePathStyle: pathStyle === null ? endpoint !== null : pathStyle === 'true' || pathStyle === '1',
    credentials: accessKeyId !== null && secretAccessKey !== null ? { accessKeyId, secretAccessKey } : null,
    publicUrl: httpUrl(publicUrl, 'S3_PUBLIC_URL'),
    prefix: objectKeyPrefix(setting(env, 'S3_PREFIX')),
    acl: acl === 'none' ? null : 'public-read',
  };
}

/**
 * The S3 client's options, shared by Strapi's upload provider (originals) and our derivative store. Checksums only
 * when an operation requires them: since 3.729 the SDK adds CRC32 trailers to every upload by default, which
 * S3-compatible services other than AWS often do not understand (s3rver stores the framing as the object's bytes).
 */
export function s3ClientConfig(settings: ObjectStorageSettings): S3ClientConfig {
  return {
    region: settings.region,
    forcePathStyle: settings.forcePathStyle,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...(settings.endpoint !== null ? { endpoint: settings.endpoint } : {}),
    ...(settings.credentials !== null ? { credentials: settings.credentials } : {}),
  };
}

export function createS3Client(settings: ObjectStorageSettings): S3Client {
  return new S3Client(s3ClientConfig(settings));
}

/** An object's key: the site's prefix and the path the file has under MEDIA_DIR (`uploads/…`, `derivatives/…`). */
export function objectKey(settings: ObjectStorageSettings, relPath: string): string {
  return settings.prefix + relPath;
}

/**
 * `plugin::upload`'s provider settings for `@strapi/provider-upload-aws-s3`: originals under `<prefix>uploads/`
 * (as under MEDIA_DIR), their URL at `S3_PUBLIC_URL`.
 */
export function uploadProviderConfig(settings: ObjectStorageSettings) {
  return {
    provider: 'aws-s3',
    providerOptions: {
      baseUrl: settings.publicUrl,
      rootPath: objectKey(settings, 'uploads'),
      s3Options: {
        ...s3ClientConfig(settings),
        // The provider sends ACL: public-read unless the key is present; an empty one sends none.
        params: { Bucket: settings.bucket, ACL: settings.acl ?? '' },
      },
    },
  };
}
