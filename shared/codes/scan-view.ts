import type { Principal } from '../auth/principal.ts';
import { isInspectedCompany, seesDetails } from '../inspections/access.ts';
import type { Inspection } from '../inspections/model.ts';
import { codeValidUntil, type CodeRecord } from './code.ts';

export type Viewer = 'public' | 'company' | 'staff';

/** What anyone holding the code sees: that the inspection is genuine and registered, and how to coordinate. */
export interface LegitimacyView {
  registered: true;
  viewer: Viewer;
  /** `validUntil`: the last day (authority's calendar) the code works, through its end; `expiresAt` is the instant after it. */
  code: { issuedAt: string; expiresAt: string; validUntil: string };
  inspection: {
    status: Inspection['status'];
    entityName: string;
    departments: string[];
    items: string[];
    window: Inspection['window'];
    inspectors: { name: string; department: string; certificateNo: string }[];
    contact: Inspection['contact'];
  };
}

/** What the inspected company and the staff in charge see on top: results, what to fix and by when. */
export interface DetailedView extends LegitimacyView {
  details: {
    inspectionId: string;
    /** Why the company is inspected: a draw anyone can verify, or the trigger that fired and on what. */
    basis?: { kind: 'draw'; drawIds: string[] } | { kind: 'trigger'; name: { zh: string; en: string }; firedOn: string; reasons: string[] };
    checkedInAt?: string;
    result?: Pick<NonNullable<Inspection['result']>, 'outcome' | 'findings' | 'recordedAt'>;
    rectifications: { id: string; status: string; submittedAt: string; note: string; files: number; review?: { at: string; comment?: string } }[];
  };
}

export type ScanView = LegitimacyView | DetailedView;

/** Keeps the first two and last two characters: enough to compare with the card shown on site, too little to copy. */
export function maskCertificate(certificateNo: string): string {
  if (certificateNo.length <= 4) return '*'.repeat(certificateNo.length);
  return `${certificateNo.slice(0, 2)}${'*'.repeat(certificateNo.length - 4)}${certificateNo.slice(-2)}`;
}

export function scanView(inspection: Inspection, code: CodeRecord, principal: Principal | undefined, timeZone: string): ScanView {
  const detailed = seesDetails(inspection, principal);
  const view: LegitimacyView = {
    registered: true,
    viewer: !detailed ? 'public' : isInspectedCompany(inspection, principal) ? 'company' : 'staff',
    code: { issuedAt: code.issuedAt, expiresAt: code.expiresAt, validUntil: codeValidUntil(code.expiresAt, timeZone) },
    inspection: {
      status: inspection.status,
      entityName: inspection.entityName,
      departments: inspection.departments,
      items: inspection.items,
      window: inspection.window,
      inspectors: inspection.inspectors.map(({ name, department, certificateNo }) => ({
        name,
        department,
        certificateNo: maskCertificate(certificateNo),
      })),
      contact: inspection.contact,
    },
  };
  if (!detailed) return view;
  const { result } = inspection;
  return {
    ...view,
    details: {
      inspectionId: inspection.id,
      ...basisOf(inspection),
      ...(inspection.checkedIn ? { checkedInAt: inspection.checkedIn.at } : {}),
      ...(result ? { result: { outcome: result.outcome, findings: result.findings, recordedAt: result.recordedAt } } : {}),
      rectifications: inspection.rectifications.map((r) => ({
        id: r.id,
        status: r.status,
        submittedAt: r.submittedAt,
        note: r.note,
        files: r.evidence.length,
        ...(r.review ? { review: { at: r.review.at, ...(r.review.comment ? { comment: r.review.comment } : {}) } } : {}),
      })),
    },
  };
}

function basisOf({ drawIds, trigger }: Inspection): Pick<DetailedView['details'], 'basis'> {
  if (trigger) return { basis: { kind: 'trigger', name: trigger.name, firedOn: trigger.firedOn, reasons: trigger.evidence.map((e) => e.reason) } };
  if (drawIds?.length) return { basis: { kind: 'draw', drawIds } };
  return {};
}
