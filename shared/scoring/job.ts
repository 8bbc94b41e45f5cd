/**
 * Grades every entity: metrics from its facts, the model of its segment, a score, a coverage and a grade (or
 * none: ungraded). Every entity is evaluated on every run, so every score and explanation is current as of the
 * run; only the *write* is skipped when the result (grade, score, coverage, model, explanation) is what the entity
 * already holds. The run's as-of date lives once in the run record, so an unchanged entity needs no write to be
 * "current as of" it (see DynamoStore.getEntity). A grade history entry is appended only when the grade (or the
 * model) changes. A nightly run over an unchanged city writes nothing; a re-run after a crash finishes the rest.
 */
import { isDeepStrictEqual } from 'node:util';
import { emptyTally, type GradeChange, type GradeDistribution, type GradeTally, type ScoringStore } from '../store/ports.ts';
import { scoreLearned } from './learned.ts';
import { metricsFromFacts } from './metrics.ts';
import { modelFor, type ModelSet } from './models.ts';
import { compileModel, explain, gradeOf, scoreColumns, type CompiledModel, type Explanation, type Grade } from './score.ts';
import type { Fact } from '../facts/model.ts';
import type { EntitySystemFields } from '../inspections/model.ts';

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


/** What an entity's state holds of its grading, to tell whether this run changed it. */
const graded = (state: EntitySystemFields | undefined) =>
  state && { grade: state.grade, score: state.score, coverage: state.coverage, model: state.model, explanation: state.explanation };

/**
 * The pure core of a run, which the backtest (shared/scoring/backtest.ts) uses as is: the metrics of entities of
 * one model from their facts as of a day, as columns, with each entity's score, coverage and grade.
 */
export function scoreFromFacts(model: CompiledModel, factsOfEach: readonly (readonly Fact[])[], asOf: string) {
  const metrics = factsOfEach.map((facts) => metricsFromFacts(facts, asOf));
  const columns = model.model.indicators.map((indicator) => Float64Array.from(metrics, (m) => m[indicator.metric] ?? NaN));
  const { scores, coverage } = scoreColumns(model, columns, metrics.length);
  const grades = Array.from(scores, (score, e) => gradeOf(score, coverage[e]!, model.model));
  return { columns, scores, coverage, grades };
}

/** What a run (or its segment) did; `completed` when this segment was the run's last to finish. */
export async function scoreAll(run: ScoringRun): Promise<{ scored: number; changed: number; grades: GradeTally; completed: boolean }> {
  const compiled = new Map<string, CompiledModel>();
  const grades = emptyTally();
  const bySegment: GradeDistribution['bySegment'] = {};
  const byDistrict: GradeDistribution['byDistrict'] = {};
  const bySegmentDistrict: NonNullable<GradeDistribution['bySegmentDistrict']> = {};
  const tally = (table: Record<string, GradeTally>, key: string, grade: Grade | 'ungraded') => {
    table[key] ??= emptyTally();
    table[key][grade]++;
  };
  let scored = 0;
  let changed = 0;
  const partition = run.partition ?? { segment: 0, segments: 1 };
  for await (const page of run.store.entityPages(partition)) {
    const ids = page.map((e) => e.id);
    const [facts, states] = await Promise.all([run.store.factsOf(ids), run.store.entityStates(ids)]);
    const byModel = new Map<string, typeof page>();
    const byLearned = new Map<string, { entities: typeof page; explanations: Explanation[] }>();
    for (const entity of page) {
      const learned = run.models.learnedBySegment.get(entity.segment);
      const why = learned && scoreLearned(learned, metricsFromFacts(facts.get(entity.id) ?? [], run.asOf));
      // The learned model grades what its features know; an entity none of them has data for (e.g. never
      // inspected) is graded by its segment's weighted model, which reads the other sources too.
      if (learned && why && !Number.isNaN(why.score)) {
        const key = `${learned.id}@${learned.version}`;
        const block = byLearned.get(key) ?? { entities: [], explanations: [] };
        block.entities.push(entity);
        block.explanations.push(why);
        byLearned.set(key, block);
        continue;
      }
      const model = modelFor(run.models, entity.segment);
      const key = `${model.id}@${model.version}`;
      if (!compiled.has(key)) compiled.set(key, compileModel(model));
      if (!byModel.has(key)) byModel.set(key, []);
      byModel.get(key)!.push(entity);
    }
    const changes: GradeChange[] = [];
    // Each block of entities with the explanation of each: by its weighted model, or by the learned one the registry selects.
    const blocks: { key: string; entities: typeof page; explanationOf: (e: number) => Explanation }[] = [
      ...[...byModel].map(([key, entities]) => {
        const model = compiled.get(key)!;
        const { columns } = scoreFromFacts(model, entities.map((e) => facts.get(e.id) ?? []), run.asOf);
        return { key, entities, explanationOf: (e: number) => explain(model, columns.map((column) => column[e]!)) };
      }),
      ...[...byLearned].map(([key, { entities, explanations }]) => ({ key, entities, explanationOf: (e: number) => explanations[e]! })),
    ];
    for (const { key, entities, explanationOf } of blocks) {
      entities.forEach((entity, e) => {
        const why = explanationOf(e);
        const grade = why.grade;
        grades[grade ?? 'ungraded']++;
        tally(bySegment, entity.segment, grade ?? 'ungraded');
        tally(byDistrict, entity.district, grade ?? 'ungraded');
        tally((bySegmentDistrict[entity.segment] ??= {}), entity.district, grade ?? 'ungraded');
        const result = {
          grade,
          score: Number.isNaN(why.score) ? undefined : round2(why.score),
          coverage: round2(why.coverage),
          model: key,
          explanation: {
            categories: why.categories.map(({ id, name, score }) => ({ id, name, score: round2(score) })),
            costliest: why.costliest.map(({ id, name, value, pointsLost }) => ({ id, name, value, pointsLost: round2(pointsLost) })),
            noData: why.noData,
          },
        };
        const previous = states.get(entity.id);
        if (isDeepStrictEqual(graded(previous), result)) return;
        changes.push({
          entityId: entity.id,
          ...result,
          asOf: run.asOf,
          gradedAt: run.now(),
          gradeChanged: previous?.grade !== grade || previous?.model !== key,
        });
      });
    }
    await run.store.writeGrades(changes);
    scored += page.length;
    changed += changes.length;
    run.onProgress?.({ scored, changed });
  }
  const completed = await run.store.writeGradeDistribution(run.runId, partition.segment, { asOf: run.asOf, at: run.now(), total: grades, bySegment, byDistrict, bySegmentDistrict });
  return { scored, changed, grades, completed };
}
