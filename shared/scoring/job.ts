/**
 * Grades every entity: metrics from its facts, the model of its segment, a score and a grade. Only grades that
 * changed (or a different model, or none before) are written, each with its explanation and a history entry, so
 * a nightly run over an unchanged city writes nothing and a re-run after a crash just finishes the rest.
 */
import type { GradeChange, GradeDistribution, ScoringStore } from '../store/ports.ts';
import { metricsFromFacts } from './metrics.ts';
import { modelFor, type ModelSet } from './models.ts';
import { compileModel, explain, gradeOf, scoreColumns, type CompiledModel, type Grade } from './score.ts';

export interface ScoringRun {
  store: ScoringStore;
  models: ModelSet;
  /** The day the windows of the metrics end (YYYY-MM-DD). */
  asOf: string;
  /** The run this is part of, and which share of the table it grades (one segment of a parallel scan). */
  runId: string;
  partition?: { segment: number; segments: number };
  now: () => string;
  onProgress?: (progress: { scored: number; changed: number }) => void;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export async function scoreAll(run: ScoringRun): Promise<{ scored: number; changed: number; grades: Record<Grade, number> }> {
  const compiled = new Map<string, CompiledModel>();
  const grades: Record<Grade, number> = { A: 0, B: 0, C: 0, D: 0 };
  const bySegment: GradeDistribution['bySegment'] = {};
  const byDistrict: GradeDistribution['byDistrict'] = {};
  const tally = (table: Record<string, Record<Grade, number>>, key: string, grade: Grade) => {
    table[key] ??= { A: 0, B: 0, C: 0, D: 0 };
    table[key][grade]++;
  };
  let scored = 0;
  let changed = 0;
  const partition = run.partition ?? { segment: 0, segments: 1 };
  for await (const page of run.store.entityPages(partition)) {
    const ids = page.map((e) => e.id);
    const [facts, states] = await Promise.all([run.store.factsOf(ids), run.store.entityStates(ids)]);
    const byModel = new Map<string, typeof page>();
    for (const entity of page) {
      const model = modelFor(run.models, entity.segment);
      const key = `${model.id}@${model.version}`;
      if (!compiled.has(key)) compiled.set(key, compileModel(model));
      if (!byModel.has(key)) byModel.set(key, []);
      byModel.get(key)!.push(entity);
    }
    const changes: GradeChange[] = [];
    for (const [key, entities] of byModel) {
      const model = compiled.get(key)!;
      const metrics = entities.map((e) => metricsFromFacts(facts.get(e.id) ?? [], run.asOf));
      const columns = model.model.indicators.map((indicator) => Float64Array.from(metrics, (m) => m[indicator.metric] ?? NaN));
      const scores = scoreColumns(model, columns, entities.length);
      entities.forEach((entity, e) => {
        const grade = gradeOf(scores[e]!, model.model.grades);
        grades[grade]++;
        tally(bySegment, entity.segment, grade);
        tally(byDistrict, entity.district, grade);
        const previous = states.get(entity.id);
        if (previous?.grade === grade && previous.model === key) return;
        const why = explain(model, columns.map((column) => column[e]!));
        changes.push({
          entityId: entity.id,
          grade,
          score: round2(why.score),
          model: key,
          gradedAt: run.now(),
          explanation: {
            categories: why.categories.map(({ id, name, score }) => ({ id, name, score: round2(score) })),
            costliest: why.costliest.map(({ id, name, value, pointsLost }) => ({ id, name, value, pointsLost: round2(pointsLost) })),
          },
        });
      });
    }
    await run.store.writeGrades(changes);
    scored += page.length;
    changed += changes.length;
    run.onProgress?.({ scored, changed });
  }
  await run.store.writeGradeDistribution(run.runId, partition.segment, { asOf: run.asOf, at: run.now(), total: grades, bySegment, byDistrict });
  return { scored, changed, grades };
}
