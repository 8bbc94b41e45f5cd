/**
 * An S3 failure half-way through issuance, on real DynamoDB Local with the S3 client mocked to fail: nothing a
 * company could scan is left behind, and the retry finishes the same code.
 */
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { issueCode } from '../../shared/codes/issuance.ts';
import { S3FileStore } from '../../shared/store/s3-file-store.ts';
import { supervisor as supervisorCaller, useLocalStack } from '../support/api.ts';
import { planned } from '../support/fixtures.ts';

const local = useLocalStack();

describe('issuance when S3 fails', () => {
  it('leaves no scannable code after a failed image upload, and the retry completes that same code', async () => {
    const { api, stack } = local;
    const { inspectionId } = await planned(api);
    const s3 = new S3Client({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    const s3Mock = mockClient(s3);
    s3Mock.on(PutObjectCommand).rejectsOnce(Object.assign(new Error('We encountered an internal error. Please try again.'), { name: 'InternalError' })).resolves({});
    const services = { ...stack.services, files: new S3FileStore(s3, 'bucket') };
    const supervisor = { subject: 'sup-1', role: 'supervisor' as const };

    await expect(issueCode(services, supervisor, inspectionId, stack.baseUrl)).rejects.toThrow('internal error');
    const pending = (await stack.services.store.getInspection(inspectionId))!.code!;
    expect((await stack.services.store.getCode(pending))?.state).toBe('pending');
    expect((await api.request('GET', `/c/${pending}`, { headers: { accept: 'application/json' } })).status).toBe(404);

    const { issued, created } = await issueCode(services, supervisor, inspectionId, stack.baseUrl);
    expect(created).toBe(true);
    expect(issued.code).toBe(pending);
    expect((await stack.services.store.getCode(pending))?.state).toBe('active');
    expect(s3Mock.commandCalls(PutObjectCommand).map((c) => c.args[0].input.Key).sort()).toEqual(
      [`qr/${pending}.png`, `qr/${pending}.png`, `qr/${pending}.svg`, `qr/${pending}.svg`].sort(),
    );
    // The API, with the real S3 emulator behind it, now returns that same code.
    const again = await api.request('POST', `/inspections/${inspectionId}/code`, { as: supervisorCaller });
    expect(again.body.code).toBe(pending);
  });
});
