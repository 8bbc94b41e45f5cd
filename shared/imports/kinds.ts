/**
 * What can be imported, as data: for each kind the row schema (zod, over the file's text fields), how a row
 * becomes a record, and what makes two rows the same. The open LIVES restaurant-inspection feed (businesses,
 * inspections, violations) maps onto entities and facts.
 */
import * as z from 'zod/mini';
import { codeLike, entityBody, id, inspectorBody, isoDate, limits, list, text, writtenDate } from '../api/schemas.ts';
import { factId, type Fact } from '../facts/model.ts';
import { humanText } from '../text.ts';
import type { EntityInput, InspectorInput } from '../api/schemas.ts';
import type { ImportKindName } from './kind-labels.ts';
import { fieldProblem, inChinese, type RowProblem } from './problems.ts';

export type { ImportKindName };

/** A supervising department: the name people read, and the districts it covers. */
export interface Department {
  name: string;
  districts: string[];
}

export type ImportRecord =
  | { type: 'entity'; id: string; entity: EntityInput }
  | { type: 'inspector'; id: string; inspector: InspectorInput }
  | { type: 'department'; id: string; department: Department }
  | { type: 'fact'; fact: Fact };

/** A kind's parser; its name and columns, in both languages, are in ./kind-labels.ts. */
export interface ImportKind {
  /** The field naming the company a fact row is about (default `entityId`), for reporting a company not registered. */
  entityField?: string;
  /** Validates one row's fields (empty cells already removed) and turns it into a record. */
  parse(fields: Record<string, string>): { record: ImportRecord } | { errors: RowProblem[] };
}

/** A `a; b; c` cell (full-width "；" too) as a list, each entry then held to the list's own schema. */
const listCell = <T extends z.ZodMiniType<unknown, string[]>>(items: T) =>
  z.pipe(
    z.pipe(
      z.optional(z.string()),
      z.transform((cell) => (cell ?? '').split(/[;；]/).filter((entry) => humanText(entry) !== '')),
    ),
    items,
  );
const booleanCell = z.pipe(
  z.optional(z.enum(['true', 'false', 'yes', 'no', '1', '0'])),
  z.transform((cell) => cell === undefined || ['true', 'yes', '1'].includes(cell)),
);
/**
 * LIVES dates are YYYYMMDD, read by the same date parser as every other date. Feeds of other cities write the same
 * day as 2024-02-29 or with a time of day (2024-02-29T00:00:00.000, as open-data portals export): read as that day.
 */
const livesDate = z.pipe(
  codeLike().check(z.overwrite((written) => /^(\d{4})-?(\d{2})-?(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/.exec(written)?.slice(1).join('') ?? written)),
  writtenDate('YYYYMMDD'),
);
/** The spec says a number, other cities' feeds use letters too ("PR0043120"): any unambiguous id is kept as written. */
const businessId = codeLike().check(
  z.regex(inChinese(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/, 'LIVES 的 business_id 为 1–40 个字母、数字或“_”“.”“-”'), 'A LIVES business_id is 1-40 letters, digits, "_", "." or "-"'),
);
const livesEntityId = (businessIdValue: string) => `sf-${businessIdValue}`;

/** A fact row of the platform's own formats, keyed by content. */
const fact = (value: Omit<Fact, 'id'>): ImportRecord => ({ type: 'fact', fact: { ...value, id: factId(value) } });

function via<S extends z.ZodMiniType>(schema: S, toRecord: (value: z.infer<S>) => ImportRecord): ImportKind['parse'] {
  return (fields) => {
    const parsed = schema.safeParse(fields);
    return parsed.success ? { record: toRecord(parsed.data) } : { errors: parsed.error.issues.map(fieldProblem) };
  };
}

/** A list an entity is put on and, maybe, taken off again, with why. */
const listingRow = z
  .object({ entityId: id, listedOn: isoDate, removedOn: z.optional(isoDate), reason: text(200) })
  .check(z.refine((a) => !a.removedOn || a.removedOn >= a.listedOn, { message: 'Removed before being listed', path: ['removedOn'], params: { zh: '移出日期早于列入日期' } }));
const year = z.pipe(codeLike().check(z.regex(inChinese(/^(19|20)\d{2}$/, '年份为 1900–2099 的四位数字'), 'A year is four digits, 1900-2099')), z.transform(Number));
/** What a court record says of the entity: a lawsuit against it, an enforcement against it, or a restriction of high consumption (限制高消费). */
const courtCaseTypes = ['lawsuit-as-defendant', 'enforcement', 'consumption-restriction'] as const;
/** The tax authority's levels as the general model reads them (A = 4 … D = 1; M, for new taxpayers, between B and C). */
const taxLevels = { A: 4, B: 3, M: 2.5, C: 2, D: 1 } as const;
/** An amount of money in yuan, as written: digits with up to two decimals. */
const yuan = z.pipe(codeLike().check(z.regex(inChinese(/^\d{1,12}(\.\d{1,2})?$/, '金额以元计：数字，最多两位小数，不加千位分隔符'), 'An amount is yuan: digits, up to 2 decimals, no separators')), z.transform(Number));
/** What a registration change can be about; the credit model counts address, legal-representative and shareholder changes. */
const registrationFields = ['address', 'legal-representative', 'shareholder', 'registered-capital', 'name', 'business-scope'] as const;

/** A product tested for the authority, by sampling or a quality spot check: a `sampling` fact, 1 if it failed. */
const productTest = { entityId: id, product: text(200), date: isoDate, result: z.enum(['pass', 'fail']) };
const productTestFact = (r: { entityId: string; product: string; date: string; result: 'pass' | 'fail' }, number: string, source: string) =>
  fact({ entityId: r.entityId, kind: 'sampling', date: r.date, value: r.result === 'fail' ? 1 : 0, detail: `${number} ${r.product}`, source });

const entityRow = z.extend(entityBody, { id });
const inspectorRow = z.extend(inspectorBody, {
  id,
  qualifications: listCell(inspectorBody.shape.qualifications),
  recusals: listCell(list(id, 0, limits.recusals)),
  active: booleanCell,
});

const livesBusiness = z.object({
  business_id: businessId,
  name: text(limits.name),
  address: z.optional(text(250)),
  city: z.optional(text(limits.label)),
  /** A ZIP code, ZIP+4 ("10001-1234") included; other countries' codes are kept in the address only. */
  postal_code: z.optional(codeLike().check(z.maxLength(12, 'At most 12 characters'))),
});

export const importKinds = {
  entities: {
    parse: via(entityRow, ({ id: entityId, ...entity }) => ({ type: 'entity', id: entityId, entity })),
  },
  inspectors: {
    parse: via(inspectorRow, ({ id: inspectorId, ...inspector }) => ({ type: 'inspector', id: inspectorId, inspector })),
  },
  'lives-businesses': {
    parse: via(livesBusiness, (b) => {
      // The ZIP code is the district: it is what San Francisco's inspectors are organised by.
      const zip = /^\d{5}/.exec(b.postal_code ?? '')?.[0];
      return {
        type: 'entity',
        id: livesEntityId(b.business_id),
        entity: {
          name: b.name,
          segment: 'catering',
          district: zip ?? 'unknown',
          ...(b.address ? { address: [b.address, b.city].filter(Boolean).join(', ') } : {}),
        },
      };
    }),
  },
  'lives-inspections': {
    entityField: 'business_id',
    parse: via(
      z.object({
        business_id: businessId,
        score: z.optional(z.pipe(codeLike().check(z.regex(inChinese(/^(100|\d{1,2})(\.0+)?$/, '分数为 0–100 的整数'), 'A score is a whole number from 0 to 100')), z.transform(Number))),
        date: livesDate,
        type: text(100),
      }),
      (i) => fact({ entityId: livesEntityId(i.business_id), kind: 'inspection', date: i.date, ...(i.score === undefined ? {} : { value: i.score }), detail: i.type, source: 'lives-sf' }),
    ),
  },
  'lives-violations': {
    entityField: 'business_id',
    parse: via(
      z.object({ business_id: businessId, date: livesDate, description: text(1000) }),
      (v) => fact({ entityId: livesEntityId(v.business_id), kind: 'violation', date: v.date, detail: v.description, source: 'lives-sf' }),
    ),
  },
  departments: {
    parse: via(z.object({ id: text(limits.label), name: text(limits.name), districts: listCell(list(text(limits.label), 0, 50)) }), (d) => ({ type: 'department', id: d.id, department: { name: d.name, districts: d.districts } })),
  },
  licences: {
    parse: via(
      z
        .object({ entityId: id, licenceNo: text(64), type: text(100), issuedOn: isoDate, expiresOn: isoDate })
        .check(z.refine((l) => l.expiresOn >= l.issuedOn, { message: 'A licence expires after it is issued', path: ['expiresOn'], params: { zh: '有效期截止日早于发证日期' } })),
      (l) => fact({ entityId: l.entityId, kind: 'licence', date: l.issuedOn, until: l.expiresOn, detail: `${l.type} ${l.licenceNo}`, source: 'import' }),
    ),
  },
  'sampling-results': {
    parse: via(z.object({ ...productTest, sampleNo: text(64) }), (r) => productTestFact(r, r.sampleNo, 'import')),
  },
  'quality-spot-checks': {
    parse: via(z.object({ ...productTest, checkNo: text(64) }), (r) => productTestFact(r, r.checkNo, 'spot-check')),
  },
  complaints: {
    parse: via(
      z.object({ entityId: id, caseNo: text(64), date: isoDate, type: z.enum(['complaint', 'report']), verified: booleanCell, summary: z.optional(text(1000)) }),
      (c) => fact({ entityId: c.entityId, kind: c.type, date: c.date, value: c.verified ? 1 : 0, detail: c.caseNo, source: 'import' }),
    ),
  },
  'debtor-list': {
    parse: via(
      z
        .object({ entityId: id, listedOn: isoDate, removedOn: z.optional(isoDate), who: z.enum(['entity', 'legal-representative']), caseNo: text(64) })
        .check(z.refine((d) => !d.removedOn || d.removedOn >= d.listedOn, { message: 'Removed before being listed', path: ['removedOn'], params: { zh: '移出日期早于列入日期' } })),
      (d) => fact({ entityId: d.entityId, kind: 'debtor-listing', date: d.listedOn, ...(d.removedOn ? { until: d.removedOn } : {}), detail: d.who, source: 'import' }),
    ),
  },
  'abnormal-operations': {
    parse: via(listingRow, (a) => fact({ entityId: a.entityId, kind: 'abnormal-listing', date: a.listedOn, ...(a.removedOn ? { until: a.removedOn } : {}), detail: a.reason, source: 'import' })),
  },
  'serious-illegal-list': {
    parse: via(listingRow, (a) => fact({ entityId: a.entityId, kind: 'serious-illegal-listing', date: a.listedOn, ...(a.removedOn ? { until: a.removedOn } : {}), detail: a.reason, source: 'import' })),
  },
  'court-cases': {
    parse: via(
      z
        .object({ entityId: id, caseNo: text(64), filedOn: isoDate, type: z.enum(courtCaseTypes), closedOn: z.optional(isoDate) })
        .check(z.refine((c) => !c.closedOn || c.closedOn >= c.filedOn, { message: 'Closed before being filed', path: ['closedOn'], params: { zh: '结案日期早于立案日期' } })),
      (c) => fact({ entityId: c.entityId, kind: 'court-case', date: c.filedOn, ...(c.closedOn ? { until: c.closedOn } : {}), detail: c.type, source: 'import' }),
    ),
  },
  'tax-credit-ratings': {
    parse: via(
      z.object({ entityId: id, year: year, level: z.enum(Object.keys(taxLevels) as [keyof typeof taxLevels]) }),
      (r) => fact({ entityId: r.entityId, kind: 'tax-rating', date: `${r.year + 1}-04-01`, value: taxLevels[r.level], detail: `${r.year} ${r.level}`, source: 'import' }),
    ),
  },
  penalties: {
    parse: via(
      z.object({ entityId: id, caseNo: text(64), decidedOn: isoDate, amount: yuan, violation: z.optional(text(1000)) }),
      (p) => fact({ entityId: p.entityId, kind: 'penalty', date: p.decidedOn, value: p.amount, detail: p.caseNo, source: 'import' }),
    ),
  },
  'licence-changes': {
    parse: via(
      z.object({ entityId: id, changedOn: isoDate, field: z.enum(registrationFields), before: z.optional(text(250)), after: z.optional(text(250)) }),
      (c) => fact({ entityId: c.entityId, kind: 'registration-change', date: c.changedOn, detail: c.field, source: 'import' }),
    ),
  },
  'annual-reports': {
    parse: via(
      z
        .object({ entityId: id, year, filedOn: isoDate })
        .check(z.refine((r) => r.filedOn > `${r.year}-12-31`, { message: 'A year is reported after it ends', path: ['filedOn'], params: { zh: '年度报告在该年度结束后才能报送' } })),
      (r) => fact({ entityId: r.entityId, kind: 'annual-report', date: r.filedOn, value: r.filedOn <= `${r.year + 1}-06-30` ? 1 : 0, detail: String(r.year), source: 'import' }),
    ),
  },
  recalls: {
    parse: via(
      z.object({ entityId: id, recallNo: text(64), date: isoDate, product: text(200), level: z.enum(['1', '2', '3']) }),
      (r) => fact({ entityId: r.entityId, kind: 'recall', date: r.date, value: Number(r.level), detail: `${r.recallNo} ${r.product}`, source: 'import' }),
    ),
  },
} as const satisfies Record<ImportKindName, ImportKind>;

/** What makes two rows the same record: a second one in the same file is reported, not stored twice. */
export const identityOf = (record: ImportRecord) => (record.type === 'fact' ? `fact:${record.fact.entityId}:${record.fact.id}` : `${record.type}:${record.id}`);
