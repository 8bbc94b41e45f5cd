/** The companies search and the fact timeline over an in-memory directory: paging never skips nor repeats a row. */
import { describe, expect, it } from 'vitest';
import { listEntitiesQuery, entityFactsQuery } from '../../shared/api/schemas.ts';
import type { Principal } from '../../shared/auth/principal.ts';
import { entityFacts, listEntities, searchReads, type DirectoryServices } from '../../shared/entities/directory.ts';
import { factId, type Fact, type FactKind } from '../../shared/facts/model.ts';
import type { Entity } from '../../shared/inspections/model.ts';
import type { EntityDirectory, Store } from '../../shared/store/ports.ts';

const supervisor: Principal = { subject: 'sup', role: 'supervisor' };

/** Registry rows by segment, then district and id, as the byParent index orders them; a cursor is the last key read. */
function directoryOf(entities: Entity[], facts: Fact[] = []): DirectoryServices & { reads: number } {
  const key = (e: Entity) => `${e.district}#${e.id}`;
  const services = {
    reads: 0,
    store: { getEntity: async (id: string) => entities.find((e) => e.id === id) } as unknown as Store,
    directory: {
      async entitiesOfSegment(filter, page) {
        services.reads++;
        const rows = entities
          .filter((e) => e.segment === filter.segment && (!filter.district || e.district === filter.district))
          .sort((a, b) => key(a).localeCompare(key(b)))
          .filter((e) => !page.cursor || key(e) > page.cursor);
        const read = rows.slice(0, page.limit);
        const items = read.filter((e) => !filter.name || e.name.includes(filter.name)).map((entity) => ({ entity, after: key(entity) }));
        return { items, ...(rows.length > page.limit ? { cursor: key(read.at(-1)!) } : {}) };
      },
      entityByCreditCode: async (code) => entities.find((e) => e.creditCode === code),
      gradeHistory: async () => ({ items: [] }),
      async factsOfKind(entityId, kind, page) {
        const sortKey = (f: Pick<Fact, 'date' | 'id'>) => `${f.date}#${f.id}`;
        return facts
          .filter((f) => f.entityId === entityId && f.kind === kind && (!page.after || sortKey(f) < sortKey(page.after)))
          .sort((a, b) => sortKey(b).localeCompare(sortKey(a)))
          .slice(0, page.limit);
      },
    } satisfies EntityDirectory,
  };
  return services;
}

const company = (id: string, segment: string, district: string, grade?: Entity['grade'], name = `Company ${id}`): Entity => ({
  id,
  name,
  segment,
  district,
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...(grade ? { grade } : {}),
});

async function everyPage<T>(read: (cursor?: string) => Promise<{ items: T[]; cursor?: string }>) {
  const all: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await read(cursor);
    all.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return all;
}

describe('the companies search', () => {
  const grades = ['A', 'B', 'C', 'D'] as const;
  const city = [
    ...Array.from({ length: 23 }, (_, i) => company(`c${String(i).padStart(2, '0')}`, 'catering', i % 2 ? 'Huangpu' : 'Xuhui', grades[i % 4])),
    ...Array.from({ length: 7 }, (_, i) => company(`r${i}`, 'retail', 'Pudong', grades[i % 4])),
  ];

  it('walks every segment page by page, stopping a page mid-read when a grade fills it, and resuming right after', async () => {
    const services = directoryOf(city);
    const read = (grade: 'D' | undefined) => (cursor?: string) => listEntities(services, supervisor, listEntitiesQuery.parse({ limit: '2', ...(grade ? { grade } : {}), ...(cursor ? { cursor } : {}) }));
    const everything = await everyPage(read(undefined));
    expect(everything.map((row) => row.id).sort()).toEqual(city.map((e) => e.id).sort());
    const gradeD = await everyPage(read('D'));
    expect(gradeD.map((row) => row.id)).toEqual(['c03', 'c07', 'c11', 'c15', 'c19', 'r3']);
  });

  it('gives a department supervisor its segments only', async () => {
    const services = directoryOf(city);
    const productQuality: Principal = { subject: 'pq', role: 'supervisor', department: 'product-quality' };
    const rows = await everyPage((cursor) => listEntities(services, productQuality, listEntitiesQuery.parse({ ...(cursor ? { cursor } : {}) })));
    expect(new Set(rows.map((row) => row.segment))).toEqual(new Set(['retail']));
  });

  it('reads a bounded stretch per request when a name matches nothing, and says where to go on', async () => {
    const services = directoryOf(Array.from({ length: 2000 }, (_, i) => company(`x${String(i).padStart(4, '0')}`, 'catering', 'Huangpu')));
    const page = await listEntities(services, supervisor, listEntitiesQuery.parse({ segment: 'catering', name: '不存在' }));
    expect(page.items).toEqual([]);
    expect(page.cursor).toBeDefined();
    expect(services.reads).toBe(searchReads.filtered);
  });
});

describe('the timeline of facts', () => {
  const kinds: FactKind[] = ['inspection', 'violation', 'complaint', 'alert'];
  const facts = Array.from({ length: 41 }, (_, i) => {
    const content = { entityId: 'e1', kind: kinds[(i * 7) % kinds.length]!, date: `2026-0${1 + (i % 9)}-${String(1 + (i % 27)).padStart(2, '0')}`, source: 'test', detail: `n${i}` };
    return { ...content, id: factId(content) };
  });

  it('pages through every kind merged, newest first, each fact once', async () => {
    const services = directoryOf([company('e1', 'catering', 'Huangpu')], facts);
    const seen = await everyPage((cursor) => entityFacts(services, supervisor, 'e1', entityFactsQuery.parse({ limit: '4', ...(cursor ? { cursor } : {}) })));
    expect(seen).toHaveLength(facts.length);
    expect(new Set(seen.map((f) => f.id)).size).toBe(facts.length);
    expect(seen.map((f) => f.date)).toEqual([...seen.map((f) => f.date)].sort().reverse());
  });
});
