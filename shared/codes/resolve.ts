import type { Principal } from '../auth/principal.ts';
import type { Services } from '../services.ts';
import { codeStatus, scanLogKeptUntil } from './code.ts';
import { scanView, type ScanView } from './scan-view.ts';
import type { ScanLogEntry, ScanStore } from '../store/ports.ts';
import { countMetric, metricDimensions, metricNames, type ScanOutcome } from '../telemetry/metrics.ts';

export type Resolution =
  | { found: false }
  | { found: true; status: 'revoked' | 'expired' }
  | { found: true; status: 'active'; view: ScanView; inspectionId: string; entityId: string };

/**
 * What a scan shows. Unknown and still-pending codes are "not found"; revoked and expired ones say so. Every
 * scan of a registered code is logged with who looked (role and subject, or anonymous) and when, and kept for the
 * log period after the code's expiry.
 */
export async function resolveCode(
  services: Pick<Services, 'now' | 'timeZone' | 'scanLogDays'> & { store: ScanStore },
  code: string,
  principal: Principal | undefined,
  presentation: Pick<ScanLogEntry, 'language' | 'format'>,
): Promise<Resolution> {
  const record = await services.store.getCode(code);
  if (!record || record.state === 'pending') return scanned('unknown', { found: false });
  const status = codeStatus(record, services.now());
  const inspection = status === 'active' ? await services.store.getInspection(record.inspectionId) : undefined;
  const view = inspection && scanView(inspection, record, principal, services.timeZone);
  const at = services.now();
  const entry: ScanLogEntry = { at, viewer: view?.viewer ?? 'public', ...(principal ? { subject: principal.subject, role: principal.role } : {}), ...presentation };
  await services.store.logScan(code, entry, scanLogKeptUntil(record.expiresAt, at, services.scanLogDays));
  if (!view) return status === 'expired' ? scanned('expired', { found: true, status }) : scanned('revoked', { found: true, status: 'revoked' });
  return scanned('valid', { found: true, status: 'active', view, inspectionId: inspection!.id, entityId: inspection!.entityId });
}

function scanned(outcome: ScanOutcome, resolution: Resolution): Resolution {
  countMetric(metricNames.scans, 1, { [metricDimensions.outcome]: outcome });
  return resolution;
}
