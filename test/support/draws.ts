import type { ApiClient, Caller } from './api.ts';
import { supervisor } from './api.ts';
import type { LocalStack } from '../../local/stack.ts';
import { entityBody, inspectorBody } from './fixtures.ts';

export const food = 'food-safety';
export const equipment = 'special-equipment';
export const isoDay = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** A segment of graded companies and the inspectors of two departments, registered through the API. */
export async function cityDistrict(api: ApiClient, stack: LocalStack, segment: string, companies: number) {
  const grades = ['A', 'B', 'C', 'D', undefined] as const;
  const entityIds: string[] = [];
  for (let i = 0; i < companies; i++) {
    const id = `${segment}-co-${i}`;
    await api.request('PUT', `/entities/${id}`, { as: supervisor, body: { ...entityBody(`${segment} company ${i}`), segment } });
    const grade = grades[i % grades.length];
    // Grades come from scoring; here they are written straight to the record, as the scoring job would.
    if (grade) await stack.services.store.setGrade(id, grade);
    entityIds.push(id);
  }
  const inspectorIds: string[] = [];
  for (const [department, count] of [[food, 6], [equipment, 3]] as const) {
    for (let i = 0; i < count; i++) {
      const id = `${segment}-${department}-${i}`;
      await api.request('PUT', `/inspectors/${id}`, { as: supervisor, body: { ...inspectorBody(id, department), qualifications: [segment] } });
      inspectorIds.push(id);
    }
  }
  return { entityIds, inspectorIds };
}

export const drawBody = (segment: string, overrides: Record<string, unknown> = {}) => ({
  title: `${segment} spot checks`,
  department: food,
  segment,
  rule: { kind: 'ratio', percent: { A: 5, B: 20, C: 50, D: 100 } },
  window: { start: isoDay(7), end: isoDay(9) },
  items: ['Kitchen hygiene', 'Food storage'],
  contact: { name: 'Duty office', phone: '+86 21 6000 1234' },
  // The local stack cannot reach drand: draws here take the operator's beacon (drand's is tested on its own).
  beaconSource: 'operator',
  ...overrides,
});

/** Waits until the local job queue has nothing left, then reads the draw (as the public, unless `as` is given). */
export async function settled(api: ApiClient, stack: LocalStack, id: string, as?: Caller) {
  await stack.jobs.idle();
  return (await api.request('GET', `/draws/${id}`, as ? { as } : {})).body;
}

/** A visit window that ended yesterday: the draw's files are public. */
export const pastWindow = { start: isoDay(-3), end: isoDay(-1) };
