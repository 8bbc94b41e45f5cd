import type { Principal } from '../shared/auth/principal.ts';
import { issueCode } from '../shared/codes/issuance.ts';
import { upsertEntity, upsertInspector } from '../shared/entities/registry.ts';
import { createInspection } from '../shared/inspections/service.ts';
import type { FileServices } from '../shared/services.ts';
import { mapInParallel } from '../shared/concurrency.ts';

const supervisor: Principal = { subject: 'bench', role: 'supervisor' };

/** Plans `count` inspections of one company by two inspectors, optionally issuing their codes with `concurrency` in flight. */
export async function planInspections(services: FileServices, count: number) {
  // Its own segment, so that it never falls into the pool of a benchmark draw over 'catering'.
  await upsertEntity(services, supervisor, 'bench-co', { name: '基准测试餐饮有限公司 Bench Catering', segment: 'baseline', district: 'Huangpu' });
  for (const id of ['bench-a', 'bench-b']) {
    await upsertInspector(services, supervisor, id, { name: id, department: 'food-safety', district: 'Huangpu', certificateNo: `SH-${id}-01`, qualifications: ['catering'], recusals: [], active: true });
  }
  const start = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const { inspection } = await createInspection(
      services,
      supervisor,
      {
        entityId: 'bench-co',
        departments: ['food-safety'],
        items: ['后厨卫生 Kitchen hygiene', '食品贮存 Food storage'],
        window: { start, end: start },
        inspectorIds: ['bench-a', 'bench-b'],
        contact: { name: 'Duty office', phone: '+86 21 6000 1234' },
      },
      undefined,
    );
    ids.push(inspection.id);
  }
  return ids;
}

export const issueAll = (services: FileServices, ids: string[], baseUrl: string, concurrency: number) =>
  mapInParallel(ids, concurrency, async (id) => (await issueCode(services, supervisor, id, baseUrl)).issued.code);
