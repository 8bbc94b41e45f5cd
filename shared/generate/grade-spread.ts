/**
 * How a generated city grades: its entities and facts read through the import kinds (as `npm run import` would)
 * and graded by the shipped models with the scoring core, as a scoring run as of the reference day would. In memory.
 */
import type { Fact } from '../facts/model.ts';
import { importKinds } from '../imports/kinds.ts';
import { sayProblems } from '../imports/problems.ts';
import { scoreFromFacts } from '../scoring/job.ts';
import { loadModels, modelFor } from '../scoring/models.ts';
import { compileModel, type Grade } from '../scoring/score.ts';
import { referenceDay, syntheticEntities, syntheticFacts } from './synthetic.ts';

export function generatedGradeSpread(count: number, seed: number): Record<Grade | 'ungraded', number> {
  const entities = [...syntheticEntities(count, seed)];
  const facts = new Map<string, Fact[]>(entities.map((e) => [e.id, []]));
  for (const { kind, row } of syntheticFacts(entities, seed)) {
    const parsed = importKinds[kind].parse(Object.fromEntries(Object.entries(row).map(([field, value]) => [field, String(value)])));
    if ('errors' in parsed) throw new Error(`A generated ${kind} row does not import: ${sayProblems(parsed.errors, 'en')}`);
    if (parsed.record.type === 'fact') facts.get(parsed.record.fact.entityId)!.push(parsed.record.fact);
  }
  const models = loadModels();
  const grades = { A: 0, B: 0, C: 0, D: 0, ungraded: 0 };
  for (const entity of entities) {
    const { grades: graded } = scoreFromFacts(compileModel(modelFor(models, entity.segment)), [facts.get(entity.id)!], referenceDay);
    grades[graded[0] ?? 'ungraded']++;
  }
  return grades;
}
