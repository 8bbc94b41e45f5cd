import type { Evidence } from '../rules/evaluate.ts';
import type { Ineligibility } from '../draws/eligibility.ts';
import type { CreateInspectionInput, DateWindow, EntityInput, EvidenceFile, Finding, InspectorInput } from '../api/schemas.ts';

/** Fields of an entity that the system writes, not the registry: a PUT keeps them. */
export interface EntitySystemFields {
  /** Credit grade from the latest scoring; absent until scored. */
  grade?: 'A' | 'B' | 'C' | 'D';
  /** Inspectors of the latest inspection with recorded results: not drawn for this company again right away. */
  lastInspectorIds?: string[];
  /**
   * The credit score behind the grade (absent without any data), the share of the model's weight the entity's data
   * back, the model that gave it, and why (see shared/scoring). A scored entity without a grade is ungraded.
   */
  score?: number;
  coverage?: number;
  model?: string;
  /** The data as-of day and time of the run that last changed any of these; every later run found them the same. */
  asOf?: string;
  gradedAt?: string;
  explanation?: {
    categories: { id: string; name: string; score: number }[];
    /** Indicators with data that cost the most points: never one without data. */
    costliest: { id: string; name: string; value: number; pointsLost: number }[];
    /** Indicators without data: they neither cost nor earn points. */
    noData: string[];
  };
}

export interface Entity extends EntityInput, EntitySystemFields {
  id: string;
  updatedAt: string;
}

export interface Inspector extends InspectorInput {
  id: string;
  updatedAt: string;
}

/** The inspector as recorded on the inspection, so the scan page needs no further reads. */
export interface AssignedInspector {
  id: string;
  name: string;
  department: string;
  certificateNo: string;
}

/**
 * scheduled → on-site (the company confirmed the visit) → closed (compliant) or rectifying (findings to fix)
 * → under-review (evidence submitted) → closed (accepted) or back to rectifying (rejected).
 */
export type InspectionStatus = 'scheduled' | 'on-site' | 'rectifying' | 'under-review' | 'closed';

export interface InspectionResult {
  outcome: 'compliant' | 'rectify' | 'non-compliant';
  findings: Finding[];
  /** Photos the inspector took on site. */
  evidence?: EvidenceObject[];
  recordedBy: string;
  recordedAt: string;
}

export interface EvidenceObject extends EvidenceFile {
  key: string;
}

export interface Rectification {
  id: string;
  note: string;
  evidence: EvidenceObject[];
  submittedBy: string;
  submittedAt: string;
  /** Accepted once every department with findings to fix accepted it; rejected as soon as one rejects. */
  status: 'submitted' | 'accepted' | 'rejected';
  /** The review that decided it. */
  review?: { by: string; at: string; comment?: string };
  /** On a joint visit, each department's review so far (see {@link InspectionPart}). */
  reviews?: { department: string; decision: 'accepted' | 'rejected'; by: string; at: string; comment?: string }[];
}

/**
 * One department's part of a visit. A joint visit ("inspect once, cover all") is one inspection with one code for
 * the company, but each department on it keeps authority over its own part: its check items, and the results its
 * own inspectors record. Nothing one department does decides another's part:
 *
 * - an assigned inspector records the result of their own department's part only;
 * - the visit's `result` (what the company, the scan page, stats and draws read) exists once every part has one:
 *   the worst outcome of the parts and all their findings; only then does the visit close or go to rectification;
 * - a rectification is accepted (closing the visit) once every department whose part found something to fix
 *   accepted it; any of them rejecting sends it back;
 * - what binds every department at once — revoking the code, re-issuing one after a revocation — needs the
 *   authority of all of them (a city-wide supervisor; see `actsForAll` in shared/auth/scope.ts).
 *
 * Reading stays shared: staff of every department on the visit read all of it (its schedule, items, inspectors and
 * parts), as the company does, since they visit together and what anyone holding the code sees is the same.
 *
 * A single-department inspection has one part. Inspections stored before parts existed have none stored; they read
 * as one part per department with all the items ({@link partsOf} in lifecycle.ts).
 */
export interface InspectionPart {
  department: string;
  items: string[];
  result?: InspectionResult;
}

export interface Inspection {
  id: string;
  entityId: string;
  entityName: string;
  departments: string[];
  items: string[];
  window: DateWindow;
  inspectors: AssignedInspector[];
  contact: CreateInspectionInput['contact'];
  status: InspectionStatus;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  /** Optimistic-concurrency counter: every save is conditional on the version that was read. */
  version: number;
  /** The current code; a revoked code is replaced when a new one is issued. */
  code?: string;
  /**
   * Set when its code was revoked before any result: the visit is off, listed as cancelled and never due or overdue.
   * Issuing a new code (which undoes the revocation) clears it.
   */
  cancelled?: { at: string; reason: string };
  checkedIn?: { by: string; at: string };
  /** The draws this inspection came from; more than one when draws of several departments merged into one visit. */
  drawIds?: string[];
  /** The trigger that planned this inspection (trigger supervision of food manufacturers), with why it fired. */
  trigger?: { id: string; name: { zh: string; en: string }; firedOn: string; evidence: Evidence[] };
  /** When the notice of this trigger inspection went out (see shared/risk/notice.ts). */
  noticeSentAt?: string;
  /** The visit's result, derived from the parts' results once all are recorded. */
  result?: InspectionResult;
  /** Each department's part of the visit (one for a single-department inspection); see {@link InspectionPart}. */
  parts?: InspectionPart[];
  rectifications: Rectification[];
  /** Why a supervisor assigned inspectors the eligibility rule passes over: one per plan that needed it. */
  justifications?: Justification[];
}

/** A planner's written reason to assign inspectors despite a justifiable reason (shared/draws/eligibility.ts). */
export interface Justification {
  text: string;
  inspectors: Array<{ id: string; name: string; reasons: Ineligibility[] }>;
  by: string;
  at: string;
}
