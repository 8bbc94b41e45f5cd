/**
 * The companies a supervisor looks up, and one company's past: its grade history and the facts the credit models
 * and warning rules read (its timeline). The registry lists companies under their segment by district and id (the
 * only index the city's 2.9M companies have), so the search walks the segments the supervisor's department
 * supervises, a bounded read at a time: segment and district narrow the read by key, name and grade are compared
 * within what was read, and a credit code goes straight to its company.
 */
import * as z from 'zod/mini';
import type { EntityFactsQuery, PageQuery, ListEntitiesQuery } from '../api/schemas.ts';
import type { Principal } from '../auth/principal.ts';
import { actsFor, departmentsOfSegment, requireScope, supervisedSegments } from '../auth/scope.ts';
import { DomainError } from '../domain-error.ts';
import { factKinds, type Fact, type FactKind } from '../facts/model.ts';
import type { Entity } from '../inspections/model.ts';
import { requireAccess } from '../inspections/access.ts';
import { segmentNames } from '../labels.ts';
import type { Services } from '../services.ts';
import type { EntityDirectory } from '../store/ports.ts';
import { readEntity } from './registry.ts';

export type DirectoryServices = Pick<Services, 'store'> & { directory: EntityDirectory };

/** A company as the list shows it. */
export type EntityRow = Pick<Entity, 'id' | 'creditCode' | 'name' | 'segment' | 'district' | 'grade' | 'score' | 'asOf'>;

/**
 * Reads of the registry one request makes at most. Name and grade filter what is read, 250 rows a read, so a page
 * may come back short, or empty, with a cursor (the console says how far the search got). Without them every row
 * read is shown, and a read only falls short at the end of a segment.
 */
export const searchReads = { filtered: 4, plain: 32 } as const;
const filteredReadRows = 250;

const row = ({ id, creditCode, name, segment, district, grade, score, asOf }: Entity): EntityRow => ({
  id,
  ...(creditCode ? { creditCode } : {}),
  name,
  segment,
  district,
  ...(grade ? { grade } : {}),
  ...(score !== undefined ? { score } : {}),
  ...(asOf ? { asOf } : {}),
});

/** The segments whose companies this supervisor lists, in a fixed order (the search walks them one after another). */
export const segmentsInScope = (principal: Principal): string[] =>
  [...new Set([...supervisedSegments(), ...Object.keys(segmentNames)])].sort().filter((segment) => actsFor(principal, departmentsOfSegment(segment)));

const staleCursor = () => new DomainError('invalid', 'invalid_cursor', 'This cursor does not continue this list; start again without it.');

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function decode<T>(cursor: string, schema: z.ZodMiniType<T>): T {
  try {
    const read = schema.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (read.success) return read.data;
  } catch {
    // Not JSON: refused below like any other cursor that is not ours.
  }
  throw staleCursor();
}

const searchCursor = z.strictObject({ segment: z.string(), after: z.optional(z.string()) });

const matches = (entity: Entity, query: ListEntitiesQuery) =>
  (!query.segment || entity.segment === query.segment) &&
  (!query.district || entity.district === query.district) &&
  (!query.name || entity.name.includes(query.name)) &&
  (!query.grade || entity.grade === query.grade);

/** A page of the companies this supervisor's department supervises (city-wide: all), with a cursor when there are more. */
export async function listEntities(services: DirectoryServices, principal: Principal, query: ListEntitiesQuery): Promise<{ items: EntityRow[]; cursor?: string }> {
  requireAccess(principal.role === 'supervisor', 'Only supervisors search the companies.');
  if (query.segment) requireScope(principal, departmentsOfSegment(query.segment), `the companies of segment ${query.segment}`);
  if (query.creditCode) {
    const entity = await services.directory.entityByCreditCode(query.creditCode);
    // Outside the department's segments it is as if not found: the list holds what the desk works.
    const shown = entity && actsFor(principal, departmentsOfSegment(entity.segment)) && matches(entity, query);
    return { items: shown ? [row(entity)] : [] };
  }

  const segments = query.segment ? [query.segment] : segmentsInScope(principal);
  let position: { segment: string; after?: string } | undefined = query.cursor ? decode(query.cursor, searchCursor) : segments[0] ? { segment: segments[0] } : undefined;
  if (position && !segments.includes(position.segment)) throw staleCursor();
  const filtering = Boolean(query.name || query.grade);
  const items: EntityRow[] = [];
  const reads = filtering ? searchReads.filtered : searchReads.plain;
  for (let read = 0; position && items.length < query.limit && read < reads; read++) {
    const limit = filtering ? filteredReadRows : query.limit - items.length;
    const found = await services.directory.entitiesOfSegment(
      { segment: position.segment, ...(query.district ? { district: query.district } : {}), ...(query.name ? { name: query.name } : {}) },
      { limit, ...(position.after ? { cursor: position.after } : {}) },
    );
    let stoppedAfter: string | undefined;
    for (const [index, { entity, after }] of found.items.entries()) {
      if (query.grade && entity.grade !== query.grade) continue;
      items.push(row(entity));
      if (items.length === query.limit && (index < found.items.length - 1 || found.cursor)) {
        stoppedAfter = after;
        break;
      }
    }
    const next: string | undefined = segments[segments.indexOf(position.segment) + 1];
    position = stoppedAfter ? { segment: position.segment, after: stoppedAfter } : found.cursor ? { segment: position.segment, after: found.cursor } : next ? { segment: next } : undefined;
  }
  return { items, ...(position ? { cursor: encode(position) } : {}) };
}

/** An entity's grade changes, newest first (the same access as reading the entity). */
export async function entityGrades(services: DirectoryServices, principal: Principal, id: string, query: PageQuery) {
  await readEntity(services, principal, id);
  return services.directory.gradeHistory(id, { limit: query.limit, ...(query.cursor ? { cursor: query.cursor } : {}) });
}

/** Per kind: the last fact shown ([date, id]), or 0 once every fact of the kind was shown. */
const timelineCursor = z.partialRecord(z.enum(factKinds), z.union([z.tuple([z.string(), z.string()]), z.literal(0)]));

/** Newest first; on the same day by kind, then as each kind's own list orders them (id, descending). */
const newestFirst = (a: Fact, b: Fact) =>
  a.date !== b.date ? (a.date < b.date ? 1 : -1) : a.kind !== b.kind ? factKinds.indexOf(a.kind) - factKinds.indexOf(b.kind) : a.id < b.id ? 1 : a.id > b.id ? -1 : 0;

/**
 * An entity's facts newest first, every kind merged (or one kind). Facts are stored by kind, then date: each page
 * reads the next `limit` facts of every kind still unfinished and shows the newest `limit` of them; the cursor
 * remembers, per kind, the last one shown.
 */
export async function entityFacts(services: DirectoryServices, principal: Principal, id: string, query: EntityFactsQuery): Promise<{ items: Fact[]; cursor?: string }> {
  await readEntity(services, principal, id);
  const kinds: readonly FactKind[] = query.kind ? [query.kind] : factKinds;
  const positions = query.cursor ? decode(query.cursor, timelineCursor) : {};
  if (Object.keys(positions).some((kind) => !kinds.includes(kind as FactKind))) throw staleCursor();
  const open = kinds.filter((kind) => positions[kind] !== 0);
  const pages = await Promise.all(
    open.map((kind) => {
      const last = positions[kind];
      return services.directory.factsOfKind(id, kind, { limit: query.limit, ...(last ? { after: { date: last[0], id: last[1] } } : {}) });
    }),
  );
  const items = pages.flat().sort(newestFirst).slice(0, query.limit);
  const next: z.infer<typeof timelineCursor> = { ...positions };
  open.forEach((kind, index) => {
    const page = pages[index]!;
    const shown = items.filter((fact) => fact.kind === kind);
    const last = shown.at(-1);
    if (page.length < query.limit && shown.length === page.length) next[kind] = 0;
    else if (last) next[kind] = [last.date, last.id];
  });
  const more = kinds.some((kind) => next[kind] !== 0);
  return { items, ...(more ? { cursor: encode(next) } : {}) };
}
