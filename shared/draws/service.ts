/**
 * Draw use cases. The API calls are quick (commit, reveal, read); the heavy steps run as jobs from a queue:
 * `snapshot` freezes and hashes the pool and the inspectors, `run` recomputes the selection and assignment from the
 * revealed seed, `issue` creates a batch of inspections with their codes. Every job can run twice without effect.
 */
import { today } from '../services.ts';
import { randomBytes } from 'node:crypto';
import type { Principal } from '../auth/principal.ts';
import type { AnnounceDrawInput } from '../api/schemas.ts';
import { issueCode } from '../codes/issuance.ts';
import { mapInParallel } from '../concurrency.ts';
import { DomainError, notFound } from '../domain-error.ts';
import { idFromIdempotencyKey, newId } from '../ids.ts';
import { actsFor, actsForAll } from '../auth/scope.ts';
import { requireAccess } from '../inspections/access.ts';
import type { Inspection } from '../inspections/model.ts';
import { joinVisit } from '../inspections/lifecycle.ts';
import { changeInspection } from '../inspections/service.ts';
import { visitToJoin } from '../inspections/planning.ts';
import type { FileServices } from '../services.ts';
import type { DrawStore, FileStore, JobQueue, SeedVault, TextFiles } from '../store/ports.ts';
import { filesBucket } from '../store/resources.ts';
import { changeVersioned } from '../versioned.ts';
import { beaconEntropy, beaconProblem, fixBeacon } from './beacon.ts';
import { algorithmVersion, commitmentOf } from './keys.ts';
import { grades, type Assignment, type CountedLoads, type DrawOutcome, type DrawParameters } from './model.ts';
import { issueBatchSize, type DrawJob, type DrawRecord } from './record.ts';
import { poolOfCounts, previewOf, type DrawPreview } from './preview.ts';
import { runDraw } from './run.ts';
import { parseInspectors, parsePool, poolDigests, serializeInspectors, serializePool, snapshotHash } from './snapshot.ts';
import { checkInspections, verifyDraw, type IssuedInspection } from './verify.ts';
import { disclosure, drawFileSpecs, fileExists, notPublishedYet, type DrawDisclosure, type DrawFileSpec } from './publication.ts';
import { countMetric, metricNames } from '../telemetry/metrics.ts';

export interface DrawServices extends FileServices {
  draws: DrawStore;
  files: FileStore & TextFiles;
  jobs: JobQueue;
  /** Seals the seed at announcement; opened only at execution. */
  seeds: SeedVault;
  /** Where scan URLs in the codes of drawn inspections point. */
  publicBaseUrl: string;
  /** The authority's time zone: a draw's files are public from the day after its window, on its calendar. */
  timeZone: string;
  log?: (line: string) => void;
}

/** Where a draw's files are stored. */
export const drawFiles = (id: string) =>
  Object.fromEntries(drawFileSpecs.map((file) => [file.name, `${filesBucket.prefixes.draws}${id}/${file.fileName}`])) as Record<DrawFileSpec['name'], string>;

const departmentsOf = (p: Pick<DrawParameters, 'department' | 'jointDepartments'>) => [p.department, ...p.jointDepartments];

/** The draw's parameters as recorded: percentages become integer basis points, so nothing downstream uses floats. */
export function drawParameters(input: AnnounceDrawInput): DrawParameters {
  const { rule, beaconSource: _beaconSource, ...rest } = input;
  return {
    ...rest,
    rule:
      rule.kind === 'ratio'
        ? { kind: 'ratio', basisPoints: Object.fromEntries(grades.map((g) => [g, Math.round(rule.percent[g] * 100)])) as Record<(typeof grades)[number], number>, ungradedAs: rule.ungradedAs }
        : rule,
  };
}

async function changeDraw(services: DrawServices, id: string, change: (current: DrawRecord) => DrawRecord): Promise<DrawRecord> {
  const read = async () => {
    const current = await services.draws.getDraw(id);
    if (!current) throw notFound('draw', id);
    return current;
  };
  return (await changeVersioned(read, (next) => services.draws.saveDraw(next), change)).record;
}

function requireDrawSupervisor(record: Pick<DrawRecord, 'parameters'>, principal: Principal) {
  requireAccess(
    actsFor(principal, [record.parameters.department]),
    `Only a supervisor of ${record.parameters.department} (the drawing department) runs this draw.`,
  );
}

/** Who may announce (or preview) a draw: a supervisor of the drawing department, of every joint one too. */
function requireAnnouncer(principal: Principal, parameters: DrawParameters) {
  requireDrawSupervisor({ parameters }, principal);
  // Joint departments get their own parts of every visit drawn: planning them takes their authority too.
  requireAccess(
    actsForAll(principal, departmentsOf(parameters)),
    `A draw joint with ${parameters.jointDepartments.join(', ')} plans their parts too: only a supervisor acting for all of them (city-wide) announces it.`,
  );
}

/**
 * What the rule would draw if announced now (see preview.ts): the pool read as the snapshot reads it, the inspectors
 * and the other draws' assignments as execution counts them. Writes nothing, commits nothing.
 */
export async function previewDraw(services: DrawServices, principal: Principal, input: AnnounceDrawInput): Promise<DrawPreview> {
  const parameters = drawParameters(input);
  requireAnnouncer(principal, parameters);
  const [counted, inspectors, others] = await Promise.all([
    services.draws.segmentGrades(parameters.segment),
    services.draws.poolInspectors(departmentsOf(parameters), parameters.window),
    // No draw of its own yet: every other draw's assignments in the window count.
    services.draws.drawLoads(parameters.window, ''),
  ]);
  // A segment of a city holds up to a million companies: their grades as the last scoring run counted them answer at
  // once, where reading the pool takes minutes. Before any run has counted them, the pool is read.
  const pool = counted ? poolOfCounts(counted.byDistrict, parameters.districts) : await services.draws.poolEntities(parameters.segment, parameters.districts);
  return { ...previewOf(parameters, pool, inspectors, countedFor(inspectors, others).loads), ...(counted ? { countedAsOf: counted.asOf } : {}) };
}

/** Announces a draw: the seed is committed at once; the pool is frozen and hashed by the snapshot job. */
export async function announceDraw(
  services: DrawServices,
  principal: Principal,
  input: AnnounceDrawInput,
  idempotencyKey?: string,
): Promise<{ record: DrawRecord; created: boolean }> {
  const parameters = drawParameters(input);
  requireAnnouncer(principal, parameters);
  const id = idempotencyKey ? idFromIdempotencyKey('drw', principal.subject, idempotencyKey) : newId('drw');
  const existing = idempotencyKey ? await services.draws.getDraw(id) : undefined;
  if (existing) return { record: existing, created: false };
  const seed = randomBytes(32).toString('hex');
  const record: DrawRecord = {
    id,
    algorithm: algorithmVersion,
    parameters,
    status: 'preparing',
    createdBy: principal.subject,
    createdAt: services.now(),
    commitment: commitmentOf(seed),
    beaconSource: input.beaconSource,
    version: 1,
  };
  await services.draws.createDraw(record, await services.seeds.seal(id, seed));
  await services.jobs.send([{ kind: 'snapshot', drawId: id }]);
  return { record, created: true };
}

/** A record as the public sees it (the seed is only ever on it once revealed; the version is bookkeeping). */
export const published = ({ version: _version, ...record }: DrawRecord) => record;

/**
 * Reveals the seed and mixes in the beacon announced for the draw — drand's signature of the announced round, or the
 * operator's value after the announced time — refusing any other; the run job then selects, assigns and issues.
 */
export async function executeDraw(services: DrawServices, principal: Principal, id: string, beacon: string) {
  const current = await services.draws.getDraw(id);
  if (!current) throw notFound('draw', id);
  requireDrawSupervisor(current, principal);
  if (current.status === 'executing' || current.status === 'executed') {
    if (current.beacon === beacon) return { record: current, started: false };
    throw new DomainError('conflict', 'already_executed', `This draw was executed with beacon "${current.beacon}"; a draw is executed once.`);
  }
  if (current.status !== 'announced') {
    throw new DomainError('conflict', 'not_announced', `A draw is executed once announced; this one is "${current.status}".`, { status: current.status });
  }
  if (current.beaconSpec) {
    const problem = beaconProblem(current.beaconSpec, beacon, services.now());
    if (problem) throw new DomainError('invalid', 'wrong_beacon', problem, { beacon: current.beaconSpec });
  }
  const seed = await services.seeds.open(id, (await services.draws.getSeed(id))!);
  let revealedHere = false;
  const record = await changeDraw(services, id, (latest) => {
    if (latest.status !== 'announced') return latest;
    revealedHere = true;
    return { ...latest, status: 'executing', seed, beacon, executedBy: principal.subject, executedAt: services.now() };
  });
  if (revealedHere) await services.jobs.send([{ kind: 'run', drawId: id }]);
  return { record, started: revealedHere };
}

export async function abandonDraw(services: DrawServices, principal: Principal, id: string, reason: string) {
  const current = await services.draws.getDraw(id);
  if (!current) throw notFound('draw', id);
  requireDrawSupervisor(current, principal);
  return changeDraw(services, id, (latest) => {
    if (latest.status === 'abandoned') return latest;
    if (latest.status === 'executing' || latest.status === 'executed') throw new DomainError('conflict', 'already_executed', 'An executed draw cannot be abandoned.');
    return { ...latest, status: 'abandoned', abandoned: { by: principal.subject, at: services.now(), reason } };
  });
}

/**
 * A draw as this reader may see it (see publication.ts): the parameters and every hash at once; the seed, and links
 * to the files, once the files are public (supervisors: at once). `files` keeps its old shape, name → URL, holding
 * only what the reader may fetch; `publication` describes every file, its hash and when it becomes public, so a
 * verifier needs nothing else.
 */
async function drawView(services: DrawServices, record: DrawRecord, reader: Principal | undefined, withLinks: boolean) {
  const { seed, ...shown } = published(record);
  const access = disclosure(record, reader, services.now(), services.timeZone);
  const keys = drawFiles(record.id);
  const files = await Promise.all(
    drawFileSpecs
      .filter((file) => fileExists(file, record))
      .map(async ({ name, fileName, contentType, describes, hash }) => ({
        name,
        fileName,
        contentType,
        describes,
        ...(record[hash] ? { sha256: record[hash] } : {}),
        ...(access.readable && withLinks ? { url: await services.files.downloadUrl(keys[name]) } : {}),
      })),
  );
  return {
    ...shown,
    ...(seed && access.readable ? { seed } : {}),
    files: Object.fromEntries(files.flatMap((file) => (file.url ? [[file.name, file.url]] : []))),
    publication: {
      published: access.published,
      filesPublicFrom: access.filesPublicFrom,
      timeZone: access.timeZone,
      ...(access.published ? {} : { note: notPublishedYet(access) }),
      files,
    },
  };
}

async function readRecord(services: DrawServices, id: string) {
  const record = await services.draws.getDraw(id);
  if (!record) throw notFound('draw', id);
  return record;
}

/** The published record (see drawView); a supervisor's token reads the files before they are public. */
export const readDraw = async (services: DrawServices, id: string, reader?: Principal) => drawView(services, await readRecord(services, id), reader, true);

/** Every draw, newest first, as drawView shows it, without download links (GET /draws/{id} has them). */
export const listDraws = async (services: DrawServices, limit: number, reader?: Principal) =>
  Promise.all((await services.draws.listDraws(limit)).map((record) => drawView(services, record, reader, false)));

async function loadOutcome(services: DrawServices, id: string): Promise<DrawOutcome> {
  return JSON.parse(await services.files.getText(drawFiles(id).outcome)) as DrawOutcome;
}

/** The answer to a verification asked for before the files are public: what is missing, and from when. */
const notVerifiableYet = (access: DrawDisclosure) => ({
  verified: false,
  checks: [{ name: 'published', passed: false, detail: notPublishedYet(access) }],
  filesPublicFrom: access.filesPublicFrom,
  timeZone: access.timeZone,
});

/** Recomputes the stored draw from its snapshots and compares everything (see verify.ts), once its files are public. */
export async function verifyStoredDraw(services: DrawServices, id: string, reader?: Principal) {
  const record = await readRecord(services, id);
  if (!record.summary || !record.poolHash || !record.inspectorsHash || record.poolSize === undefined) {
    return verifyDraw({ ...record, poolHash: '', poolSize: 0, inspectorsHash: '' }, '', '');
  }
  const access = disclosure(record, reader, services.now(), services.timeZone);
  if (!access.readable) return notVerifiableYet(access);
  const files = drawFiles(id);
  const [poolText, inspectorsText, outcomeText] = await Promise.all([services.files.getText(files.pool), services.files.getText(files.inspectors), services.files.getText(files.outcome)]);
  const outcome = JSON.parse(outcomeText) as DrawOutcome;
  const draw = { ...record, poolHash: record.poolHash, poolSize: record.poolSize, inspectorsHash: record.inspectorsHash, outcome };
  const result = verifyDraw(draw, poolText, inspectorsText, outcomeText);
  if (record.status !== 'executed') return result;
  // The visits it sent out, too: a replaced inspector or a moved window shows here even if every file is intact.
  const issued = new Map<string, IssuedInspection>();
  await mapInParallel(outcome.assignments, 8, async ({ entityId }) => {
    const inspection = await findDrawInspection(services, id, entityId);
    if (inspection) {
      const { departments, items, window, inspectors } = inspection;
      issued.set(entityId, { entityId: inspection.entityId, departments, items, window, inspectorIds: inspectors.map((i) => i.id), joined: sharedVisit(inspection, id) });
    }
  });
  const inspections = checkInspections(record, outcome, issued);
  return { verified: result.verified && inspections.passed, checks: [...result.checks, inspections] };
}

/**
 * "One public": who was drawn, by whom, when, and each inspection's outcome once recorded — to everyone once the
 * draw's files are public (the day after its window), to supervisors at once. A page of companies at a time, in the
 * outcome's order (cursor: the position of the next one): a city-wide draw sends thousands. Each company with its
 * grade now and the stratum it was drawn from, and the inspectors the draw assigned it; a supervisor of the draw's
 * departments also gets the inspection and its code, to print or send the notice.
 */
export async function drawResults(services: DrawServices, id: string, reader?: Principal, page: { limit: number; cursor?: string } = { limit: 50 }) {
  const record = await readRecord(services, id);
  if (!record.summary) return { drawId: id, status: record.status, total: 0, companies: [] };
  const access = disclosure(record, reader, services.now(), services.timeZone);
  if (!access.readable) return { drawId: id, status: record.status, total: 0, companies: [], filesPublicFrom: access.filesPublicFrom, timeZone: access.timeZone, note: notPublishedYet(access) };
  const outcome = await loadOutcome(services, id);
  const start = Number(page.cursor ?? 0);
  const assignments = outcome.assignments.slice(start, start + page.limit);
  const strata = new Map(outcome.selected.map(({ entityId, stratum }) => [entityId, stratum]));
  const runs = actsFor(reader, departmentsOf(record.parameters));
  const states = await services.store.entityStates(assignments.map((a) => a.entityId));
  const companies = await mapInParallel(assignments, 8, async ({ entityId, inspectorIds }) => {
    const inspection = await findDrawInspection(services, id, entityId);
    const grade = states.get(entityId)?.grade;
    // A joined visit holds other draws' inspectors too: these are the ones this draw sent.
    const named = new Map((inspection?.inspectors ?? []).map((i) => [i.id, i]));
    return {
      entityId,
      entityName: inspection?.entityName,
      ...(grade ? { grade } : {}),
      stratum: strata.get(entityId)!,
      inspectors: inspectorIds.map((inspectorId) => {
        const inspector = named.get(inspectorId);
        return inspector ? { id: inspectorId, name: inspector.name, department: inspector.department } : { id: inspectorId };
      }),
      departments: inspection?.departments ?? departmentsOf(record.parameters),
      window: inspection?.window ?? record.parameters.window,
      status: inspection?.status ?? 'pending',
      ...(inspection?.result ? { outcome: inspection.result.outcome, findings: inspection.result.findings.length } : {}),
      ...(runs && inspection ? { inspectionId: inspection.id, ...(inspection.code ? { code: inspection.code } : {}) } : {}),
    };
  });
  const next = start + assignments.length;
  const names = await services.store.entityNames(outcome.unassigned.map((u) => u.entityId));
  return {
    drawId: id,
    status: record.status,
    total: outcome.assignments.length,
    unassigned: outcome.unassigned.map((u) => ({ ...u, ...(names.has(u.entityId) ? { entityName: names.get(u.entityId)! } : {}) })),
    companies,
    ...(next < outcome.assignments.length ? { cursor: String(next) } : {}),
  };
}

const drawInspectionId = (drawId: string, entityId: string) => idFromIdempotencyKey('ins', drawId, entityId);

/**
 * Whether a visit holds more than this draw made of it: the draw joined another's visit, or another draw joined the
 * draw's own (two overlapping draws picking the same company make one visit, with both draws' inspectors).
 */
const sharedVisit = (inspection: Inspection, drawId: string) => inspection.createdBy !== `draw:${drawId}` || (inspection.drawIds ?? []).some((other) => other !== drawId);

/** The inspection a draw gave a company: its own, or the visit it joined. */
async function findDrawInspection(services: DrawServices, drawId: string, entityId: string): Promise<Inspection | undefined> {
  const own = await services.store.getInspection(drawInspectionId(drawId, entityId));
  if (own) return own;
  const { items } = await services.store.inspectionsOfEntity(entityId, { limit: 50 });
  return items.find((i) => i.drawIds?.includes(drawId));
}

const system = (record: DrawRecord): Principal => ({ subject: `draw:${record.id}`, role: 'supervisor' });

/**
 * One selected company: its inspection and code, made once. If another department already plans a visit to the
 * company in an overlapping window, this draw joins that visit (one inspection, one code, the union of check
 * items, this draw's inspectors added) instead of sending a second one.
 */
async function issueFor(services: DrawServices, record: DrawRecord, assignment: Assignment): Promise<'created' | 'joined' | 'existing'> {
  const { parameters } = record;
  const [own, entity, inspectors, { items: planned }] = await Promise.all([
    services.store.getInspection(drawInspectionId(record.id, assignment.entityId)),
    services.store.getEntity(assignment.entityId),
    services.store.getInspectors(assignment.inspectorIds),
    services.store.inspectionsOfEntity(assignment.entityId, { limit: 50 }),
  ]);
  // Already done on an earlier attempt: made by this draw, or another visit this draw joined.
  let inspection = own ?? planned.find((i) => i.drawIds?.includes(record.id));
  let outcome: 'created' | 'joined' | 'existing' = inspection && inspection.createdBy !== `draw:${record.id}` ? 'joined' : 'existing';
  if (!inspection) {
    const assigned = assignment.inspectorIds.map((inspectorId) => {
      const { id, name, department, certificateNo } = inspectors.find((i) => i.id === inspectorId)!;
      return { id, name, department, certificateNo };
    });
    const open = await visitToJoin(services, planned, parameters.window);
    if (open) {
      const { inspection: joined } = await changeInspection(services.store, open.id, system(record), (current) => ({
        inspection: joinVisit(current, { departments: departmentsOf(parameters), items: parameters.items, inspectors: assigned, drawId: record.id }, services.now()),
        outcome: undefined,
      }));
      inspection = joined;
      outcome = 'joined';
    } else {
      const now = services.now();
      const created: Inspection = {
        id: drawInspectionId(record.id, assignment.entityId),
        entityId: assignment.entityId,
        entityName: entity?.name ?? assignment.entityId,
        departments: departmentsOf(parameters),
        items: parameters.items,
        window: parameters.window,
        inspectors: assigned,
        contact: parameters.contact,
        status: 'scheduled',
        createdBy: `draw:${record.id}`,
        createdAt: now,
        updatedAt: now,
        version: 1,
        rectifications: [],
        drawIds: [record.id],
      };
      await services.store.createInspection(created);
      inspection = created;
      outcome = 'created';
    }
  }
  await issueCode(services, system(record), inspection.id, services.publicBaseUrl);
  return outcome;
}

/** Runs one job. Safe to run again after a crash or a duplicate delivery: it finishes what is missing, nothing twice. */
export async function runDrawJob(services: DrawServices, job: DrawJob): Promise<void> {
  const record = await services.draws.getDraw(job.drawId);
  if (!record) throw notFound('draw', job.drawId);
  const files = drawFiles(record.id);
  const log = services.log ?? (() => undefined);

  if (job.kind === 'snapshot') {
    if (record.status !== 'preparing') return;
    const { parameters } = record;
    const [pool, inspectors] = await Promise.all([
      services.draws.poolEntities(parameters.segment, parameters.districts),
      services.draws.poolInspectors(departmentsOf(parameters), parameters.window),
    ]);
    const poolText = serializePool(pool);
    const inspectorsText = serializeInspectors(inspectors);
    await Promise.all([services.files.putText(files.pool, poolText, 'application/x-ndjson'), services.files.putText(files.inspectors, inspectorsText, 'application/x-ndjson')]);
    // One instant for both: the beacon is derived from announcedAt (spec §4.2), and verification recomputes it.
    const announcedAt = services.now();
    await changeDraw(services, record.id, (latest) =>
      latest.status !== 'preparing'
        ? latest
        : {
            ...latest,
            status: 'announced',
            announcedAt,
            poolHash: snapshotHash(poolText),
            poolSize: pool.length,
            inspectorsHash: snapshotHash(inspectorsText),
            inspectorCount: inspectors.length,
            // Fixed now, after the pool is frozen and public by its hash: nobody knows the value yet.
            beaconSpec: fixBeacon(latest.beaconSource ?? 'operator', announcedAt),
          },
    );
    log(`draw ${record.id}: announced, pool of ${pool.length} companies and ${inspectors.length} inspectors frozen`);
    return;
  }

  if (job.kind === 'run') {
    if (record.status !== 'executing') return;
    let outcome: DrawOutcome;
    if (record.summary) outcome = await loadOutcome(services, record.id);
    else {
      const [poolText, inspectorsText] = await Promise.all([services.files.getText(files.pool), services.files.getText(files.inspectors)]);
      const pool = parsePool(poolText);
      const revealed = { id: record.id, parameters: record.parameters, seed: record.seed!, beacon: beaconEntropy(record.beaconSpec, record.beacon ?? '') };
      // One draw at a time counts the others' assignments and reserves its own, so the cap holds across draws.
      const inspectors = parseInspectors(inspectorsText);
      outcome = await underRunLease(services, record.id, async () => {
        const computed = runDraw(revealed, pool, poolDigests(pool), inspectors, countedFor(inspectors, await services.draws.drawLoads(record.parameters.window, record.id)));
        await services.draws.reserveLoads(record.id, record.parameters.window, loadsOf(computed));
        return computed;
      });
      const outcomeText = JSON.stringify(outcome);
      await services.files.putText(files.outcome, outcomeText, 'application/json');
      await changeDraw(services, record.id, (latest) =>
        latest.summary
          ? latest
          : {
              ...latest,
              outcomeHash: snapshotHash(outcomeText),
              strata: outcome.strata,
              summary: { selected: outcome.selected.length, assigned: outcome.assignments.length, unassigned: outcome.unassigned.length },
              issuance: { total: outcome.assignments.length, done: 0, joined: 0 },
            },
      );
      log(`draw ${record.id}: selected ${outcome.selected.length}, assigned ${outcome.assignments.length}, unassigned ${outcome.unassigned.length}`);
    }
    const batches: DrawJob[] = [];
    for (let start = 0; start < outcome.assignments.length; start += issueBatchSize) {
      batches.push({ kind: 'issue', drawId: record.id, batch: start / issueBatchSize, entityIds: outcome.assignments.slice(start, start + issueBatchSize).map((a) => a.entityId) });
    }
    if (batches.length === 0) await finishIfComplete(services, record.id);
    else await services.jobs.send(batches);
    return;
  }

  if (record.status !== 'executing') return;
  const outcome = await loadOutcome(services, record.id);
  const assignments = new Map(outcome.assignments.map((a) => [a.entityId, a]));
  // Companies of a batch are independent of each other; a few in flight keep DynamoDB and S3 busy.
  const outcomes = await mapInParallel(job.entityIds, 8, (entityId) => issueFor(services, record, assignments.get(entityId)!));
  const joined = outcomes.filter((o) => o === 'joined').length;
  if (await services.draws.completeBatch(record.id, job.batch, job.entityIds.length, joined, today(services))) {
    const latest = await services.draws.getDraw(record.id);
    log(`draw ${record.id}: ${latest?.issuance?.done}/${latest?.issuance?.total} codes issued`);
  }
  await finishIfComplete(services, record.id);
}

/** Assignments per inspector in an outcome. */
const loadsOf = (outcome: DrawOutcome) => {
  const loads: Record<string, number> = {};
  for (const { inspectorIds } of outcome.assignments) for (const id of inspectorIds) loads[id] = (loads[id] ?? 0) + 1;
  return loads;
};

/** Other draws' assignments of this draw's inspectors: summed per inspector, naming the draws that had any (sorted). */
export function countedFor(inspectors: readonly { id: string }[], others: { drawId: string; loads: Record<string, number> }[]): CountedLoads {
  const ids = new Set(inspectors.map((i) => i.id));
  const loads: Record<string, number> = {};
  const draws = new Set<string>();
  for (const { drawId, loads: theirs } of others) {
    for (const [id, n] of Object.entries(theirs)) {
      if (!ids.has(id) || n === 0) continue;
      loads[id] = (loads[id] ?? 0) + n;
      draws.add(drawId);
    }
  }
  // Members sorted by id, so that outcome.json's bytes follow from its data (spec section 6.3).
  return { draws: [...draws].sort(), loads: Object.fromEntries(Object.entries(loads).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) };
}

const leaseSeconds = 300;

/** Runs `compute` holding the draws' run lease, waiting for it while another draw computes (up to one lease). */
async function underRunLease<T>(services: DrawServices, drawId: string, compute: () => Promise<T>): Promise<T> {
  const waitUntil = Date.now() + leaseSeconds * 1000;
  while (!(await services.draws.acquireRunLease(drawId, services.now(), new Date(Date.parse(services.now()) + leaseSeconds * 1000).toISOString()))) {
    if (Date.now() > waitUntil) throw new Error(`draw ${drawId}: another draw held the run lease for ${leaseSeconds} s; the job is retried`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  try {
    return await compute();
  } finally {
    await services.draws.releaseRunLease(drawId);
  }
}

async function finishIfComplete(services: DrawServices, id: string) {
  let finishedHere = false;
  await changeDraw(services, id, (latest) => {
    if (latest.status !== 'executing' || !latest.issuance || latest.issuance.done < latest.issuance.total) return latest;
    finishedHere = true;
    return { ...latest, status: 'executed' };
  });
  if (finishedHere) {
    await services.store.count({ drawsExecuted: 1 }, today(services));
    countMetric(metricNames.drawsExecuted);
  }
}
