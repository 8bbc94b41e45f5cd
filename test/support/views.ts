/** Entities as the rules see them, built in a line: the shape of the warning-model and trigger tests. */
import { factId, type Fact, type FactKind } from '../../shared/facts/model.ts';
import type { EntityView, Grade } from '../../shared/rules/evaluate.ts';

export const asOf = '2030-03-15';

export function fact(kind: FactKind, date: string, more: Partial<Pick<Fact, 'value' | 'detail' | 'until'>> = {}): Fact {
  const content = { entityId: 'ent-1', kind, date, ...more, source: 'test' };
  return { ...content, id: factId(content) };
}

/** A view of `ent-1`; grades are given as [grade, ISO day] pairs, oldest first. */
export function view(overrides: Partial<Omit<EntityView, 'grades'>> & { grades?: [Grade, string][] } = {}): EntityView {
  const { grades = [], ...rest } = overrides;
  const latest = grades.at(-1)?.[0];
  return {
    id: 'ent-1',
    name: '测试食品有限公司 Test Foods',
    segment: 'food-production',
    district: 'Xuhui',
    lastInspectorIds: [],
    facts: [],
    ...(latest ? { grade: latest } : {}),
    ...rest,
    grades: grades.map(([grade, day]) => ({ grade, at: `${day}T02:00:00.000Z`, on: day })),
  };
}
