/** The learned model: the fitter on data with known answers, the model file's checks, per-entity explanations, the time split. The scoring job grading a segment with it: test/integration/scoring-job.test.ts. */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { factId, type Fact } from '../../shared/facts/model.ts';
import { seededRandom } from '../../shared/generate/synthetic.ts';
import type { LivesData } from '../../shared/scoring/backtest.ts';
import { fitSegment } from '../../shared/scoring/fit.ts';
import { fitLogistic, learnedModel, scoreLearned, type LearnedModel } from '../../shared/scoring/learned.ts';
import { loadModels, shippedLearnedFiles, shippedModelFiles } from '../../shared/scoring/models.ts';

/** Standard normal draws from a seeded uniform (Box-Muller): the same data every run. */
const normals = (random: () => number) => () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());

describe('the elastic-net logistic fitter', () => {
  const random = seededRandom(7);
  const normal = normals(random);
  const truth = { intercept: -1, coefficients: [1.5, -0.8, 0] };
  const x = Array.from({ length: 20_000 }, () => [normal(), normal(), normal()]);
  const y = x.map((row) => random() < 1 / (1 + Math.exp(-(truth.intercept + row.reduce((s, v, j) => s + v * truth.coefficients[j]!, 0)))));

  it('recovers the coefficients that generated the data', () => {
    const fitted = fitLogistic(x, y, { lambda: 0, alpha: 0 });
    expect(fitted.intercept).toBeCloseTo(truth.intercept, 1);
    fitted.coefficients.forEach((b, j) => expect(b).toBeCloseTo(truth.coefficients[j]!, 1));
  });

  it('shrinks with the penalty, and the lasso sets the useless feature to exactly zero', () => {
    const lasso = fitLogistic(x, y, { lambda: 0.02, alpha: 1 });
    expect(lasso.coefficients[2]).toBe(0);
    expect(Math.abs(lasso.coefficients[0]!)).toBeLessThan(1.5);
    expect(lasso.coefficients[0]).toBeGreaterThan(1);
    expect(fitLogistic(x, y, { lambda: 0.02, alpha: 1 })).toEqual(lasso); // deterministic
  });
});

const model = (): LearnedModel =>
  learnedModel.parse({
    id: 'learned-catering',
    version: '1.0.0',
    name: 'test',
    kind: 'logistic-regression',
    segments: ['catering'],
    target: { description: 'next inspection below 86', failBelow: 86 },
    features: [
      { metric: 'lastInspectionScore', name: 'Last inspection score', mean: 90, sd: 5, coefficient: -1 },
      { metric: 'highRiskViolations3y', name: 'High-risk violations', mean: 1, sd: 1, coefficient: 0.5 },
    ],
    intercept: -1,
    regularisation: { lambda: 0, alpha: 0 },
    fittedOn: { before: '2017-01-01', anchors: ['2016-10-01'], examples: 10, positives: 3, data: 'test' },
    training: { auc: 0.8, logLoss: 0.5, iterations: 3, validation: { on: '2016-07-01', examples: 5, grid: [] } },
    grades: { A: 80, B: 70, C: 50 },
    coverage: { minimum: 0.3 },
  });

describe('a learned model file', () => {
  it('validates the shipped files, and refuses a broken one or a registry naming an unknown model, saying where', () => {
    const models = loadModels();
    expect([...models.learned.keys()]).toContain('learned-catering@1.1.0');
    expect(Object.keys(shippedLearnedFiles).sort()).toEqual(readdirSync('models/learned').filter((f) => f.endsWith('.json') && f !== 'registry.json').sort());
    const broken = { ...(shippedLearnedFiles['catering.v1.json'] as object), grades: { A: 50, B: 70, C: 10 } };
    expect(() => loadModels(shippedModelFiles, { 'catering.v1.json': broken })).toThrow(/catering\.v1\.json is not a valid learned model:\n {2}grades: Grade thresholds must fall/);
    expect(() => loadModels(shippedModelFiles, shippedLearnedFiles, { segments: { catering: 'learned-catering@9.0.0' } })).toThrow(/no learned model is learned-catering@9\.0\.0/);
    expect(() => loadModels(shippedModelFiles, shippedLearnedFiles, { segments: { retail: 'learned-catering@1.1.0' } })).toThrow(/not fitted for/);
  });
});

describe('a learned score, explained', () => {
  it('costs points for the features that raise the risk, and lists missing ones as no data, costing nothing', () => {
    const clean = scoreLearned(model(), { lastInspectionScore: 100, highRiskViolations3y: 0 });
    const risky = scoreLearned(model(), { lastInspectionScore: 70, highRiskViolations3y: 4 });
    expect(clean.grade).toBe('A');
    expect(risky.grade).toBe('D');
    expect(risky.costliest.map((c) => c.id)).toEqual(['lastInspectionScore', 'highRiskViolations3y']);
    expect(risky.costliest[0]!.pointsLost).toBeGreaterThan(0);

    const partly = scoreLearned(model(), { lastInspectionScore: 70 });
    expect(partly.noData).toEqual(['highRiskViolations3y']);
    expect(partly.costliest.map((c) => c.id)).toEqual(['lastInspectionScore']);
    expect(partly.coverage).toBeCloseTo(1 / 1.5);
    // Nothing known: no score, ungraded.
    const unknown = scoreLearned(model(), {});
    expect(unknown.score).toBeNaN();
    expect(unknown.grade).toBeUndefined();
  });
});

const fact = (entityId: string, kind: Fact['kind'], date: string, value?: number, detail?: string): Fact => {
  const body = { entityId, kind, date, ...(value === undefined ? {} : { value }), ...(detail ? { detail } : {}), source: 'test' };
  return { id: factId(body), ...body };
};

describe('fitting on history before a cut-off', () => {
  it('reads no inspection on or after the cut-off, and ranks its own training examples', () => {
    // Ten businesses: the ones with low past scores fail next; one fails only after the cut-off, which must not count.
    const entities = Array.from({ length: 10 }, (_, i) => ({ id: `b${i}`, segment: 'catering', district: '94103' }));
    const facts = new Map(
      entities.map((e, i) => {
        const bad = i < 4;
        return [
          e.id,
          [
            fact(e.id, 'inspection', '2015-10-01', bad ? 72 + i : 94 + i),
            fact(e.id, 'inspection', '2016-03-01', bad ? 70 + i : 92 + i),
            ...(bad ? [fact(e.id, 'violation', '2016-03-01', undefined, 'High risk vermin')] : []),
            fact(e.id, 'inspection', '2016-11-01', bad ? 75 : 95),
            fact(e.id, 'inspection', '2017-02-01', 60),
          ],
        ];
      }),
    );
    const data: LivesData = { entities, facts, rejected: {} };
    const fitted = fitSegment({ data, models: loadModels(), segment: 'catering', before: '2017-01-01', anchors: 2, lambdas: [0.01], alphas: [0.5], dataName: 'fixture' });
    expect(fitted.fittedOn).toMatchObject({ before: '2017-01-01', examples: 20, positives: 8 }); // two anchors × ten; the 2017 inspection (all 60) would make all fail
    expect(fitted.training.auc).toBe(1);
    expect(fitted.features.find((f) => f.metric === 'lastInspectionScore')!.coefficient).toBeLessThan(0);
    expect(learnedModel.safeParse(fitted).success).toBe(true);
  });

  it('chooses the penalty on a validation day before the cut-off, and says which it tried', () => {
    const entities = Array.from({ length: 10 }, (_, i) => ({ id: `b${i}`, segment: 'catering', district: '94103' }));
    const facts = new Map(
      entities.map((e, i) => [
        e.id,
        ['2015-10-01', '2016-03-01', '2016-11-01'].map((date, k) => fact(e.id, 'inspection', date, i < 4 ? 70 + i + k : 92 + i - k)),
      ]),
    );
    const fitted = fitSegment({ data: { entities, facts, rejected: {} }, models: loadModels(), segment: 'catering', before: '2017-01-01', anchors: 2, lambdas: [0.01, 5], alphas: [0, 1], dataName: 'fixture' });
    const { validation } = fitted.training;
    expect(validation.on).toBe('2016-07-03');
    expect(validation.grid.map(({ lambda, alpha }) => [lambda, alpha])).toEqual([[0.01, 0], [0.01, 1], [5, 0], [5, 1]]);
    const best = Math.max(...validation.grid.map((v) => v.auc));
    expect(validation.grid.find((v) => v.lambda === fitted.regularisation.lambda && v.alpha === fitted.regularisation.alpha)!.auc).toBe(best);
    // λ 5 with the lasso zeroes every coefficient: no ranking at all.
    expect(validation.grid.find((v) => v.lambda === 5 && v.alpha === 1)!.auc).toBe(0.5);
  });

  it('leaves out a feature that means something else on the cut-off day than in training, from the features alone', () => {
    // Inspected once or twice before the anchors, six times by the cut-off: the count moves far; the scores do not.
    const entities = Array.from({ length: 10 }, (_, i) => ({ id: `b${i}`, segment: 'catering', district: '94103' }));
    const dates = ['2016-06-01', '2016-08-01', '2016-11-01', '2016-12-01', '2016-12-10', '2016-12-20'];
    const facts = new Map(entities.map((e, i) => [e.id, dates.map((date) => fact(e.id, 'inspection', date, i < 4 ? 72 + i : 94 + i))]));
    const fitted = fitSegment({ data: { entities, facts, rejected: {} }, models: loadModels(), segment: 'catering', before: '2017-01-01', anchors: 2, lambdas: [0.01], alphas: [0], dataName: 'fixture' });
    expect(fitted.training.shifted?.map((s) => s.metric)).toContain('inspections3y');
    expect(fitted.training.shifted!.find((s) => s.metric === 'inspections3y')!.shift).toBeGreaterThan(0.25);
    expect(fitted.features.map((f) => f.metric)).not.toContain('inspections3y');
    expect(fitted.features.map((f) => f.metric)).toContain('lastInspectionScore');
  });
});
