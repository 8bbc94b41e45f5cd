import { GetObjectCommand, HeadObjectCommand, NotFound, PutObjectCommand, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { Readable } from 'node:stream';
import type { FileStore, TextFiles } from './ports.ts';
import { defaults, env, requiredEnv } from './resources.ts';

/**
 * Every S3 client of the system. The endpoint comes from AWS_ENDPOINT_URL_S3; emulators additionally need path-style
 * URLs. Checksums only where S3 requires them: by default SDK v3 (≥ 3.729) pins the CRC32 of an *empty* body into
 * every presigned PUT URL (`x-amz-checksum-crc32=AAAAAA==`), and real S3 then refuses the file the URL was made for.
 */
export const createS3Client = (config: S3ClientConfig = {}) =>
  new S3Client({ forcePathStyle: process.env[env.s3ForcePathStyle] === 'true', requestChecksumCalculation: 'WHEN_REQUIRED', ...config });

export class S3FileStore implements FileStore, TextFiles {
  static fromEnvironment() {
    return new S3FileStore(createS3Client(), requiredEnv(env.filesBucket));
  }

  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  async put(key: string, body: string | Uint8Array, contentType: string) {
    await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: contentType }));
  }

  putText(key: string, text: string, contentType: string) {
    return this.put(key, text, contentType);
  }

  async getText(key: string) {
    const { Body } = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    return Body!.transformToString('utf-8');
  }

  async stream(key: string) {
    const { Body } = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    return Body as Readable;
  }

  downloadUrl(key: string, saveAs?: string) {
    // A browser saves the file under this name instead of showing it (RFC 6266, the name in UTF-8 per RFC 5987).
    const disposition = saveAs ? { ResponseContentDisposition: `attachment; filename*=UTF-8''${encodeURIComponent(saveAs)}` } : {};
    return getSignedUrl(this.client, new GetObjectCommand({ Bucket: this.bucket, Key: key, ...disposition }), { expiresIn: defaults.presignedUrlSeconds });
  }

  async exists(key: string) {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return true;
    } catch (error) {
      if (error instanceof NotFound) return false;
      throw error;
    }
  }

  uploadUrl(key: string, contentType: string, size: number) {
    return getSignedUrl(this.client, new PutObjectCommand({ Bucket: this.bucket, Key: key, ContentType: contentType, ContentLength: size, IfNoneMatch: '*' }), {
      expiresIn: defaults.presignedUrlSeconds,
      // Signing these headers makes the URL refuse a different file type or size, and (If-None-Match: *) refuse to
      // replace a file already uploaded to the key: S3 answers 412, so evidence is written once.
      signableHeaders: new Set(['content-type', 'content-length', 'if-none-match']),
    });
  }
}
