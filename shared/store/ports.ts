/** What the domain needs from storage. Adapters in this folder implement it over DynamoDB and S3. */
import type { Readable } from 'node:stream';
import type { CodeRecord } from '../codes/code.ts';
import type { PoolEntity, PoolInspector } from '../draws/model.ts';
import type { DrawRecord } from '../draws/record.ts';
import type { Job } from '../jobs.ts';
import type { Counters } from '../stats/stats.ts';
import type { PeriodKind } from '../stats/series.ts';
import type { Fact, FactKind } from '../facts/model.ts';
import type { DueQuery } from '../inspections/due.ts';
import type { Entity, EntitySystemFields, Inspection, Inspector } from '../inspections/model.ts';
import type { EntityView } from '../rules/evaluate.ts';
import type { Alert, Device } from '../alerts/alert.ts';
import type { Clue, ClueStatus } from '../warnings/clue.ts';
import type { ImportProgress } from '../imports/progress.ts';

export interface ScanLogEntry {
  at: string;
  viewer: 'public' | 'company' | 'staff';
  subject?: string;
  role?: string;
  language: string;
  format: 'html' | 'json';
}

export interface PageRequest {
  limit: number;
  /** Opaque, from the previous page. */
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  /** Present when there is more. */
  cursor?: string;
}

/** What the public scan needs of the store: the code, its inspection, and the scan log. */
export type ScanStore = Pick<Store, 'getCode' | 'getInspection' | 'logScan'>;

export interface Store {
  /** Writes what the registry owns; the grade and last inspectors are the system's and are left as they are. */
  putEntity(entity: Entity): Promise<void>;
  getEntity(id: string): Promise<Entity | undefined>;
  /** The system-owned state (grade, last inspectors) of many entities at once. */
  entityStates(ids: string[]): Promise<Map<string, EntitySystemFields>>;
  /** The registered names of many entities at once (those found). */
  entityNames(ids: string[]): Promise<Map<string, string>>;
  putInspector(inspector: Inspector): Promise<void>;
  getInspectors(ids: string[]): Promise<Inspector[]>;
  /** A department's inspectors by district then id (of one district when given), a page at a time. */
  inspectorsOfDepartment(department: string, district: string | undefined, page: PageRequest): Promise<Page<Inspector>>;
  /** Creates the inspection and one assignment per inspector, all or nothing; false if the id exists already. */
  createInspection(inspection: Inspection): Promise<boolean>;
  getInspection(id: string): Promise<Inspection | undefined>;
  /** A company's inspections, latest window first. */
  inspectionsOfEntity(entityId: string, page: PageRequest): Promise<Page<Inspection>>;
  /** An inspector's assignments, latest window first. */
  inspectionsOfInspector(inspectorId: string, page: PageRequest): Promise<Page<Inspection>>;
  /** Inspections of one state by the last day of their window (open: soonest first; others: latest first). */
  inspectionsDue(query: DueQuery, page: PageRequest): Promise<Page<Inspection>>;
  /** How many inspections such a query finds, counted by the index (the items are not returned). */
  countInspectionsDue(query: DueQuery): Promise<number>;
  /**
   * Saves if the stored version is still `inspection.version - 1`; throws ConcurrentChangeError otherwise. Inspectors
   * added since `previous` get their assignment in the same write.
   */
  saveInspection(inspection: Inspection, previous: Inspection): Promise<void>;
  getCode(code: string): Promise<CodeRecord | undefined>;
  /** Stores a pending code and the inspection pointing at it in one transaction, under the same version rule. */
  reserveCode(record: CodeRecord, inspection: Inspection): Promise<void>;
  /** pending → active; true if this call made the change or it was active already. */
  activateCode(code: string): Promise<void>;
  revokeCode(code: string, reason: string, at: string): Promise<void>;
  /** `keptUntil`: when DynamoDB may delete the entry (its time-to-live). */
  logScan(code: string, entry: ScanLogEntry, keptUntil: string): Promise<void>;
  /** The scan log of a code, oldest first. */
  listScans(code: string): Promise<ScanLogEntry[]>;
  /** Adds to the running totals behind GET /stats, and to those of the week and month of `day` (the authority's calendar). */
  count(counters: Counters, day: string): Promise<void>;
  readCounters(): Promise<Counters>;
  /** The counters of these periods of one kind (`2026-11-23` weeks, `2026-11` months), by `<kind>#<period>`; periods without events are absent. */
  readPeriodCounters(kind: PeriodKind, first: string, last: string): Promise<Map<string, Counters>>;
  /** The grade distribution of the last scoring run, if there was one. */
  readGradeDistribution(): Promise<GradeDistribution | undefined>;
  /** The credit grade the scoring gave an entity. */
  setGrade(entityId: string, grade: 'A' | 'B' | 'C' | 'D'): Promise<void>;
  /** Remembers who inspected a company last, so that a draw does not send them again right away. */
  setLastInspectors(entityId: string, inspectorIds: string[]): Promise<void>;
}

/** One change of an entity's grade (or of the model that gives it), as the grade history keeps it. */
export interface GradeRecord {
  /** When the scoring run that made the change graded it. */
  at: string;
  grade: 'A' | 'B' | 'C' | 'D' | 'ungraded';
  score?: number;
  coverage?: number;
  model?: string;
  asOf?: string;
}

/** A company as a search lists it, with the cursor that resumes the search right after it. */
export interface FoundEntity {
  entity: Entity;
  after: string;
}

/** What the companies search, a company's grade history and its timeline read. */
export interface EntityDirectory {
  /**
   * Up to `page.limit` registry rows of one segment (of one district, with names containing `name`), by district and
   * id, each with its grading; the name is compared within the rows read, so fewer may come back, with a cursor.
   */
  entitiesOfSegment(filter: { segment: string; district?: string; name?: string }, page: PageRequest): Promise<{ items: FoundEntity[]; cursor?: string }>;
  /** The entity holding this unified social credit code, if any. */
  entityByCreditCode(creditCode: string): Promise<Entity | undefined>;
  /** An entity's grade changes, newest first. */
  gradeHistory(entityId: string, page: PageRequest): Promise<Page<GradeRecord>>;
  /** An entity's facts of one kind, newest first, from just before `after` when given. */
  factsOfKind(entityId: string, kind: FactKind, page: { limit: number; after?: Pick<Fact, 'date' | 'id'> }): Promise<Fact[]>;
}

/** Seals a draw's secret seed until execution; only the execute step may open it. */
export interface SeedVault {
  seal(drawId: string, seed: string): Promise<string>;
  open(drawId: string, sealed: string): Promise<string>;
}

export interface DrawStore {
  /** Creates the record with its sealed seed kept apart, all or nothing. */
  createDraw(record: DrawRecord, sealedSeed: string): Promise<void>;
  getDraw(id: string): Promise<DrawRecord | undefined>;
  getSeed(id: string): Promise<string | undefined>;
  /** Saves if the stored version is `record.version - 1`; throws ConcurrentChangeError otherwise. */
  saveDraw(record: DrawRecord): Promise<void>;
  listDraws(limit: number): Promise<DrawRecord[]>;
  /** Counts an issued batch once, however often it is retried (in the totals and those of `day`'s week and month); false if it was counted before. */
  completeBatch(drawId: string, batch: number, done: number, joined: number, day: string): Promise<boolean>;
  /** The entities of a segment (optionally only some districts), as the pool snapshot needs them. */
  poolEntities(segment: string, districts: string[]): Promise<PoolEntity[]>;
  /**
   * A segment's companies per district and grade as the last completed scoring run counted them, with its as-of day;
   * undefined before a run that kept these counts has completed, or when that run found none of the segment.
   */
  segmentGrades(segment: string): Promise<{ asOf: string; byDistrict: Record<string, GradeTally> } | undefined>;
  /** Active inspectors of these departments, with how many inspections not made by draws they hold in the window. */
  poolInspectors(departments: string[], window: { start: string; end: string }): Promise<PoolInspector[]>;
  /**
   * Holds the one lease under which draws compute their outcome, so that draws executed at the same time count
   * each other's assignments; false while another draw holds it (until `until`, if it never lets go).
   */
  acquireRunLease(drawId: string, now: string, until: string): Promise<boolean>;
  releaseRunLease(drawId: string): Promise<void>;
  /** Assignments per inspector of every other draw whose window overlaps this one. */
  drawLoads(window: { start: string; end: string }, exceptDrawId: string): Promise<{ drawId: string; loads: Record<string, number> }[]>;
  /** Records a draw's assignments per inspector in its window (again: the same). */
  reserveLoads(drawId: string, window: { start: string; end: string }, loads: Record<string, number>): Promise<void>;
}

/** A grading result that changed (or was given for the first time), with its reasons; no grade: ungraded. */
export interface GradeChange {
  entityId: string;
  grade: 'A' | 'B' | 'C' | 'D' | undefined;
  score: number | undefined;
  coverage: number;
  model: string;
  asOf: string;
  gradedAt: string;
  explanation: NonNullable<EntitySystemFields['explanation']>;
  /** The grade or model differs from the one held: the change goes into the grade history too. */
  gradeChanged: boolean;
}

export type GradeTally = Record<'A' | 'B' | 'C' | 'D' | 'ungraded', number>;

export const emptyTally = (): GradeTally => ({ A: 0, B: 0, C: 0, D: 0, ungraded: 0 });

/** Adds each tally of `from` into the one of the same key in `into` (created when missing). */
export function addTallies(into: Record<string, GradeTally>, from: Readonly<Record<string, Partial<GradeTally>>>) {
  for (const [key, counts] of Object.entries(from)) {
    const sum = (into[key] ??= emptyTally());
    for (const grade of Object.keys(sum) as (keyof GradeTally)[]) sum[grade] += counts[grade] ?? 0;
  }
}

/** How the grades of the last scoring run fall, for GET /stats. */
export interface GradeDistribution {
  asOf: string;
  at: string;
  /** When read back: how many of the run's segments have reported. */
  segmentsDone?: number;
  segments?: number;
  total: GradeTally;
  bySegment: Record<string, GradeTally>;
  byDistrict: Record<string, GradeTally>;
  /** Per segment, per district: what a draw's preview counts its pool by (absent in runs before it was kept). */
  bySegmentDistrict?: Record<string, Record<string, GradeTally>>;
}

/** The latest scoring run (STATS/GRADES): which segments are done, and the last run that completed. */
export interface ScoringRunRecord {
  runId: string;
  asOf: string;
  segments: number;
  done?: Set<number>;
  completedRunId?: string;
  completedAsOf?: string;
}

export interface ScoringStore {
  /** Every entity of the registry in one segment of a parallel scan, a page at a time. */
  entityPages(partition: { segment: number; segments: number }): AsyncIterable<Entity[]>;
  /** Opens a scoring run: GET /stats shows the runs's distribution from now on, filled in as segments finish. */
  startRun(run: { runId: string; asOf: string; segments: number }): Promise<void>;
  factsOf(entityIds: string[]): Promise<Map<string, Fact[]>>;
  entityStates(entityIds: string[]): Promise<Map<string, EntitySystemFields>>;
  /** Writes each new grade and appends it to the entity's grade history. */
  writeGrades(changes: GradeChange[]): Promise<void>;
  /**
   * One segment's share of the run's grade distribution; the last segment to report marks the run completed.
   * Resolves true when every segment of the run has reported (the run is complete), false otherwise or when a newer
   * run has started.
   */
  writeGradeDistribution(runId: string, segment: number, distribution: GradeDistribution): Promise<boolean>;
}

/** Where imports and their progress are kept, for the console to follow them. */
export interface ImportProgressStore {
  /** Opens the entry of an import whose file is still to be uploaded. */
  createImport(progress: ImportProgress): Promise<void>;
  /**
   * Sets what a step of the import job knows (counts are totals so far, so a redelivered step sets, never adds);
   * creates the entry for a file put in the bucket by other means than the console.
   */
  recordImport(progress: Omit<ImportProgress, 'createdAt'>): Promise<void>;
  getImport(id: string): Promise<ImportProgress | undefined>;
  /** Newest first. */
  listImports(page: PageRequest): Promise<Page<ImportProgress>>;
}

export interface JobQueue {
  send(jobs: Job[]): Promise<void>;
  /** In-process queues only: resolves when every job sent so far has run. */
  idle?(): Promise<void>;
}

export interface TextFiles {
  putText(key: string, text: string, contentType: string): Promise<void>;
  getText(key: string): Promise<string>;
  /** The object as a stream, for files too large to hold. */
  stream(key: string): Promise<Readable>;
}

export interface FileStore {
  put(key: string, body: string | Uint8Array, contentType: string): Promise<void>;
  /** A presigned GET; with `saveAs`, browsers download the file under that name rather than show it. */
  downloadUrl(key: string, saveAs?: string): Promise<string>;
  /**
   * A presigned PUT that accepts exactly this content type and size, once: it must be sent with
   * `If-None-Match: *`, and S3 refuses it when the key holds a file already.
   */
  uploadUrl(key: string, contentType: string, size: number): Promise<string>;
  /** Whether a file is stored under the key. */
  exists(key: string): Promise<boolean>;
}

export class ConcurrentChangeError extends Error {
  constructor(what: string) {
    super(`${what} was changed by someone else meanwhile.`);
    this.name = 'ConcurrentChangeError';
  }
}

export interface ClueFilter {
  status: ClueStatus;
  model?: string;
  district?: string;
  segment?: string;
  assignee?: string;
}

/** What the warning models, triggers and clue queue read and write. */
export interface RiskStore {
  /** Every entity of the registry in one segment of a parallel scan, a page at a time. */
  entityPages(partition: { segment: number; segments: number }): AsyncIterable<Entity[]>;
  /** Everything the rules read of these entities (registry, grade and grade history, facts): one query each. */
  /** Grade changes carry the day they happened on in `timeZone`, the authority's. */
  entityViews(entityIds: string[], timeZone: string): Promise<EntityView[]>;
  /** Stores a new clue, unless one with its id (same entity, model and window) exists: then that one is returned. */
  createClue(clue: Clue): Promise<{ created: true } | { created: false; existing: Clue }>;
  getClue(id: string): Promise<Clue | undefined>;
  /** Saves if the stored version is still `clue.version - 1`; throws ConcurrentChangeError otherwise. */
  saveClue(clue: Clue): Promise<void>;
  /** A company's clues of every status, newest first. */
  cluesOfEntity(entityId: string, page: PageRequest): Promise<Page<Clue>>;
  /** Clues of one status, soonest due first. */
  listClues(filter: ClueFilter, page: PageRequest): Promise<Page<Clue>>;
  /** Open and assigned clues due before `today`, a page at a time. */
  overdueClues(today: string): AsyncIterable<Clue[]>;
  /**
   * Marks the notice of a new clue or trigger inspection as sent, if nobody did: true for the one caller that should
   * publish it. `releaseNotice` undoes the mark when publishing failed, so that the retry publishes.
   */
  claimNotice(item: { clue: string } | { inspection: string }, at: string): Promise<boolean>;
  releaseNotice(item: { clue: string } | { inspection: string }): Promise<void>;
  /**
   * Records one segment of a sweep (of `asOf`) as done: true when every one of its `segments` is. A segment run twice
   * counts once.
   */
  sweepSegmentDone(run: { sweep: 'warnings' | 'triggers'; asOf: string; segments: number }, segment: number): Promise<boolean>;
}

export interface AlertStore {
  putDevice(device: Device): Promise<void>;
  getDevice(id: string): Promise<Device | undefined>;
  /** Stores the alert and its fact together, once; false if this alert was stored before (a replay). */
  recordAlert(alert: Alert): Promise<boolean>;
  getAlert(id: string): Promise<Alert | undefined>;
  /** Saves if the stored version is still `alert.version - 1`; throws ConcurrentChangeError otherwise. */
  saveAlert(alert: Alert): Promise<void>;
  /** A company's alerts, newest first. */
  alertsOfEntity(entityId: string, page: PageRequest): Promise<Page<Alert>>;
  /** Counts one alert of the device in this minute (e.g. `2026-11-23T10:41`) and returns the minute's count. */
  countDeviceMinute(deviceId: string, minute: string): Promise<number>;
}

/** Something other systems and people should hear about: published on the event bus (SNS subscribers on AWS). */
export interface DomainEvent {
  type: 'clue.opened' | 'clue.escalated' | 'trigger.fired' | 'trigger.unassigned' | 'alert.received';
  detail: Record<string, unknown>;
}

export interface EventPublisher {
  publish(events: DomainEvent[]): Promise<void>;
}
