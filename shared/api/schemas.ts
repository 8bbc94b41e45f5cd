/**
 * Request schemas of the public contract (DESIGN §5). Handlers validate with them, the OpenAPI document is
 * generated from them, and the tests draw their bad inputs against them. zod/mini keeps function bundles small.
 */
import * as z from 'zod/mini';
import { roles } from '../auth/principal.ts';
import { calendarDate, datePatterns, type DateFormat } from '../dates.ts';
import { beaconSources } from '../draws/model.ts';
import { isValidCreditCode } from '../entities/credit-code.ts';
import { factKinds } from '../facts/kinds.ts';
import { codeText, humanText } from '../text.ts';
import { inChinese } from '../imports/problems.ts';
import './zod-locale.ts';

/**
 * The bounds of everything stored, chosen together: the largest inspection a user can build — every list full,
 * every text at its longest in 3-byte characters, every rectification round used — stays well under DynamoDB's
 * 400 KB item limit (test/unit/schema-bounds.test.ts builds it and weighs it). Raise one only with that test.
 */
export const limits = {
  /** A company's, a draw's, a device's name. */
  name: 200,
  /** A person's name. */
  personName: 100,
  /** A department, segment, district, qualification: a short label. */
  label: 60,
  address: 300,
  departments: 10,
  checkItem: 200,
  checkItems: 60,
  inspectors: 10,
  /** Companies an inspector declared a conflict of interest with. */
  recusals: 500,
  findings: 30,
  findingText: 800,
  rectificationNote: 2000,
  evidenceFiles: 10,
  /** Rectification submissions one inspection keeps: each rejected one is followed by another. */
  rectificationRounds: 5,
  comment: 1000,
  reason: 500,
  note: 2000,
} as const;

const requiredText = { error: (issue: { input?: unknown }) => (issue.input === undefined ? 'Required' : 'Expected text') };

/**
 * Human text — a name, a check item, a note — as its writer meant it (shared/text.ts: full-width letters and digits
 * as ASCII, invisible and bidi-control characters removed, spaces collapsed, trimmed), refused when nothing visible
 * is left, at most `max` characters. The one rule for every API body and every import row.
 */
export const text = (max: number, options: { multiline?: boolean } = {}) =>
  z.string(requiredText).check(
    z.overwrite((typed) => humanText(typed, options)),
    z.minLength(1, 'Must not be empty: spaces and invisible characters do not count'),
    z.maxLength(max, `At most ${max} characters`),
  );

/** A code-like value (phone, credit code, number, date) as meant: NFKC (full-width "１２３" → "123"), nothing invisible, trimmed. */
export const codeLike = () => z.string(requiredText).check(z.overwrite(codeText));

/** A list of distinct entries, with its bounds said in the message. */
export const list = <T extends z.ZodMiniType>(item: T, min: number, max: number) =>
  z.array(item).check(
    z.minLength(min, `At least ${min} ${min === 1 ? 'entry' : 'entries'}`),
    z.maxLength(max, `At most ${max} entries`),
    z.refine((items) => new Set(items.map((i) => JSON.stringify(i))).size === items.length, { message: 'Entries must be unique', params: { zh: '各项不能重复' } }),
  );

/** An id, typed or pasted: full-width characters as ASCII, invisible ones and surrounding spaces dropped (codeLike). */
export const id = codeLike().check(
  z.regex(
    inChinese(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/, '编号为 1–64 个字母、数字或“_”“.”“:”“-”，以字母或数字开头'),
    'An id is 1-64 letters, digits, "_", ".", ":" or "-", starting with a letter or digit',
  ),
);

const calendarProblem = (written: string, format: DateFormat = 'YYYY-MM-DD') => {
  const read = calendarDate(written, format);
  return 'problem' in read ? read.problem : undefined;
};

/** A calendar date written in `format`, read by the one date parser (shared/dates.ts); the value is YYYY-MM-DD. */
export const writtenDate = (format: DateFormat) =>
  codeLike().check(
    z.regex(datePatterns[format], `A date is written ${format}`),
    z.refine((written) => !datePatterns[format].test(written) || !calendarProblem(written, format), { error: (issue) => calendarProblem(String(issue.input), format), params: { zh: '不是日历上存在的日期，请核对年、月、日' } }),
    z.overwrite((written) => {
      const read = calendarDate(written, format);
      return 'date' in read ? read.date : written;
    }),
  );
export const isoDate = writtenDate('YYYY-MM-DD');
export const severity = z.enum(['minor', 'major', 'critical']);
export const outcome = z.enum(['compliant', 'rectify', 'non-compliant']);
/** A phone number as people write it: digits with optional +, spaces and dashes (full-width ones too). */
export const phone = codeLike().check(
  z.regex(inChinese(/^\+?[0-9][0-9 -]{5,19}$/, '电话号码为 6–20 位数字，可带“+”、空格或短横线'), 'A phone number is 6-20 digits, optionally with +, spaces or dashes'),
);

/** Who a company calls to coordinate a visit. */
export const contact = z.strictObject({ name: text(limits.personName), phone });

export const idParams = z.object({ id });
export const submissionParams = z.object({ id, submissionId: id });

export const listInspectionsQuery = z.strictObject({
  /** Supervisors: one company's inspections; without it, the lists below. Companies and inspectors always get their own. */
  entityId: z.optional(id),
  /**
   * Supervisors without entityId: inspections in one status, `open` (default) being scheduled or on site (no results
   * yet), `cancelled` those whose code was revoked before any result (neither open nor due).
   */
  status: z._default(z.enum(['open', 'scheduled', 'on-site', 'cancelled', 'rectifying', 'under-review', 'closed']), 'open'),
  /** Overdue (window ended, before today), due this week (ends today to Sunday) or this week (window overlaps it). */
  due: z.optional(z.enum(['overdue', 'due-this-week', 'this-week'])),
  /** Only visits this department has a part in (a department's supervisor: their own). */
  department: z.optional(text(limits.label)),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 25),
  cursor: z.optional(z.string().check(z.maxLength(2000))),
});

/** A unified social credit code as typed or pasted (spaces, full-width), upper-cased and check-digit verified. */
const creditCode = codeLike().check(
  z.overwrite((typed) => typed.replace(/\s+/g, '')),
  z.toUpperCase(),
  z.maxLength(18, 'A unified social credit code is 18 characters'),
  z.refine(isValidCreditCode, {
    message: 'Not a valid unified social credit code: 18 characters whose last is the GB 32100-2015 check digit',
    params: { zh: '不是有效的统一社会信用代码：应为 18 位，最后一位是 GB 32100-2015 规定的校验码' },
  }),
);
export const inspectionCountsQuery = z.strictObject({
  /** A city-wide supervisor: one department's counts (default: every department's). */
  department: z.optional(text(limits.label)),
});

export const entityBody = z.strictObject({
  name: text(limits.name),
  /** 18-character unified social credit code (GB 32100-2015), check digit verified; full-width or spaced as typed. */
  creditCode: z.optional(creditCode),
  segment: text(limits.label),
  district: text(limits.label),
  address: z.optional(text(limits.address)),
  legalRepresentative: z.optional(text(limits.personName)),
});

export const inspectorBody = z.strictObject({
  name: text(limits.personName),
  department: text(limits.label),
  district: text(limits.label),
  certificateNo: codeLike().check(z.regex(inChinese(/^[A-Za-z0-9-]{6,32}$/, '执法证号为 6–32 个字母、数字或短横线'), 'A certificate number is 6-32 letters, digits or dashes')),
  /** Segments the inspector is qualified to inspect (draws match them against the pool's segment). */
  qualifications: list(text(limits.label), 0, 50),
  /** Entity ids the inspector declared a conflict of interest with: never drawn for them. */
  recusals: z._default(list(id, 0, limits.recusals), []),
  active: z._default(z.boolean(), true),
});

export const dateWindow = z
  .object({ start: isoDate, end: isoDate })
  .check(z.refine((w) => w.end >= w.start, { message: 'The window ends before it starts', path: ['end'] }));

export const createInspectionBody = z.strictObject({
  entityId: id,
  departments: list(text(limits.label), 1, limits.departments),
  items: list(text(limits.checkItem), 1, limits.checkItems),
  window: dateWindow,
  inspectorIds: list(id, 2, limits.inspectors),
  contact,
  /**
   * Why inspectors the rule would pass over (another district, last time's inspector, at the workload cap) should
   * go nevertheless: required when any is assigned, kept on the inspection and its record. Department,
   * qualification and recusal cannot be justified away.
   */
  justification: z.optional(text(limits.comment, { multiline: true })),
});

/** Most inspections one inspector holds in a window, unless a draw or a planner says otherwise. */
export const defaultWorkloadCap = 20;

/** Values a query string carries as one comma-separated parameter (`departments=food-safety,market-order`). */
const commaList = <T extends z.ZodMiniType<unknown, string>>(item: T, min: number, max: number) =>
  z.pipe(
    z.pipe(z.string(), z.transform((written) => (written === '' ? [] : written.split(',')))),
    list(item, min, max),
  );

/**
 * Who could inspect a company in a window for these departments (GET /entities/{id}/eligibility): judged as
 * POST /inspections will judge the plan — the draw's rule with the draw's defaults (the company's district, at most
 * the default workload cap in the window), so what the planner is shown is what the API then accepts.
 */
export const eligibilityQuery = z
  .strictObject({
    departments: commaList(text(limits.label), 1, limits.departments),
    start: isoDate,
    end: isoDate,
  })
  .check(z.refine((q) => q.end >= q.start, { message: 'The window ends before it starts', path: ['end'] }));

export const finding = z.strictObject({
  item: text(limits.checkItem),
  description: text(limits.findingText, { multiline: true }),
  severity,
  /** What the company must do; required so the scan page can tell it. */
  guidance: text(limits.findingText, { multiline: true }),
  deadline: isoDate,
});

/** A file's name as typed, less what hides its real extension (a U+202E override makes "gpj.exe" read "exe.jpg"). */
const fileName = () => z.string(requiredText).check(z.overwrite((typed) => humanText(typed)), z.regex(/^[^/\\\u0000-\u001f]{1,120}$/, 'A file name is 1-120 characters without slashes'));

export const evidenceFile = z.strictObject({
  name: fileName(),
  contentType: z.enum(['image/jpeg', 'image/png', 'image/webp', 'application/pdf', 'video/mp4']),
  /** Bytes; the upload URL only accepts exactly this size. */
  size: z.number().check(z.int(), z.minimum(1), z.maximum(25 * 1024 * 1024)),
});

export const recordResultsBody = z
  .strictObject({
    outcome,
    findings: z.array(finding).check(z.maxLength(limits.findings, `At most ${limits.findings} findings`)),
    /** Photos taken on site as evidence: the answer carries one presigned upload URL per file. */
    files: z.optional(list(evidenceFile, 0, limits.evidenceFiles)),
  })
  .check(
    z.refine((r) => r.outcome === 'compliant' || r.findings.length > 0, {
      message: 'An outcome of "rectify" or "non-compliant" needs at least one finding with guidance and a deadline',
      path: ['findings'],
    }),
  );

export const submitRectificationBody = z.strictObject({
  note: text(limits.rectificationNote, { multiline: true }),
  files: list(evidenceFile, 0, limits.evidenceFiles),
});

export const reviewRectificationBody = z
  .strictObject({ decision: z.enum(['accepted', 'rejected']), comment: z.optional(text(limits.comment, { multiline: true })) })
  .check(
    z.refine((r) => r.decision === 'accepted' || r.comment !== undefined, {
      message: 'A rejection needs a comment telling the company what is still missing',
      path: ['comment'],
    }),
  );

const gradeMap = <T extends z.ZodMiniType>(value: T) => z.strictObject({ A: value, B: value, C: value, D: value });
/** A percentage with at most two decimals, so it converts exactly to basis points. */
const percent = z.number().check(
  z.minimum(0),
  z.maximum(100),
  z.refine((p) => Math.abs(p * 100 - Math.round(p * 100)) < 1e-9, 'A percentage has at most two decimals'),
);
const weight = z.number().check(z.int(), z.minimum(1), z.maximum(100));

export const drawRule = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('ratio'),
    /** Share of each credit grade to draw, in percent; a typical rule is A ≤5, B 5-20, C 21-60, D 61-100. */
    percent: gradeMap(percent),
    /** The stratum of entities not graded yet. */
    ungradedAs: z._default(z.enum(['A', 'B', 'C', 'D']), 'B'),
  }),
  z.strictObject({
    kind: z.literal('count'),
    count: z.number().check(z.int(), z.minimum(1), z.maximum(10_000)),
    /** Integer weights: a company weighted 4 is four times as likely as one weighted 1 to be the next drawn. */
    weights: z._default(z.strictObject({ A: weight, B: weight, C: weight, D: weight, ungraded: weight }), { A: 1, B: 2, C: 4, D: 8, ungraded: 2 }),
  }),
]);

export const announceDrawBody = z
  .strictObject({
    title: text(limits.name),
    department: text(limits.label),
    jointDepartments: z._default(list(text(limits.label), 0, 5), []),
    segment: text(limits.label),
    districts: z._default(list(text(limits.label), 0, 50), []),
    rule: drawRule,
    window: dateWindow,
    items: list(text(limits.checkItem), 1, limits.checkItems),
    contact,
    inspectorsPerCompany: z._default(z.number().check(z.int(), z.minimum(2), z.maximum(10)), 2),
    crossDistrict: z._default(z.boolean(), false),
    workloadCap: z._default(z.number().check(z.int(), z.minimum(1), z.maximum(1_000)), defaultWorkloadCap),
    /** The public randomness the draw will mix in (shared/draws/beacon.ts); `operator` is the weaker fallback. */
    beaconSource: z._default(z.enum(beaconSources), 'drand-quicknet'),
  })
  .check(
    z.refine((d) => !d.jointDepartments.includes(d.department), { message: 'The drawing department is not also a joint department', path: ['jointDepartments'] }),
    z.refine((d) => d.inspectorsPerCompany >= 1 + d.jointDepartments.length, {
      message: 'Each company needs at least one inspector per department: raise inspectorsPerCompany',
      path: ['inspectorsPerCompany'],
    }),
  );

export const executeDrawBody = z.strictObject({
  /** The announced beacon's value: drand's signature (hex) of the announced round, or the operator's text after the announced time. */
  beacon: z._default(z.string().check(z.maxLength(512, 'At most 512 characters')), ''),
});

export const listDrawsQuery = z.strictObject({ limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(200)), 50) });

/** A page of a draw's results; the cursor is the position of the next company, as the previous page gave it. */
export const drawResultsQuery = z.strictObject({
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 50),
  cursor: z.optional(z.string().check(z.regex(/^\d{1,7}$/, 'The cursor a previous page gave'))),
});

export const abandonDrawBody = z.strictObject({ reason: text(limits.reason, { multiline: true }) });

export const revokeCodeBody = z.strictObject({ reason: text(limits.reason, { multiline: true }) });

/**
 * `reissue: true` says the caller means to undo a revocation with a new code; without it a revoked code stays
 * revoked (409), so a screen that merely shows or prints the code can never bring a cancelled visit back.
 */
export const issueCodeBody = z.strictObject({ reissue: z.optional(z.boolean()) });
export type IssueCodeInput = z.infer<typeof issueCodeBody>;

export const devTokenBody = z
  .strictObject({
    role: z.enum(roles),
    subject: id,
    department: z.optional(text(limits.label)),
    entityId: z.optional(id),
    inspectorId: z.optional(id),
    deviceId: z.optional(id),
  })
  .check(
    z.refine((t) => t.role !== 'company' || t.entityId !== undefined, { message: 'A company token needs entityId', path: ['entityId'] }),
    z.refine((t) => t.role !== 'inspector' || t.inspectorId !== undefined, { message: 'An inspector token needs inspectorId', path: ['inspectorId'] }),
    z.refine((t) => t.role !== 'device' || t.deviceId !== undefined, { message: 'A device token needs deviceId', path: ['deviceId'] }),
  );

/** What the AI cameras of a smart kitchen (明厨亮灶) report. */
export const alertTypes = ['rodent', 'no-hat', 'no-mask', 'no-uniform', 'smoking', 'phone-use', 'bin-uncovered', 'other'] as const;

export const deviceBody = z.strictObject({
  name: text(limits.name),
  /** The company whose premises the device watches: it may only report for this one. */
  entityId: id,
  /** Cameras the device speaks for. */
  cameras: list(id, 1, 64),
  active: z._default(z.boolean(), true),
});

export const postAlertBody = z.strictObject({
  /** The device's own id for this alert: sending it again (a replay, a retry) records it once. */
  reference: id,
  entityId: id,
  cameraId: id,
  type: z.enum(alertTypes),
  /** When the camera saw it (ISO date-time with offset). */
  at: z.iso.datetime({ offset: true }).check(
    // Its day is read by the same date parser as every date, so 2023-02-29T… is refused with the same words.
    z.refine((written) => !calendarProblem(written.slice(0, 10)), { error: (issue) => calendarProblem(String(issue.input).slice(0, 10)) }),
  ),
  /** 0-1 as the camera's model reports it. */
  confidence: z.optional(z.number().check(z.gte(0), z.lte(1))),
  /** The snapshot to upload: the answer carries a presigned URL for exactly this type and size. */
  evidence: z.optional(z.strictObject({ contentType: z.enum(['image/jpeg', 'image/png', 'image/webp']), size: z.number().check(z.int(), z.minimum(1), z.maximum(10 * 1024 * 1024)) })),
});

export const listAlertsQuery = z.strictObject({
  /** Supervisors: whose alerts (required for them). Companies always get their own. */
  entityId: z.optional(id),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 25),
  cursor: z.optional(z.string().check(z.maxLength(2000))),
});

export const creditGrade = z.enum(['A', 'B', 'C', 'D']);

export const listEntitiesQuery = z.strictObject({
  /** Exactly this company: read straight from its key, the other filters then only confirm it. */
  creditCode: z.optional(creditCode),
  /** Part of the name, as written (Chinese, or English with its capitals): compared within each page read. */
  name: z.optional(text(limits.name)),
  segment: z.optional(text(limits.label)),
  district: z.optional(text(limits.label)),
  grade: z.optional(creditGrade),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 25),
  cursor: z.optional(z.string().check(z.maxLength(2000))),
});

/** The people of one department (its inspectors), by district then id, a page at a time. */
export const listInspectorsQuery = z.strictObject({
  department: id,
  /** Only those of this district (the clue's or the company's, to hand work to someone near it). */
  district: z.optional(text(limits.label)),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 25),
  cursor: z.optional(z.string().check(z.maxLength(2000))),
});

/** A page of a list that has no filters: how many, and the cursor of the page before. */
export const pageQuery = z.strictObject({
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 25),
  cursor: z.optional(z.string().check(z.maxLength(2000))),
});

export const entityFactsQuery = z.strictObject({
  /** Only facts of this kind; every kind, merged newest first, when absent. */
  kind: z.optional(z.enum(factKinds)),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 25),
  cursor: z.optional(z.string().check(z.maxLength(4000))),
});

export const clueStatus = z.enum(['open', 'assigned', 'handled', 'closed']);

export const listWarningsQuery = z.strictObject({
  status: z._default(clueStatus, 'open'),
  model: z.optional(text(80)),
  district: z.optional(text(limits.label)),
  segment: z.optional(text(limits.label)),
  /** Clues assigned to this person: one's own queue. */
  assignee: z.optional(id),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 25),
  cursor: z.optional(z.string().check(z.maxLength(2000))),
});

export const clueTransitionBody = z.strictObject({
  to: clueStatus,
  assignee: z.optional(id),
  note: z.optional(text(limits.note, { multiline: true })),
});

/** Import files: CSV or NDJSON (one JSON object a line), read by their extension as the import command reads them. */
export const importFileTypes = { '.csv': 'text/csv', '.ndjson': 'application/x-ndjson', '.jsonl': 'application/x-ndjson' } as const;
/** One PUT takes up to 5 GB; a file this large already holds millions of rows (2.9M companies are ~600 MB of CSV). */
export const maxImportBytes = 2 * 1024 ** 3;

export const importUploadBody = z.strictObject({
  /** One of the kinds in shared/imports/kinds.ts (checked by the use case, which names them). */
  kind: codeLike().check(z.regex(/^[a-z][a-z-]{1,39}$/, 'A kind is a name like "entities" or "sampling-results"')),
  fileName: fileName().check(
    z.refine((name) => Object.keys(importFileTypes).some((extension) => name.toLowerCase().endsWith(extension)), {
      message: `Only CSV or NDJSON files are imported: the name ends with ${Object.keys(importFileTypes).join(', ')}. Save a spreadsheet as "CSV UTF-8".`,
    }),
  ),
  /** Bytes; the upload URL only accepts exactly this size. */
  size: z.number().check(z.int(), z.minimum(1, 'The file is empty'), z.maximum(maxImportBytes, `At most ${maxImportBytes / 1024 ** 3} GB a file: split it and import the parts`)),
});

export const listImportsQuery = z.strictObject({
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 20),
  cursor: z.optional(z.string().check(z.maxLength(2000))),
});

export type AnnounceDrawInput = z.infer<typeof announceDrawBody>;
export type ListInspectionsQuery = z.infer<typeof listInspectionsQuery>;
export type InspectionCountsQuery = z.infer<typeof inspectionCountsQuery>;
export type EligibilityQuery = z.infer<typeof eligibilityQuery>;
export type EntityInput = z.infer<typeof entityBody>;
export type InspectorInput = z.infer<typeof inspectorBody>;
export type CreateInspectionInput = z.infer<typeof createInspectionBody>;
export type Finding = z.infer<typeof finding>;
export type RecordResultsInput = z.infer<typeof recordResultsBody>;
export type EvidenceFile = z.infer<typeof evidenceFile>;
export type SubmitRectificationInput = z.infer<typeof submitRectificationBody>;
export type ReviewRectificationInput = z.infer<typeof reviewRectificationBody>;
export type DateWindow = z.infer<typeof dateWindow>;
export type DeviceInput = z.infer<typeof deviceBody>;
export type PostAlertInput = z.infer<typeof postAlertBody>;
export type ListAlertsQuery = z.infer<typeof listAlertsQuery>;
export type ListWarningsQuery = z.infer<typeof listWarningsQuery>;
export type ImportUploadInput = z.infer<typeof importUploadBody>;
export type ListImportsQuery = z.infer<typeof listImportsQuery>;
export type ListEntitiesQuery = z.infer<typeof listEntitiesQuery>;
export type PageQuery = z.infer<typeof pageQuery>;
export type EntityFactsQuery = z.infer<typeof entityFactsQuery>;
export type ListInspectorsQuery = z.infer<typeof listInspectorsQuery>;
export type AlertType = (typeof alertTypes)[number];
