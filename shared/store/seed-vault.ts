/**
 * Where a draw's secret seed is sealed until execution reveals it. On AWS: encrypted with a KMS key that only the
 * announce function may encrypt with and only the execute function may decrypt with (infra/constructs/api.ts), the
 * draw id bound as encryption context, so reading the table gives nobody the seed. Locally: AES-256-GCM with a key
 * file in the local data folder. Seeds stored before sealing (64 hex characters) are read as they are.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { DecryptCommand, EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
import type { SeedVault } from './ports.ts';
import { env } from './resources.ts';

const legacy = /^[0-9a-f]{64}$/;

export class KmsSeedVault implements SeedVault {
  constructor(
    private readonly client: KMSClient,
    private readonly keyId: string,
  ) {}

  async seal(drawId: string, seed: string) {
    const { CiphertextBlob } = await this.client.send(new EncryptCommand({ KeyId: this.keyId, Plaintext: Buffer.from(seed, 'hex'), EncryptionContext: { drawId } }));
    return `kms:${Buffer.from(CiphertextBlob!).toString('base64')}`;
  }

  async open(drawId: string, sealed: string) {
    if (legacy.test(sealed)) return sealed;
    const { Plaintext } = await this.client.send(new DecryptCommand({ KeyId: this.keyId, CiphertextBlob: Buffer.from(sealed.replace(/^kms:/, ''), 'base64'), EncryptionContext: { drawId } }));
    return Buffer.from(Plaintext!).toString('hex');
  }
}

/** The local stand-in: one AES-256-GCM key in a file, the draw id as associated data. */
export class FileSeedVault implements SeedVault {
  private readonly key: Buffer;

  constructor(file: string) {
    if (!existsSync(file)) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
    }
    this.key = Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  }

  async seal(drawId: string, seed: string) {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv).setAAD(Buffer.from(drawId));
    const sealed = Buffer.concat([cipher.update(Buffer.from(seed, 'hex')), cipher.final()]);
    return `aes:${Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64')}`;
  }

  async open(drawId: string, sealed: string) {
    if (legacy.test(sealed)) return sealed;
    const bytes = Buffer.from(sealed.replace(/^aes:/, ''), 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, 12)).setAAD(Buffer.from(drawId));
    decipher.setAuthTag(bytes.subarray(12, 28));
    return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('hex');
  }
}

export function seedVaultFromEnvironment(): SeedVault {
  const keyId = process.env[env.seedKeyId];
  if (keyId) return new KmsSeedVault(new KMSClient({}), keyId);
  const file = process.env[env.seedKeyFile];
  if (!file) throw new Error(`Set ${env.seedKeyId} (a KMS key) or ${env.seedKeyFile} (a local key file) to seal draw seeds.`);
  return new FileSeedVault(file);
}
