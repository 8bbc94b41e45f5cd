/**
 * The route table of the public contract (DESIGN §5), declared once. The CDK stack makes one Lambda and one
 * HTTP API route per entry, the local stack serves the same entries with the same handlers, the authorizer
 * checks roles against `access`, the OpenAPI document is generated from it, and the tests walk it.
 */
import type * as z from 'zod/mini';
import type { Role } from '../auth/principal.ts';
import { scanRoute } from './scan-route.ts';
import * as schemas from './schemas.ts';

export interface RouteSpec {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** API Gateway path syntax: `/inspections/{id}/code`. */
  path: string;
  /** File under `functions/` that handles it; absent for routes the local stack serves itself. */
  handler?: string;
  /** Roles allowed by the authorizer (and checked again by the handler), or `public` for no token. */
  access: 'public' | readonly Role[];
  /** A public route whose function reads a token if one is sent, and answers its holder more (a supervisor: a draw's results before they are published). */
  tokenWidens?: boolean;
  summary: string;
  params?: z.ZodMiniType;
  query?: z.ZodMiniType;
  body?: z.ZodMiniType;
  /** The body may be left out entirely; it is then validated as `{}`. */
  bodyOptional?: boolean;
  /** Headers the route reads beyond Authorization, documented in OpenAPI. */
  headers?: readonly string[];
  /** Status codes a caller should expect besides the generic 400/401/403/500. */
  responses: Readonly<Record<number, string>>;
  /** Exists only in the local stack: never deployed. */
  localOnly?: boolean;
}

/** What a function's edge runs on (shared/http/api-handler.ts): the route without its documentation. */
export type RuntimeRouteSpec = Omit<RouteSpec, 'summary' | 'responses' | 'headers'>;

/** A route's path as documents write it (OpenAPI, the README): API Gateway's greedy `{code+}` is just `{code}` there. */
export const documentedPath = (route: Pick<RouteSpec, 'path'>) => route.path.replace(/\{(\w+)\+\}/g, '{$1}');

const staff = ['supervisor', 'inspector'] as const;

export const routes = {
  devToken: {
    method: 'POST',
    path: '/dev/tokens',
    access: 'public',
    localOnly: true,
    summary: 'Sign a local JWT for a role (local stack only; absent when deployed).',
    body: schemas.devTokenBody,
    responses: { 201: 'The token' },
  },
  openApi: {
    method: 'GET',
    path: '/openapi.json',
    handler: 'get-openapi',
    access: 'public',
    summary: 'This API as an OpenAPI 3.1 document.',
    responses: { 200: 'The document' },
  },
  putEntity: {
    method: 'PUT',
    path: '/entities/{id}',
    handler: 'put-entity',
    access: ['supervisor'],
    summary: 'Register or replace a market entity (company): a supervisor only of segments their department supervises (models/jurisdiction), before and after; city-wide supervisors any.',
    params: schemas.idParams,
    body: schemas.entityBody,
    responses: { 200: 'Replaced', 201: 'Registered', 403: "The company's segment, before or after, is outside the supervisor's department" },
  },
  getEntity: {
    method: 'GET',
    path: '/entities/{id}',
    handler: 'get-entity',
    access: ['supervisor', 'company'],
    summary: 'Read an entity with its credit grade, score and explanation: supervisors any entity, a company only its own.',
    params: schemas.idParams,
    responses: { 200: 'The entity', 404: 'Unknown entity' },
  },
  listEntities: {
    method: 'GET',
    path: '/entities',
    handler: 'list-entities',
    access: ['supervisor'],
    summary:
      "Search the companies a supervisor's department supervises (models/jurisdiction; city-wide supervisors every segment), by segment, then district and id, with grade, score and as-of day. A credit code reads that company straight from its key. Segment and district narrow the read by key; name (a part of it, as written) and grade are compared within each bounded read, so a page may hold fewer items than the limit, or none, with a cursor to go on.",
    query: schemas.listEntitiesQuery,
    responses: { 200: 'A page of companies, with a cursor when there are more', 403: "The segment asked for is outside the supervisor's department", 422: 'A stale cursor' },
  },
  entityGrades: {
    method: 'GET',
    path: '/entities/{id}/grades',
    handler: 'entity-grades',
    access: ['supervisor', 'company'],
    summary: "An entity's grade history, newest first: each change of grade or model with its score, coverage and data as-of day (supervisors any entity, a company its own).",
    params: schemas.idParams,
    query: schemas.pageQuery,
    responses: { 200: 'A page of grade changes, with a cursor when there are more', 404: 'Unknown entity', 422: 'A stale cursor' },
  },
  entityFacts: {
    method: 'GET',
    path: '/entities/{id}/facts',
    handler: 'entity-facts',
    access: ['supervisor', 'company'],
    summary:
      "An entity's facts, newest first: inspections, violations, samples, complaints, listings, camera alerts and every other kind imported or reported (or one `kind`), as the credit models and warning rules read them (supervisors any entity, a company its own).",
    params: schemas.idParams,
    query: schemas.entityFactsQuery,
    responses: { 200: 'A page of facts, with a cursor when there are more', 404: 'Unknown entity', 422: 'A stale cursor' },
  },
  entityWarnings: {
    method: 'GET',
    path: '/entities/{id}/warnings',
    handler: 'entity-warnings',
    access: ['supervisor'],
    summary: "A company's warning clues of every status, newest first (supervisors of its segment, as for each clue).",
    params: schemas.idParams,
    query: schemas.pageQuery,
    responses: { 200: 'A page of clues, with a cursor when there are more', 403: "The company's segment is outside the supervisor's department", 404: 'Unknown entity', 422: 'A stale cursor' },
  },
  eligibleInspectors: {
    method: 'GET',
    path: '/entities/{id}/eligibility',
    handler: 'eligible-inspectors',
    access: ['supervisor'],
    summary:
      "Planning an inspection of this company: the check items offered for its segment, and every active inspector of the departments asked for, each eligible or not with the reasons (department, qualification for the segment, district, recused, inspected it last time, workload in the window) — the rule a draw assigns inspectors by, with its defaults — and each one's standing for a plan: eligible, needs-justification (another district, last time's, at the workload cap) or refused. With `joins`: the visit already planned for the company in an overlapping window that a plan now would join (POST /inspections joins it, adopting its window and contact). A supervisor asks only for their own department.",
    params: schemas.idParams,
    query: schemas.eligibilityQuery,
    responses: { 200: 'The items offered and the inspectors judged', 403: "A department asked for is not the supervisor's", 404: 'Unknown entity' },
  },
  putInspector: {
    method: 'PUT',
    path: '/inspectors/{id}',
    handler: 'put-inspector',
    access: ['supervisor'],
    summary: 'Register or replace an inspector (department, district, qualifications): a supervisor only of their own department, before and after; city-wide supervisors any.',
    params: schemas.idParams,
    body: schemas.inspectorBody,
    responses: { 200: 'Replaced', 201: 'Registered', 403: "The inspector's department, before or after, is not the supervisor's" },
  },
  createInspection: {
    method: 'POST',
    path: '/inspections',
    handler: 'create-inspection',
    access: ['supervisor'],
    summary:
      "Plan an inspection: entity, departments, check items, date window, at least two inspectors, contact. A visit already planned to the company in an overlapping window is joined instead (joined: true): one visit and one code, but each department keeps its own part (its items, its inspectors' results). A supervisor plans only parts of departments they act for. Inspectors are judged as GET /entities/{id}/eligibility judges them: another department, no qualification for the segment or recused refuses them for every supervisor, city-wide ones too; another district, last time's inspector or at the workload cap only with a written justification, kept on the inspection.",
    body: schemas.createInspectionBody,
    headers: ['Idempotency-Key'],
    responses: { 201: 'Planned', 200: 'Joined to a visit already planned, or already planned under this Idempotency-Key', 403: "A department among them is not the supervisor's", 422: "Unknown entity, or inspectors the rule refuses (inspectors_rejected: each inspector's id, name, reason codes and the reasons in English)" },
  },
  listInspections: {
    method: 'GET',
    path: '/inspections',
    handler: 'list-inspections',
    access: ['supervisor', 'inspector', 'company'],
    summary:
      "List inspections: an inspector's assignments, a company's own inspections, or (supervisors, with entityId) a company's inspections in their departments, latest window first. Supervisors without entityId list by status (default open: scheduled or on site, soonest due first; others latest first), optionally overdue, due this week or this week, of their department (city-wide: any, or the one asked for). A filtered page may hold fewer items than the limit; follow the cursor.",
    query: schemas.listInspectionsQuery,
    responses: { 200: 'A page of inspections, with a cursor when there are more', 403: "A department other than the supervisor's", 422: 'A stale cursor' },
  },
  inspectionCounts: {
    method: 'GET',
    path: '/inspections/counts',
    handler: 'count-inspections',
    access: ['supervisor'],
    summary:
      "How many inspections without results are this week's (window overlaps Monday to Sunday on the authority's calendar), due by Sunday, and overdue (window ended): the supervisor's department, or for city-wide supervisors every department or the one asked for. Counted by an index, never a table scan.",
    query: schemas.inspectionCountsQuery,
    responses: { 200: '{today, week, thisWeek, dueThisWeek, overdue}', 403: "A department other than the supervisor's" },
  },
  getInspection: {
    method: 'GET',
    path: '/inspections/{id}',
    handler: 'get-inspection',
    access: ['supervisor', 'inspector', 'company'],
    summary: 'Read an inspection (staff in charge, or the inspected company), with download links to rectification evidence.',
    params: schemas.idParams,
    responses: { 200: 'The inspection', 404: 'Unknown inspection (also for other companies)' },
  },
  issueCode: {
    method: 'POST',
    path: '/inspections/{id}/code',
    handler: 'issue-code',
    access: staff,
    summary:
      'Issue the inspection code with its QR images; calling again returns the same code. After a revocation only a supervisor who may revoke it (of every department on the visit) issues a new one, and only when asking for it with `{"reissue": true}`.',
    params: schemas.idParams,
    body: schemas.issueCodeBody,
    bodyOptional: true,
    responses: {
      201: 'Issued',
      200: 'Already issued: the same code',
      403: 'The code was revoked and the caller may not undo that',
      404: 'Unknown inspection',
      409: 'Inspection closed, or its code revoked and `reissue` not asked for',
    },
  },
  revokeCode: {
    method: 'POST',
    path: '/inspections/{id}/code/revoke',
    handler: 'revoke-code',
    access: ['supervisor'],
    summary: "Revoke the inspection code; scans answer 410 afterwards. A joint visit's code needs a supervisor acting for every department on it (city-wide).",
    params: schemas.idParams,
    body: schemas.revokeCodeBody,
    responses: { 200: 'Revoked', 403: 'Not a supervisor of every department on the visit', 404: 'Unknown inspection', 409: 'No code issued' },
  },
  resolveCode: {
    ...scanRoute,
    summary:
      'Scan a code: an HTML page for browsers (zh-CN or English by Accept-Language or ?lang=), JSON for Accept: application/json. ' +
      'Anonymous callers see the legitimacy view; the company or staff in charge, with a token, also see results and rectification.',
    responses: { 200: 'The inspection behind the code', 404: 'Unknown code', 410: 'Revoked or expired code' },
  },
  checkIn: {
    method: 'POST',
    path: '/inspections/{id}/check-in',
    handler: 'check-in',
    access: ['company'],
    summary: 'The inspected company confirms the inspectors are on site (the on-site check-in).',
    params: schemas.idParams,
    responses: { 200: 'Confirmed', 404: 'Unknown inspection', 409: 'Not in a state to confirm' },
  },
  recordResults: {
    method: 'POST',
    path: '/inspections/{id}/results',
    handler: 'record-results',
    access: ['inspector'],
    summary:
      "An assigned inspector records the outcome and findings of their own department's part, with guidance and deadlines and photos from the site (one presigned upload URL each); the visit gets its outcome (the worst of the parts) once every part is recorded.",
    params: schemas.idParams,
    body: schemas.recordResultsBody,
    responses: { 200: 'Recorded', 404: 'Unknown inspection', 409: 'Results already recorded differently' },
  },
  submitRectification: {
    method: 'POST',
    path: '/inspections/{id}/rectifications',
    handler: 'submit-rectification',
    access: ['company'],
    summary:
      'The inspected company submits rectification and receives one presigned upload URL per evidence file. Evidence is written once: send each upload with the headers given (If-None-Match: * among them); the same submission again gets URLs only for files not uploaded yet.',
    params: schemas.idParams,
    body: schemas.submitRectificationBody,
    responses: { 201: 'Submitted', 200: 'The same submission, already waiting for review', 404: 'Unknown inspection', 409: 'Nothing to rectify now' },
  },
  reviewRectification: {
    method: 'POST',
    path: '/inspections/{id}/rectifications/{submissionId}/review',
    handler: 'review-rectification',
    access: ['inspector'],
    summary:
      'An assigned inspector of a department that found something to fix accepts or rejects a rectification submission; it closes the inspection once every such department accepted, and one rejection sends it back.',
    params: schemas.submissionParams,
    body: schemas.reviewRectificationBody,
    responses: { 200: 'Reviewed', 403: 'Not assigned, or the department found nothing to fix', 404: 'Unknown inspection or submission', 409: 'Already reviewed' },
  },
  announceDraw: {
    method: 'POST',
    path: '/draws',
    handler: 'announce-draw',
    access: ['supervisor'],
    summary:
      'Announce a double-random draw: the SHA-256 commitment of a secret seed is recorded at once, then the pool and the inspectors are frozen and hashed, and the beacon is fixed (`beaconSource`, default `drand-quicknet`: the first round at least 60 s after the freezing). Nothing is selected yet. A draw joint with other departments needs a supervisor acting for all of them.',
    body: schemas.announceDrawBody,
    headers: ['Idempotency-Key'],
    responses: { 202: 'Announced; the pool snapshot follows (status preparing → announced)', 200: 'Already announced under this Idempotency-Key' },
  },
  previewDraw: {
    method: 'POST',
    path: '/draws/preview',
    handler: 'preview-draw',
    access: ['supervisor'],
    summary:
      'What a draft draw (the body of POST /draws) would draw if announced now, committing nothing (no record, no seed, no beacon): the pool size, each stratum’s size and quota as execution computes them (a grade, or `all` for a fixed count), the pool per district and grade, and per department the inspectors active, qualified for the segment and still under the workload cap. It reads the pool as the announcement’s snapshot does. Refused (403) to whoever could not announce the draw.',
    body: schemas.announceDrawBody,
    responses: { 200: 'The preview', 403: 'Not a supervisor of the drawing department (and of every joint one)' },
  },
  listDraws: {
    method: 'GET',
    path: '/draws',
    handler: 'list-draws',
    access: 'public',
    summary:
      'Every draw ever announced, newest first: executed, pending and abandoned alike, each as GET /draws/{id} shows it but without download links (`files` is empty).',
    query: schemas.listDrawsQuery,
    responses: { 200: 'The draws' },
  },
  getDraw: {
    method: 'GET',
    path: '/draws/{id}',
    handler: 'get-draw',
    access: 'public',
    summary:
      'A draw as published. At once: parameters, algorithm, seed commitment, beacon, pool/inspector/outcome hashes (poolHash, inspectorsHash, outcomeHash) and counts. The files themselves (pool, inspectors, outcome) and the seed only from the day after the visit window ends, on the authority’s calendar (`publication.filesPublicFrom`, `publication.timeZone`), so that no company learns before the visit that it was drawn or who inspects it; a supervisor’s token reads them earlier. `files` maps name → download URL for what this caller may fetch now; `publication.files[]` describes each file (name, fileName, contentType, sha256, url when readable).',
    params: schemas.idParams,
    responses: { 200: 'The draw', 404: 'Unknown draw' },
  },
  executeDraw: {
    method: 'POST',
    path: '/draws/{id}/execute',
    handler: 'execute-draw',
    access: ['supervisor'],
    summary:
      'Reveal the seed, mix in the beacon the announcement fixed (`beaconSpec`: drand quicknet\'s signature of the announced round, or the operator\'s value — the weaker fallback), and select: inspections and codes are then issued in batches. Any other beacon is refused (422).',
    params: schemas.idParams,
    body: schemas.executeDrawBody,
    bodyOptional: true,
    responses: { 202: 'Executing', 200: 'Already executed with this beacon', 404: 'Unknown draw', 409: 'Not announced yet, abandoned, or executed with another beacon', 422: 'Not the announced beacon, or before its time' },
  },
  abandonDraw: {
    method: 'POST',
    path: '/draws/{id}/abandon',
    handler: 'abandon-draw',
    access: ['supervisor'],
    summary: 'Abandon a draw before execution; it stays on the public list with the reason.',
    params: schemas.idParams,
    body: schemas.abandonDrawBody,
    responses: { 200: 'Abandoned', 404: 'Unknown draw', 409: 'Already executed' },
  },
  verifyDraw: {
    method: 'GET',
    path: '/draws/{id}/verify',
    handler: 'verify-draw',
    access: 'public',
    summary:
      'Recompute the draw from its stored record and files: commitment, pool hash, inspector hash, outcome hash, selection and assignment. Before the files are published (see GET /draws/{id}) the answer is verified: false with one check, `published`, saying from which day; a supervisor’s token verifies earlier.',
    params: schemas.idParams,
    responses: { 200: '{verified, checks[]}', 404: 'Unknown draw' },
  },
  drawResults: {
    method: 'GET',
    path: '/draws/{id}/results',
    handler: 'draw-results',
    access: 'public',
    tokenWidens: true,
    summary:
      'The companies drawn, a page at a time (`limit`, `cursor`; `total` counts them all), each with its grade now and the stratum it was drawn from, the inspectors assigned, departments, window and, once recorded, the inspection’s outcome; a supervisor of the draw’s departments also gets `inspectionId` and `code`. From the day the draw’s files are published (before that `companies` is empty and `filesPublicFrom` and `note` say when); a supervisor’s token reads them earlier.',
    params: schemas.idParams,
    query: schemas.drawResultsQuery,
    responses: { 200: 'The results', 404: 'Unknown draw' },
  },
  listInspectors: {
    method: 'GET',
    path: '/inspectors',
    handler: 'list-inspectors',
    access: ['supervisor'],
    summary:
      "The people of one department (its inspectors: id, name, district, qualifications, active), by district then id, optionally of one district; a supervisor lists their own department's, city-wide ones any. Who a clue can be handed to.",
    query: schemas.listInspectorsQuery,
    responses: { 200: 'A page of inspectors, with a cursor when there are more', 403: "Another department than the supervisor's", 422: 'A stale cursor' },
  },
  listWarnings: {
    method: 'GET',
    path: '/warnings',
    handler: 'list-warnings',
    access: ['supervisor'],
    summary:
      "The warning-clue queue: clues of one status (default open), soonest due first, optionally of one model, district, segment or assignee; a supervisor sees the clues of their department's segments. A filtered page may hold fewer items than the limit; follow the cursor.",
    query: schemas.listWarningsQuery,
    responses: { 200: 'A page of clues, with a cursor when there are more', 422: 'A stale cursor' },
  },
  getWarning: {
    method: 'GET',
    path: '/warnings/{id}',
    handler: 'get-warning',
    access: ['supervisor'],
    summary: "One clue: the model that raised it, its evidence, and every step of its lifecycle with who and when (supervisors of its company's segment).",
    params: schemas.idParams,
    responses: { 200: 'The clue', 403: "The clue's segment is outside the supervisor's department", 404: 'Unknown clue' },
  },
  transitionWarning: {
    method: 'POST',
    path: '/warnings/{id}/transition',
    handler: 'transition-warning',
    access: ['supervisor'],
    summary:
      "Move a clue on (supervisors of its company's segment): open → assigned (assignee) → handled (note) → closed; handled → assigned sends it back (note); open → closed dismisses it (note). Other moves are refused with the ones possible. The assignee is the caller themself or an active inspector of a department supervising the company's segment (GET /inspectors); the clue keeps their name.",
    params: schemas.idParams,
    body: schemas.clueTransitionBody,
    responses: { 200: 'Moved (or the same move again: unchanged)', 403: "The clue's segment is outside the supervisor's department", 404: 'Unknown clue', 409: 'Not a move allowed from where the clue stands', 422: 'The move needs an assignee or a note, or the assignee may not take the clue' },
  },
  putDevice: {
    method: 'PUT',
    path: '/devices/{id}',
    handler: 'put-device',
    access: ['supervisor'],
    summary:
      "Register or replace a smart-kitchen device: the company it watches (the only one it may report for) and its cameras. A supervisor only for companies of their department's segments, the one watched before and the one after.",
    params: schemas.idParams,
    body: schemas.deviceBody,
    responses: { 200: 'Replaced', 201: 'Registered', 403: "The company watched, before or after, is outside the supervisor's department", 422: 'Unknown company' },
  },
  postAlert: {
    method: 'POST',
    path: '/alerts',
    handler: 'post-alert',
    access: ['device'],
    summary:
      'A device reports what a camera saw (rodent, no hat, no mask, smoking, ...), with a presigned URL to upload the snapshot. The same reference again is the same alert (and no URL once the snapshot is stored: evidence is written once). Over 30 alerts a minute, further ones are kept and left to the next sweep (deferred: true).',
    body: schemas.postAlertBody,
    responses: { 201: 'Recorded', 200: 'Recorded before (a replay): the same alert', 403: 'Device not registered, or bound to another company', 422: 'Unknown camera, or dated in the future' },
  },
  listAlerts: {
    method: 'GET',
    path: '/alerts',
    handler: 'list-alerts',
    access: ['supervisor', 'company'],
    summary:
      "A company's smart-kitchen alerts, newest first, with snapshot links and its answers: a company sees its own, a supervisor one company's (entityId) of their department's segments.",
    query: schemas.listAlertsQuery,
    responses: { 200: 'A page of alerts, with a cursor when there are more', 403: "The company's segment is outside the supervisor's department", 422: 'Supervisor without entityId, or a stale cursor' },
  },
  respondToAlert: {
    method: 'POST',
    path: '/alerts/{id}/response',
    handler: 'respond-to-alert',
    access: ['company'],
    summary:
      'The company answers an alert with what it did, and receives one presigned upload URL per evidence file. Evidence is written once: the same answer again gets URLs only for files not uploaded yet.',
    params: schemas.idParams,
    body: schemas.submitRectificationBody,
    responses: { 201: 'Answered', 200: 'The same answer again', 404: 'Unknown alert (also for other companies)', 409: 'Answered already, differently' },
  },
  stats: {
    method: 'GET',
    path: '/stats',
    handler: 'get-stats',
    access: 'public',
    summary:
      'Figures: inspections, draws executed, visits saved by joint inspections, detection rate, the grade distribution by segment and district, warning clues by model and status, trigger inspections and their detection rate, alerts by type; and overTime, the last 26 weeks and 24 months of inspections, results, findings, detection rate, visits saved, clues and triggers. A supervisor’s token adds the raw counters.',
    responses: { 200: 'The figures' },
  },
  requestImport: {
    method: 'POST',
    path: '/imports',
    handler: 'request-import',
    access: ['supervisor'],
    summary:
      'Start an import from a browser: the kind (shared/imports/kinds.ts), the CSV or NDJSON file name and its size give one presigned upload URL under imports/<kind>/ in the files bucket; the upload starts the import job by itself. City-wide supervisors only: an import writes the registry and facts of every segment.',
    body: schemas.importUploadBody,
    responses: { 201: 'The import, waiting for its file, and the upload (method, url, headers)', 403: 'A supervisor of one department', 422: 'Unknown kind' },
  },
  listImports: {
    method: 'GET',
    path: '/imports',
    handler: 'list-imports',
    access: ['supervisor'],
    summary: 'Recent imports, newest first, each with its progress (rows read, imported, rejected) and status: waiting for the file, running, done or failed; and the kinds that can be imported, with the columns each expects. City-wide supervisors.',
    query: schemas.listImportsQuery,
    responses: { 200: 'A page of imports, with a cursor when there are more', 403: 'A supervisor of one department', 422: 'A stale cursor' },
  },
  getImport: {
    method: 'GET',
    path: '/imports/{id}',
    handler: 'get-import',
    access: ['supervisor'],
    summary:
      "One import's progress: rows read, imported and rejected, its status (waiting, running, done, failed with why), and once done a download link to the rejected-rows report (CSV, UTF-8 with a byte-order mark: row, field, reason, the row as read). City-wide supervisors.",
    params: schemas.idParams,
    responses: { 200: 'The import', 403: 'A supervisor of one department', 404: 'Unknown import' },
  },
} as const satisfies Record<string, RouteSpec>;

export type RouteId = keyof typeof routes;

export const routeKey = (route: Pick<RouteSpec, 'method' | 'path'>) => `${route.method} ${route.path}`;

/** Routes by API Gateway route key (`POST /inspections/{id}/code`), as the authorizer receives it. */
export const routesByKey: ReadonlyMap<string, RouteSpec> = new Map(Object.values(routes).map((route) => [routeKey(route), route]));

export const deployedRoutes = Object.entries(routes as Record<RouteId, RouteSpec>).filter(([, route]) => !route.localOnly && route.handler);
