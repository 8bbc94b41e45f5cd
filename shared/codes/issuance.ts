/**
 * Issuing and revoking inspection codes.
 *
 * Issuance is idempotent and safe to retry at any point: the code is first reserved as `pending` together with
 * the inspection pointing at it (one transaction), then its QR images are written to S3 (overwriting is harmless),
 * then it turns `active`. A crash in between leaves a pending code that scans as unknown and that the next call
 * finishes with the same value, so there is never a second code, nor a code without its images.
 */
import { today } from '../services.ts';
import type { Principal } from '../auth/principal.ts';
import { DomainError, notFound } from '../domain-error.ts';
import { isAssignedInspector, requireAccess, supervisesInspection, supervisesWholeVisit } from '../inspections/access.ts';
import type { Inspection } from '../inspections/model.ts';
import type { IssueCodeInput } from '../api/schemas.ts';
import type { FileServices, Services } from '../services.ts';
import { ConcurrentChangeError } from '../store/ports.ts';
import { filesBucket } from '../store/resources.ts';
import { codeExpiry, codeStatus, newCodeValue, scanPath, type CodeRecord } from './code.ts';
import { renderQr } from './qr.ts';
import { countMetric, metricNames } from '../telemetry/metrics.ts';

export interface IssuedCode {
  code: string;
  url: string;
  expiresAt: string;
  qr: { svg: string; png: string };
}

export const qrKeys = (code: string) => ({
  svg: `${filesBucket.prefixes.qr}${code}.svg`,
  png: `${filesBucket.prefixes.qr}${code}.png`,
});

function requireIssuer(inspection: Inspection, principal: Principal) {
  requireAccess(
    supervisesInspection(inspection, principal) || isAssignedInspector(inspection, principal),
    "Only a supervisor of the inspection's departments or an assigned inspector issues its code.",
  );
}

export async function issueCode(
  services: FileServices,
  principal: Principal,
  inspectionId: string,
  publicBaseUrl: string,
  options: IssueCodeInput = {},
): Promise<{ issued: IssuedCode; created: boolean }> {
  const current = await services.store.getInspection(inspectionId);
  if (!current) throw notFound('inspection', inspectionId);
  requireIssuer(current, principal);

  let record = current.code ? await services.store.getCode(current.code) : undefined;
  const status = record && codeStatus(record, services.now());
  if (record && status === 'active') return { issued: await describe(services, record, publicBaseUrl), created: false };
  if (!record || status === 'revoked' || status === 'expired') {
    // Issuing again after a revocation undoes it: only who may revoke may do that, never an inspector.
    if (status === 'revoked') {
      requireAccess(
        supervisesWholeVisit(current, principal),
        current.departments.length > 1
          ? `The code was revoked; only a supervisor acting for every department of this joint visit (${current.departments.join(', ')}) issues a new one.`
          : "The code was revoked; only a supervisor of the inspection's department issues a new one.",
      );
      if (!options.reissue) {
        throw new DomainError(
          'conflict',
          'code_revoked',
          `The code was revoked${record?.revokedReason ? ` (${record.revokedReason})` : ''}: the visit is cancelled. To issue a new code, which undoes the cancellation, send {"reissue": true}.`,
        );
      }
    }
    if (current.status === 'closed') throw new DomainError('conflict', 'inspection_closed', 'The inspection is closed; it needs no new code.');
    if (codeExpiry(current.window, services.codeGraceDays, services.timeZone) <= services.now()) {
      throw new DomainError('conflict', 'window_passed', `The inspection window ended over ${services.codeGraceDays} days ago; a new code would be born expired.`);
    }
    record = await reserve(services, current);
  }
  const url = publicBaseUrl + scanPath(record.code);
  const { svg, png } = await renderQr(url);
  const keys = qrKeys(record.code);
  await Promise.all([services.files.put(keys.svg, svg, 'image/svg+xml'), services.files.put(keys.png, png, 'image/png')]);
  await services.store.activateCode(record.code);
  await services.store.count({ codesIssued: 1 }, today(services));
  countMetric(metricNames.codesIssued);
  return { issued: await describe(services, record, publicBaseUrl), created: true };
}

/**
 * Reserves a new pending code in the same transaction that points the inspection at it. If another call changed
 * the inspection's code meanwhile, that call's code is the one to finish, so concurrent issuance yields one code.
 */
async function reserve(services: Services, asRead: Inspection): Promise<CodeRecord> {
  const { id: inspectionId, code: replacing } = asRead;
  for (let attempt = 1; ; attempt++) {
    const inspection = attempt === 1 ? asRead : await services.store.getInspection(inspectionId);
    if (!inspection) throw notFound('inspection', inspectionId);
    if (inspection.code !== replacing) {
      const theirs = inspection.code ? await services.store.getCode(inspection.code) : undefined;
      if (theirs && ['pending', 'active'].includes(codeStatus(theirs, services.now()))) return theirs;
    }
    const now = services.now();
    const record: CodeRecord = {
      code: newCodeValue(),
      inspectionId,
      state: 'pending',
      issuedAt: now,
      expiresAt: codeExpiry(inspection.window, services.codeGraceDays, services.timeZone),
    };
    try {
      // A new code undoes a cancellation: the visit is open (and due) again.
      const { cancelled: _undone, ...reopened } = inspection;
      await services.store.reserveCode(record, { ...reopened, code: record.code, version: inspection.version + 1, updatedAt: now });
      return record;
    } catch (error) {
      if (!(error instanceof ConcurrentChangeError) || attempt >= 4) throw error;
    }
  }
}

async function describe(services: FileServices, record: CodeRecord, publicBaseUrl: string): Promise<IssuedCode> {
  const keys = qrKeys(record.code);
  const [svg, png] = await Promise.all([services.files.downloadUrl(keys.svg), services.files.downloadUrl(keys.png)]);
  return { code: record.code, url: publicBaseUrl + scanPath(record.code), expiresAt: record.expiresAt, qr: { svg, png } };
}

