/**
 * The backtest: grade every business as of a cut-off day with the production scoring code (pure, in memory), then
 * measure against what inspectors found next — each business's first scored inspection after the cut-off. The
 * model's score and grade are set beside two baselines in the same run: the business's last inspection score, and
 * a seeded random order. Measures: AUC for a failed next inspection (score below `failBelow`) and for a high-risk
 * violation found at it, the failure rate by grade, and Chicago's "days earlier" over the next `windowDays`.
 */
import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Fact } from '../facts/model.ts';
import { seededRandom } from '../generate/synthetic.ts';
import { importKinds, type ImportKindName } from '../imports/kinds.ts';
import { readRows } from '../imports/read-rows.ts';
import { runImport } from '../imports/run-import.ts';
import { scoreFromFacts } from './job.ts';
import { learnedFromFacts, type LearnedModel } from './learned.ts';
import { modelFor, type ModelSet } from './models.ts';
import { compileModel, type Grade } from './score.ts';

const day = 86_400_000;
const dayOf = (date: string) => Date.parse(`${date}T00:00:00Z`) / day;

/**
 * The probability that a random positive ranks above a random negative (ties count half): the Mann-Whitney
 * statistic from average ranks. `risk` higher means more likely positive. NaN without positives or negatives.
 */
export function auc(risk: readonly number[], positive: readonly boolean[]): number {
  const order = risk.map((r, i) => [r, i] as const).sort((a, b) => a[0] - b[0]);
  const ranks = new Float64Array(risk.length);
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]![0] === order[start]![0]) end++;
    for (let k = start; k <= end; k++) ranks[order[k]![1]] = (start + end) / 2 + 1;
    start = end + 1;
  }
  const positives = positive.filter(Boolean).length;
  const negatives = positive.length - positives;
  const rankSum = positive.reduce((sum, p, i) => (p ? sum + ranks[i]! : sum), 0);
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/**
 * The thresholds that give the target shares of A, B and C among these scores (D the rest): each is the lowest
 * score inside its cumulative share, so "score ≥ threshold" reaches it (ties at a boundary all go up).
 */
export function thresholdsForShares(scores: readonly number[], target: { A: number; B: number; C: number }): { A: number; B: number; C: number } {
  const sorted = [...scores].sort((a, b) => b - a);
  const at = (share: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(sorted.length * share) - 1))]!;
  return { A: at(target.A), B: at(target.A + target.B), C: at(target.A + target.B + target.C) };
}

export interface Visit {
  date: string;
  failed: boolean;
  risk: number;
}

/**
 * Chicago's measure: the same inspections on the same days (the same daily capacity), reordered so the riskiest
 * go first; how many days earlier, on average, each failing one is then found. Ties keep their actual order.
 */
export function daysEarlier(visits: readonly Visit[]): number {
  const slots = visits.map((v) => dayOf(v.date)).sort((a, b) => a - b);
  const reordered = visits.map((v, i) => ({ ...v, i })).sort((a, b) => b.risk - a.risk || dayOf(a.date) - dayOf(b.date) || a.i - b.i);
  const gains = reordered.flatMap((v, k) => (v.failed ? [dayOf(v.date) - slots[k]!] : []));
  return gains.reduce((sum, g) => sum + g, 0) / gains.length;
}

/** Unknown risks (NaN) take the median of the known: neither first nor last in the queue. */
function imputed(risk: readonly number[]): { risk: number[]; unknown: number } {
  const known = risk.filter((r) => !Number.isNaN(r)).sort((a, b) => a - b);
  const median = known.length ? known[Math.floor(known.length / 2)]! : 0;
  return { risk: risk.map((r) => (Number.isNaN(r) ? median : r)), unknown: risk.length - known.length };
}

export interface LivesData {
  entities: { id: string; segment: string; district: string }[];
  facts: Map<string, Fact[]>;
  /** Rows the importer refused, per file, with the first reasons. */
  rejected: Record<string, { count: number; first: string[] }>;
}

const livesFiles: [ImportKindName, string][] = [
  ['lives-businesses', 'businesses.csv'],
  ['lives-inspections', 'inspections.csv'],
  ['lives-violations', 'violations.csv'],
];

/** Reads a LIVES folder through the production import path (the same kinds, row checks and de-duplication). */
export async function readLives(dataDir: string): Promise<LivesData> {
  const data: LivesData = { entities: [], facts: new Map(), rejected: {} };
  const known = new Set<string>();
  for (const [kind, file] of livesFiles) {
    const path = join(dataDir, file);
    if (!existsSync(path)) throw new Error(`${path} is missing: --data-dir names a folder with ${livesFiles.map(([, f]) => f).join(', ')}.`);
    const rejected = (data.rejected[file] = { count: 0, first: [] as string[] });
    await runImport({
      kind: importKinds[kind],
      rows: readRows('csv', createReadStream(path)),
      sink: {
        // Businesses are read first (livesFiles' order): a fact of a business not among them is a rejected row.
        missingEntities: async (ids) => ids.filter((id) => !known.has(id)),
        write: async (records) => {
          for (const record of records) {
            if (record.type === 'entity') {
              known.add(record.id);
              data.entities.push({ id: record.id, segment: record.entity.segment, district: record.entity.district });
            }
            if (record.type !== 'fact') continue;
            const facts = data.facts.get(record.fact.entityId) ?? [];
            facts.push(record.fact);
            data.facts.set(record.fact.entityId, facts);
          }
        },
      },
      onCommitted: ({ badRows }) => {
        rejected.count += badRows.length;
        for (const bad of badRows) if (rejected.first.length < 3) rejected.first.push(`row ${bad.row}: ${bad.reason}`);
      },
    });
  }
  return data;
}

export interface BacktestOptions {
  asOf: string;
  models: ModelSet;
  /** Learned models evaluated beside the weighted ones, each on the segments it was fitted for. */
  learned?: readonly LearnedModel[];
  /** A next inspection scoring below this failed (LIVES: below 86 is "needs improvement" or "poor"). */
  failBelow?: number;
  /** Chicago's measure reorders the inspections of this many days after the cut-off. */
  windowDays?: number;
  seed?: number;
}

export interface PredictorResult {
  predictor: string;
  aucFailed: number;
  aucHighRisk: number;
  /** AUC for a failed next inspection over the businesses with an inspection score before the cut-off only. */
  aucFailedWithHistory: number;
  /** Days earlier failures are found over the window, the same daily capacity ordered by this predictor. */
  daysEarlier: number;
  /** Businesses it has no value for, placed at its median risk. */
  unknown: number;
}

export interface BacktestReport {
  asOf: string;
  businesses: number;
  /** How the businesses are graded as of the cut-off. */
  grades: Record<Grade | 'ungraded', number>;
  /** Businesses with a scored inspection after the cut-off: the first one is what is predicted. */
  outcomes: { businesses: number; withHistory: number; failed: number; highRisk: number };
  window: { days: number; inspections: number; failed: number };
  predictors: PredictorResult[];
  /** Per model: the shares of A-D its shipped thresholds give, and the thresholds its declared target shares need. */
  calibration: { model: string; thresholds: Record<'A' | 'B' | 'C', number>; shares: Record<Grade, number>; targetShares: Record<'A' | 'B' | 'C', number>; thresholdsForTarget: Record<'A' | 'B' | 'C', number> }[];
  byGrade: Record<Grade | 'ungraded', { businesses: number; failedRate: number; highRiskRate: number }>;
}

export function backtest(data: LivesData, options: BacktestOptions): BacktestReport {
  const { asOf, models, learned = [], failBelow = 86, windowDays = 60, seed = 1 } = options;
  const cutOff = dayOf(asOf);
  const grades = { A: 0, B: 0, C: 0, D: 0, ungraded: 0 };

  // Score every business with its segment's model, exactly as a scoring run does.
  const scored = new Map<string, { score: number; grade: Grade | undefined }>();
  const bySegmentModel = new Map<string, typeof data.entities>();
  const calibration: BacktestReport['calibration'] = [];
  for (const entity of data.entities) {
    const model = modelFor(models, entity.segment);
    const key = `${model.id}@${model.version}`;
    if (!bySegmentModel.has(key)) bySegmentModel.set(key, []);
    bySegmentModel.get(key)!.push(entity);
  }
  for (const entities of bySegmentModel.values()) {
    const compiled = compileModel(modelFor(models, entities[0]!.segment));
    const { scores, grades: graded } = scoreFromFacts(compiled, entities.map((e) => data.facts.get(e.id) ?? []), asOf);
    entities.forEach((entity, e) => {
      scored.set(entity.id, { score: scores[e]!, grade: graded[e] });
      grades[graded[e] ?? 'ungraded']++;
    });
    const gradedScores = Array.from(scores).filter((_, e) => graded[e]);
    const share = (grade: Grade) => graded.filter((g) => g === grade).length / gradedScores.length;
    const { model } = compiled;
    calibration.push({
      model: `${model.id}@${model.version}`,
      thresholds: model.grades,
      shares: { A: share('A'), B: share('B'), C: share('C'), D: share('D') },
      targetShares: model.calibration.targetShares,
      thresholdsForTarget: thresholdsForShares(gradedScores, model.calibration.targetShares),
    });
  }

  // The learned models, on the businesses of their segments (the others sit at the median: no value).
  const learnedScored = new Map<string, { score: number; grade: Grade | undefined }>();
  for (const model of learned) {
    const entities = data.entities.filter((e) => model.segments.includes(e.segment));
    const { scores, grades: graded } = learnedFromFacts(model, entities.map((e) => data.facts.get(e.id) ?? []), asOf);
    entities.forEach((entity, e) => learnedScored.set(entity.id, { score: scores[e]!, grade: graded[e] }));
    const gradedScores = Array.from(scores).filter((_, e) => graded[e]);
    const share = (grade: Grade) => graded.filter((g) => g === grade).length / gradedScores.length;
    calibration.push({
      model: `${model.id}@${model.version}`,
      thresholds: model.grades,
      shares: { A: share('A'), B: share('B'), C: share('C'), D: share('D') },
      targetShares: modelFor(models, model.segments[0]!).calibration.targetShares,
      thresholdsForTarget: thresholdsForShares(gradedScores, modelFor(models, model.segments[0]!).calibration.targetShares),
    });
  }

  // What happened next: each business's first scored inspection after the cut-off, and whether it failed.
  const outcomes = data.entities.flatMap((entity) => {
    const facts = data.facts.get(entity.id) ?? [];
    const before = facts.filter((f) => f.kind === 'inspection' && f.value !== undefined && dayOf(f.date) <= cutOff).sort((a, b) => (a.date < b.date ? 1 : -1));
    const next = facts.filter((f) => f.kind === 'inspection' && f.value !== undefined && dayOf(f.date) > cutOff).sort((a, b) => (a.date < b.date ? -1 : 1))[0];
    if (!next) return [];
    const highRisk = facts.some((f) => f.kind === 'violation' && f.date === next.date && (f.detail ?? '').startsWith('High risk'));
    const byLearned = learnedScored.get(entity.id);
    return [{ entity, date: next.date, failed: next.value! < failBelow, highRisk, lastScore: before[0]?.value ?? NaN, ...scored.get(entity.id)!, learnedScore: byLearned?.score ?? NaN, learnedGrade: byLearned?.grade }];
  });

  const random = seededRandom(seed);
  const gradeRisk: Record<Grade, number> = { A: 0, B: 1, C: 2, D: 3 };
  type Predictor = [string, (o: (typeof outcomes)[number]) => number];
  const predictors: Predictor[] = [
    [`score (${[...bySegmentModel.keys()].join(', ')})`, (o) => 100 - o.score],
    ['grade', (o) => (o.grade ? gradeRisk[o.grade] : NaN)],
    ...learned.flatMap((model): Predictor[] => [
      [`learned score (${model.id}@${model.version}, fitted before ${model.fittedOn.before})`, (o) => 100 - o.learnedScore],
      ['learned grade', (o) => (o.learnedGrade ? gradeRisk[o.learnedGrade] : NaN)],
    ]),
    ['baseline: last inspection score', (o) => 100 - o.lastScore],
    [`baseline: random (seed ${seed})`, () => random()],
  ];
  const withHistory = outcomes.map((o) => !Number.isNaN(o.lastScore));
  const inWindow = outcomes.map((o) => dayOf(o.date) - cutOff <= windowDays);
  const results = predictors.map(([predictor, riskOf]): PredictorResult => {
    const { risk, unknown } = imputed(outcomes.map(riskOf));
    return {
      predictor,
      aucFailed: auc(risk, outcomes.map((o) => o.failed)),
      aucHighRisk: auc(risk, outcomes.map((o) => o.highRisk)),
      aucFailedWithHistory: auc(risk.filter((_, i) => withHistory[i]), outcomes.filter((_, i) => withHistory[i]).map((o) => o.failed)),
      daysEarlier: daysEarlier(outcomes.flatMap((o, i) => (inWindow[i] ? [{ date: o.date, failed: o.failed, risk: risk[i]! }] : []))),
      unknown,
    };
  });

  const byGrade = Object.fromEntries(
    (['A', 'B', 'C', 'D', 'ungraded'] as const).map((grade) => {
      const group = outcomes.filter((o) => (o.grade ?? 'ungraded') === grade);
      const rate = (hit: (o: (typeof outcomes)[number]) => boolean) => (group.length ? group.filter(hit).length / group.length : NaN);
      return [grade, { businesses: group.length, failedRate: rate((o) => o.failed), highRiskRate: rate((o) => o.highRisk) }];
    }),
  ) as BacktestReport['byGrade'];

  const windowed = outcomes.filter((_, i) => inWindow[i]);
  return {
    asOf,
    businesses: data.entities.length,
    grades,
    outcomes: { businesses: outcomes.length, withHistory: withHistory.filter(Boolean).length, failed: outcomes.filter((o) => o.failed).length, highRisk: outcomes.filter((o) => o.highRisk).length },
    window: { days: windowDays, inspections: windowed.length, failed: windowed.filter((o) => o.failed).length },
    predictors: results,
    calibration,
    byGrade,
  };
}

const fixed = (n: number, digits: number) => (Number.isNaN(n) ? '–' : n.toFixed(digits));

/** The report as the plain-text tables the command prints and the README quotes. */
export function formatReport(report: BacktestReport): string {
  const { outcomes, window } = report;
  const lines = [
    `Backtest as of ${report.asOf}: ${report.businesses} businesses graded A ${report.grades.A} · B ${report.grades.B} · C ${report.grades.C} · D ${report.grades.D} · ungraded ${report.grades.ungraded}`,
    `Predicting each business's first scored inspection after it: ${outcomes.businesses} businesses (${outcomes.withHistory} inspected before), ${outcomes.failed} failed (score < 86), ${outcomes.highRisk} with a high-risk violation; ${window.inspections} of them in the next ${window.days} days (${window.failed} failed).`,
    '',
    '| predictor | AUC failed | AUC failed, with history | AUC high-risk | days earlier | no value (median) |',
    '|---|---|---|---|---|---|',
    ...report.predictors.map((p) => `| ${p.predictor} | ${fixed(p.aucFailed, 3)} | ${fixed(p.aucFailedWithHistory, 3)} | ${fixed(p.aucHighRisk, 3)} | ${fixed(p.daysEarlier, 2)} | ${p.unknown} |`),
    '',
    '| grade | businesses | failed next | high-risk next |',
    '|---|---|---|---|',
    ...Object.entries(report.byGrade).map(([grade, g]) => `| ${grade} | ${g.businesses} | ${fixed(g.failedRate * 100, 1)} % | ${fixed(g.highRiskRate * 100, 1)} % |`),
    '',
    ...report.calibration.map((c) => {
      const percent = (shares: Record<string, number>) => Object.entries(shares).map(([grade, n]) => `${grade} ${Math.round(n * 100)} %`).join(' · ');
      const levels = (t: Record<string, number>) => `A ≥ ${fixed(t.A!, 2)}, B ≥ ${fixed(t.B!, 2)}, C ≥ ${fixed(t.C!, 2)}`;
      return `Calibration of ${c.model}: its thresholds (${levels(c.thresholds)}) grade ${percent(c.shares)}; the target shares ${percent(c.targetShares)} (D the rest) would need ${levels(c.thresholdsForTarget)}.`;
    }),
  ];
  return lines.join('\n');
}
