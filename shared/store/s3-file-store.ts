import { GetObjectCommand, PutObjectCommand, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { Readable } from 'node:stream';
import type { FileStore, TextFiles } from './ports.ts';
import { defaults, env, requiredEnv } from './resources.ts';

/** The endpoint comes from AWS_ENDPOINT_URL_S3; emulators additionally need path-style URLs. */
export const createS3Client = (config: S3ClientConfig = {}) => new S3Client({ forcePathStyle: process.env[env.s3ForcePathStyle] === 'true', ...config });

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

  downloadUrl(key: string) {
    return getSignedUrl(this.client, new GetObjectCommand({ Bucket: this.bucket, Key: key }), { expiresIn: defaults.presignedUrlSeconds });
  }

  uploadUrl(key: string, contentType: string, size: number) {
    return getSignedUrl(this.client, new PutObjectCommand({ Bucket: this.bucket, Key: key, ContentType: contentType, ContentLength: size }), {
      expiresIn: defaults.presignedUrlSeconds,
      // Signing these headers makes the URL refuse a different file type or size.
      signableHeaders: new Set(['content-type', 'content-length']),
    });
  }
}
