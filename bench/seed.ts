import { Readable } from 'node:stream';
import { syntheticEntities, syntheticFactKinds, syntheticFacts, syntheticInspectors } from '../shared/generate/synthetic.ts';
import { importKinds, type ImportKindName } from '../shared/imports/kinds.ts';
import { readRows } from '../shared/imports/read-rows.ts';
import { runImport } from '../shared/imports/run-import.ts';
import { DynamoImportSink } from '../shared/store/dynamodb-import-sink.ts';
import type { DynamoStore } from '../shared/store/dynamodb-store.ts';
import type { Principal } from '../shared/auth/principal.ts';
import { issueCode } from '../shared/codes/issuance.ts';
import { upsertEntity, upsertInspector } from '../shared/entities/registry.ts';
import { createInspection } from '../shared/inspections/service.ts';
import type { DrawServices } from '../shared/draws/service.ts';
import type { FileServices } from '../shared/services.ts';
import { mapInParallel } from '../shared/concurrency.ts';

const supervisor: Principal = { subject: 'bench', role: 'supervisor' };

/**
 * Plans `count` inspections, each of its own company, by two inspectors: `count` visits, so issuing their codes
 * makes `count` distinct codes (inspections of one company in one window would join one visit and share one code).
 */
export async function planInspections(services: FileServices & Pick<DrawServices, 'draws'>, count: number) {
  for (const id of ['bench-a', 'bench-b']) {
    await upsertInspector(services, supervisor, id, { name: id, department: 'food-safety', district: 'Huangpu', certificateNo: `SH-${id}-01`, qualifications: ['catering', 'baseline'], recusals: [], active: true });
  }
  const start = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    // Their own segment, so that they never fall into the pool of a benchmark draw over 'catering'.
    const entityId = `bench-co-${i}`;
    await upsertEntity(services, supervisor, entityId, { name: `基准测试餐饮有限公司 Bench Catering ${i}`, segment: 'baseline', district: 'Huangpu' });
    const { inspection } = await createInspection(
      services,
      supervisor,
      {
        entityId,
        departments: ['food-safety'],
        items: ['后厨卫生 Kitchen hygiene', '食品贮存 Food storage'],
        window: { start, end: start },
        inspectorIds: ['bench-a', 'bench-b'],
        contact: { name: 'Duty office', phone: '+86 21 6000 1234' },
        // The same two hold every visit, past the workload cap a planner is held to.
        justification: 'Benchmark: two inspectors hold every visit.',
      },
      undefined,
    );
    ids.push(inspection.id);
  }
  return ids;
}

export const issueAll = (services: FileServices, ids: string[], baseUrl: string, concurrency: number) =>
  mapInParallel(ids, concurrency, async (id) => (await issueCode(services, supervisor, id, baseUrl)).issued.code);

/**
 * The generated city of `npm run generate` (entities, inspectors and every kind of fact), imported into a running
 * stack through the import path itself, as `npm run import` would. Returns how many facts it holds.
 */
export async function importGeneratedCity(store: DynamoStore, count: number, seed: number): Promise<{ facts: number }> {
  const sink = new DynamoImportSink(store.client, store.tableName, () => new Date().toISOString());
  const entities = [...syntheticEntities(count, seed)];
  const facts = [...syntheticFacts(entities, seed)];
  const files: [ImportKindName, unknown[]][] = [
    ['entities', entities],
    ['inspectors', [...syntheticInspectors(count, seed)]],
    ...syntheticFactKinds.map((kind): [ImportKindName, unknown[]] => [kind, facts.filter((f) => f.kind === kind).map((f) => f.row)]),
  ];
  for (const [kind, rows] of files) {
    await runImport({ kind: importKinds[kind], rows: readRows('ndjson', Readable.from(rows.map((r) => `${JSON.stringify(r)}\n`))), sink, onCommitted: () => undefined });
  }
  return { facts: facts.length };
}
