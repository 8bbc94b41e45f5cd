import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generalModel, parseModel, professionalModel, resolveModel, type GeneralModel } from '../../shared/scoring/model.ts';
import { metricsFromFacts } from '../../shared/scoring/metrics.ts';
import { loadModels, modelFor, shippedModelFiles } from '../../shared/scoring/models.ts';
import { compileModel, explain, gradeOf, normalise, scoreColumns } from '../../shared/scoring/score.ts';
import { seededRandom } from '../../shared/generate/synthetic.ts';
import { kernelModulePath, kernelModuleText } from '../../bin/scoring-kernel.ts';

const models = loadModels();

/** A model small enough to score by hand. */
const tiny: GeneralModel = {
  id: 'tiny',
  version: '1.0.0',
  name: 'Tiny',
  description: '',
  categories: [
    { id: 'record', name: 'Record', weight: 1 },
    { id: 'social', name: 'Social', weight: 3 },
  ],
  indicators: [
    { id: 'score', name: 'Inspection score', category: 'record', metric: 'avgScore', normalise: { kind: 'linear', worst: 60, best: 100 }, weight: 1, missing: { kind: 'score', score: 50 } },
    { id: 'listed', name: 'Abnormal listing', category: 'record', metric: 'listed', normalise: { kind: 'flag', whenTrue: 0, whenFalse: 100 }, weight: 3, missing: { kind: 'score', score: 50 } },
    { id: 'complaints', name: 'Complaints', category: 'social', metric: 'complaints', normalise: { kind: 'steps', steps: [{ upTo: 0, score: 100 }, { upTo: 3, score: 60 }, { upTo: 999, score: 0 }] }, weight: 1, missing: { kind: 'score', score: 50 } },
  ],
  grades: { A: 85, B: 70, C: 55 },
  coverage: { minimum: 0.2 },
  calibration: { targetShares: { A: 0.25, B: 0.35, C: 0.25 }, checkedOn: 'by hand' },
};

/** The same model under the shipped policy: an indicator without data drops out. */
const omitting: GeneralModel = { ...tiny, indicators: tiny.indicators.map((i) => ({ ...i, missing: { kind: 'omit' as const } })) };

describe('the shipped models', () => {
  it('has a general model of 5 categories and 81 indicators, and 16 professional models', () => {
    expect(models.general.categories).toHaveLength(5);
    expect(models.general.indicators).toHaveLength(81);
    expect(models.professional).toHaveLength(16);
  });

  it('loads every model file in models/', () => {
    expect(Object.keys(shippedModelFiles).sort()).toEqual(readdirSync('models').filter((f) => f.endsWith('.json')).sort());
  });

  it('grades catering with the catering model and an unknown segment with the general one', () => {
    expect(modelFor(models, 'catering').id).toBe('catering');
    expect(modelFor(models, 'kite-making').id).toBe('general');
  });
});

describe('model validation', () => {
  it('names an indicator in a category that does not exist', () => {
    const broken = { ...tiny, indicators: [...tiny.indicators, { ...tiny.indicators[0]!, id: 'stray', category: 'nowhere' }] };
    expect(() => parseModel(generalModel, broken, 'broken.json')).toThrow(/indicators\.3\.category: Unknown category "nowhere"/);
  });

  it('refuses duplicate indicators and thresholds that do not fall from A to C', () => {
    expect(() => parseModel(generalModel, { ...tiny, indicators: [...tiny.indicators, tiny.indicators[0]] }, 'x')).toThrow(/Indicator ids must be unique/);
    expect(() => parseModel(generalModel, { ...tiny, grades: { A: 60, B: 70, C: 55 } }, 'x')).toThrow(/fall from A to C/);
  });

  it('refuses a professional model that reweights an indicator the general model lacks', () => {
    const pro = parseModel(professionalModel, { id: 'p', version: '1.0.0', name: 'P', extends: { id: 'tiny', version: '1.0.0' }, segments: ['s'], weights: { ghost: 2 }, indicators: [] }, 'p');
    expect(() => resolveModel(tiny, pro)).toThrow('indicators the general model does not have: ghost');
  });
});

describe('scoring', () => {
  it('normalises linear (clamped, either direction), steps and flags', () => {
    expect(normalise({ kind: 'linear', worst: 60, best: 100 }, 80)).toBe(50);
    expect(normalise({ kind: 'linear', worst: 60, best: 100 }, 120)).toBe(100);
    expect(normalise({ kind: 'linear', worst: 10, best: 0 }, 2.5)).toBe(75);
    expect(normalise({ kind: 'steps', steps: [{ upTo: 0, score: 100 }, { upTo: 3, score: 60 }] }, 2)).toBe(60);
    expect(normalise({ kind: 'flag', whenTrue: 0, whenFalse: 100 }, 1)).toBe(0);
  });

  it('matches a score computed by hand', () => {
    // record = (1 × 50 + 3 × 100) / 4 = 87.5; social = 60; total = (1 × 87.5 + 3 × 60) / 4 = 66.875 → grade C.
    const explanation = explain(compileModel(resolveModel(tiny)), [80, 0, 2]);
    expect(explanation.score).toBeCloseTo(66.875, 10);
    expect(explanation.grade).toBe('C');
    expect(explanation.categories.map((c) => c.score)).toEqual([87.5, 60]);
  });

  it('uses a stated missing-value score where the model says so, listing it as no data, never as a reason', () => {
    const explanation = explain(compileModel(resolveModel(tiny)), [NaN, NaN, NaN]);
    expect(explanation.score).toBe(50);
    expect(explanation.costliest).toEqual([]);
    expect(explanation.noData).toEqual(['score', 'listed', 'complaints']);
    expect(explanation.coverage).toBe(0);
    expect(explanation.grade).toBeUndefined();
  });

  it('drops an indicator without data and renormalises within its category, reporting the coverage', () => {
    // record = listed only = 100 (score has no data); social = 60; total = (1 × 100 + 3 × 60) / 4 = 70 → B.
    const explanation = explain(compileModel(resolveModel(omitting)), [NaN, 0, 2]);
    expect(explanation.score).toBeCloseTo(70, 10);
    expect(explanation.grade).toBe('B');
    expect(explanation.noData).toEqual(['score']);
    // Coverage: listed is 3/4 of record's quarter, complaints all of social's three quarters.
    expect(explanation.coverage).toBeCloseTo(0.25 * 0.75 + 0.75, 10);
    expect(explanation.costliest.map((c) => c.id)).toEqual(['complaints']);
  });

  it('drops a category without data, and leaves an entity ungraded below the coverage minimum', () => {
    // Only the inspection score: record = 100 × (90 - 60) / 40 = 75, social drops out; coverage 0.25 × 0.25 < 0.2.
    const thin = explain(compileModel(resolveModel(omitting)), [90, NaN, NaN]);
    expect(thin.score).toBeCloseTo(75, 10);
    expect(thin.coverage).toBeCloseTo(0.0625, 10);
    expect(thin.grade).toBeUndefined();
    expect(thin.categories.map((c) => c.id)).toEqual(['record']);
    expect(explain(compileModel(resolveModel(omitting)), [NaN, NaN, NaN]).score).toBeNaN();
  });

  it('gives a D to a record of failed inspections with high-risk and repeated violations', () => {
    const compiled = compileModel(modelFor(models, 'catering'));
    const bad: Record<string, number> = { inspections3y: 3, avgInspectionScore: 70, lastInspectionScore: 66, violations1y: 6, violations3y: 12, highRiskViolations3y: 4, repeatViolations3y: 3 };
    expect(explain(compiled, compiled.model.indicators.map((i) => bad[i.metric] ?? NaN)).grade).toBe('D');
  });

  it('gives an A to a clean record, whatever else is unknown', () => {
    const compiled = compileModel(modelFor(models, 'catering'));
    const clean: Record<string, number> = { inspections3y: 3, avgInspectionScore: 98, lastInspectionScore: 100, violations1y: 0, violations3y: 0, highRiskViolations3y: 0, repeatViolations3y: 0 };
    const explanation = explain(compiled, compiled.model.indicators.map((i) => clean[i.metric] ?? NaN));
    expect(explanation.grade).toBe('A');
    expect(explanation.costliest.every((c) => !explanation.noData.includes(c.id))).toBe(true);
  });

  it('explains every point: category contributions add up to the score, lost points to 100 minus it', () => {
    const compiled = compileModel(models.general);
    const values = models.general.indicators.map((_, i) => (i % 7 === 0 ? NaN : (i * 37) % 11));
    const explanation = explain(compiled, values, 81);
    expect(explanation.categories.reduce((sum, c) => sum + c.contributes, 0)).toBeCloseTo(explanation.score, 9);
    expect(100 - explanation.costliest.reduce((sum, c) => sum + c.pointsLost, 0)).toBeCloseTo(explanation.score, 9);
    expect(explanation.costliest[0]!.pointsLost).toBeGreaterThanOrEqual(explanation.costliest[1]!.pointsLost);
  });

  it('scores columns exactly as it explains one entity', () => {
    const compiled = compileModel(modelFor(models, 'catering'));
    const count = 200;
    const columns = compiled.model.indicators.map((_, i) => Float64Array.from({ length: count }, (_, e) => ((e * 31 + i * 17) % 13 === 0 ? NaN : ((e * 7 + i) % 23) / 2)));
    const { scores, coverage } = scoreColumns(compiled, columns, count);
    for (const e of [0, 57, 199]) {
      const one = explain(compiled, columns.map((c) => c[e]!));
      expect(scores[e]).toBeCloseTo(one.score, 9);
      expect(coverage[e]).toBeCloseTo(one.coverage, 9);
    }
  });

  it('scores every entity of random columns with missing values as explain() does, across blocks and every kind of rule', () => {
    // The general model, with a stated score for every fifth missing indicator and one steps rule of 6 steps (the
    // unrolled loop takes at most 5): values on the thresholds, outside linear ranges, flags 0 and 1, 15 % missing.
    const general = models.general;
    const indicators = general.indicators.map((indicator, i) => ({
      ...indicator,
      ...(i % 5 === 0 ? { missing: { kind: 'score' as const, score: 40 } } : {}),
      ...(i === 1 ? { normalise: { kind: 'steps' as const, steps: [0, 1, 2, 3, 5, 8].map((upTo, k) => ({ upTo, score: 100 - 20 * k })) } } : {}),
    }));
    const compiled = compileModel({ ...general, indicators });
    const random = seededRandom(7);
    const count = 5_000;
    const columns = indicators.map(() => Float64Array.from({ length: count }, () => (random() < 0.15 ? NaN : random() < 0.5 ? Math.floor(random() * 12) - 1 : random() * 12 - 1)));
    for (let e = 0; e < count; e += 97) for (const column of columns) column[e] = NaN; // some entities have no data at all
    const { scores, coverage } = scoreColumns(compiled, columns, count);
    for (let e = 0; e < count; e++) {
      const one = explain(compiled, columns.map((c) => c[e]!));
      if (Number.isNaN(one.score)) expect(scores[e]).toBeNaN();
      else expect(Math.abs(scores[e]! - one.score)).toBeLessThanOrEqual(1e-12 * 100);
      expect(Math.abs(coverage[e]! - one.coverage)).toBeLessThanOrEqual(1e-12);
    }
  });

  it('scores a lone entity and a block of odd length as it explains each', () => {
    const compiled = compileModel(models.general);
    for (const count of [1, 2_049]) {
      const columns = compiled.model.indicators.map((_, i) => Float64Array.from({ length: count }, (_, e) => ((e + i) % 9 === 0 ? NaN : ((e * 5 + i * 3) % 17) / 3)));
      const { scores, coverage } = scoreColumns(compiled, columns, count);
      const last = explain(compiled, columns.map((c) => c[count - 1]!));
      expect(Math.abs(scores[count - 1]! - last.score)).toBeLessThanOrEqual(1e-10);
      expect(Math.abs(coverage[count - 1]! - last.coverage)).toBeLessThanOrEqual(1e-12);
    }
  });

  it('runs the kernel assembled from kernel.wat as committed (npm run scoring-kernel)', async () => {
    expect(await kernelModuleText()).toBe(readFileSync(kernelModulePath, 'utf8'));
  });

  it('grades by the professional model’s own thresholds', () => {
    expect(gradeOf(86, 1, models.general)).toBe('A');
    expect(gradeOf(86, 1, modelFor(models, 'special-equipment'))).toBe('B');
  });
});

describe('metrics from facts', () => {
  const fact = (kind: 'inspection' | 'violation', date: string, extra: { value?: number; detail?: string } = {}) => ({ id: date + (extra.detail ?? ''), entityId: 'e', kind, date, source: 't', ...extra });

  it('counts within each window, ending on the as-of day', () => {
    const metrics = metricsFromFacts([fact('violation', '2017-12-31'), fact('violation', '2016-06-01'), fact('violation', '2014-01-01'), fact('violation', '2018-01-02')], '2018-01-01');
    expect([metrics.violations1y, metrics.violations3y]).toEqual([1, 2]);
  });

  it('averages and takes the latest inspection score, and leaves them unknown without scores', () => {
    const metrics = metricsFromFacts([fact('inspection', '2017-01-01', { value: 80 }), fact('inspection', '2017-06-01', { value: 90 })], '2018-01-01');
    expect([metrics.avgInspectionScore, metrics.lastInspectionScore, metrics.inspections3y]).toEqual([85, 90, 2]);
    expect(metricsFromFacts([], '2018-01-01')).not.toHaveProperty('avgInspectionScore');
  });

  it('reads no violations as 0 only for a business inspected in the window, and no record of a source as no data', () => {
    const inspected = metricsFromFacts([fact('inspection', '2017-06-01', { value: 96 })], '2018-01-01');
    expect([inspected.violations1y, inspected.violations3y, inspected.highRiskViolations3y, inspected.repeatViolations3y]).toEqual([0, 0, 0, 0]);
    // Never inspected: no violations on record says nothing. No complaints, samples or listings: no data either.
    const unknown = metricsFromFacts([], '2018-01-01');
    expect(Object.keys(unknown)).toEqual([]);
    // Inspected two years ago: the 3-year counts are 0, the 1-year one is unknown.
    const earlier = metricsFromFacts([fact('inspection', '2016-03-01', { value: 96 })], '2018-01-01');
    expect(earlier).not.toHaveProperty('violations1y');
    expect(earlier.violations3y).toBe(0);
  });

  it('counts a kind of violation found on two dates as repeated, ignoring the "corrected" note', () => {
    const metrics = metricsFromFacts(
      [
        fact('violation', '2017-01-01', { detail: 'High risk vermin' }),
        fact('violation', '2017-05-01', { detail: 'High risk vermin  [ date violation corrected: 6/1/2017 ]' }),
        fact('violation', '2017-05-01', { detail: 'Unclean floors' }),
      ],
      '2018-01-01',
    );
    expect([metrics.repeatViolations3y, metrics.highRiskViolations3y]).toEqual([1, 2]);
  });

  /** Three inspections: a clean one, then two failing ones with high-risk vermin found at both. */
  const failing = [
    fact('inspection', '2016-02-01', { value: 96 }),
    fact('violation', '2016-02-01', { detail: 'Unclean floors' }),
    fact('inspection', '2017-03-01', { value: 78 }),
    fact('violation', '2017-03-01', { detail: 'High risk vermin infestation' }),
    fact('violation', '2017-03-01', { detail: 'Improper food storage' }),
    fact('inspection', '2017-10-01', { value: 70 }),
    fact('violation', '2017-10-01', { detail: 'High risk vermin infestation  [ date violation corrected: 11/1/2017 ]' }),
    fact('violation', '2017-10-01', { detail: 'Moderate risk food holding temperature' }),
    fact('violation', '2017-10-01', { detail: 'Unclean floors' }),
  ];
  const clean = [fact('inspection', '2016-09-01', { value: 98 }), fact('inspection', '2017-09-01', { value: 100 })];

  it('reads the recent record: the last scores, the lowest, the trend, what the last inspections found', () => {
    expect(metricsFromFacts(failing, '2018-01-01')).toMatchObject({
      meanLast2InspectionScore: 74,
      meanLast3InspectionScore: (96 + 78 + 70) / 3,
      lowestInspectionScore3y: 70,
      inspectionScoreChange: -8,
      violationsLastInspection: 3,
      highRiskViolationsLast3: 2,
      // Vermin, at the last two inspections; the floors were found again, but not at the one before.
      repeatedAtLastInspection: 1,
      verminViolations3y: 2,
    });
    expect(metricsFromFacts(clean, '2018-01-01')).toMatchObject({ meanLast2InspectionScore: 99, inspectionScoreChange: 2, violationsLastInspection: 0, highRiskViolationsLast3: 0, repeatedAtLastInspection: 0, verminViolations3y: 0 });
    // One inspection: no trend yet, and nothing after the as-of day is read.
    const once = metricsFromFacts(failing, '2016-06-01');
    expect(once).toMatchObject({ meanLast2InspectionScore: 96, lowestInspectionScore3y: 96, violationsLastInspection: 1 });
    expect(once).not.toHaveProperty('inspectionScoreChange');
  });

  it('grades a business with failing last inspections below a clean one, its last score the first reason', () => {
    const compiled = compileModel(modelFor(models, 'catering'));
    const scoreOf = (facts: typeof failing) => {
      const metrics = metricsFromFacts(facts, '2018-01-01');
      return explain(compiled, compiled.model.indicators.map((i) => metrics[i.metric] ?? NaN));
    };
    const [bad, good] = [scoreOf(failing), scoreOf(clean)];
    expect(bad.score).toBeLessThan(good.score - 30);
    expect([bad.grade, good.grade]).toEqual(['D', 'A']);
    expect(bad.costliest[0]?.id).toBe('last-inspection-score');
    for (const id of ['recent-inspection-scores', 'violations-last-inspection', 'high-risk-last-inspections']) expect(bad.noData).not.toContain(id);
  });

  it('reads no inspection history as no data, never as a finding', () => {
    const recent = ['meanLast2InspectionScore', 'meanLast3InspectionScore', 'lowestInspectionScore3y', 'inspectionScoreChange', 'violationsLastInspection', 'highRiskViolationsLast3', 'repeatedAtLastInspection', 'verminViolations3y'];
    // Complaints on record but never inspected: the inspection metrics are unknown, not 0 and not worst.
    const metrics = metricsFromFacts([{ id: 'c', entityId: 'e', kind: 'complaint', date: '2017-06-01', source: 't' }], '2018-01-01');
    for (const metric of recent) expect(metrics).not.toHaveProperty(metric);
    const compiled = compileModel(modelFor(models, 'catering'));
    const explanation = explain(compiled, compiled.model.indicators.map((i) => metrics[i.metric] ?? NaN));
    const recentIds = compiled.model.indicators.filter((i) => recent.includes(i.metric)).map((i) => i.id);
    expect(recentIds).toHaveLength(recent.length);
    expect(explanation.noData).toEqual(expect.arrayContaining(recentIds));
    expect(explanation.costliest.filter((c) => recentIds.includes(c.id))).toEqual([]);
  });
});

describe('metrics from the other fact kinds', () => {
  const base = { id: 'x', entityId: 'e', source: 't' };

  it('gives the days to the nearest licence expiry among licences still valid', () => {
    const metrics = metricsFromFacts(
      [
        { ...base, kind: 'licence', date: '2015-01-01', until: '2017-12-01', detail: 'old' },
        { ...base, kind: 'licence', date: '2017-01-01', until: '2018-03-02', detail: 'food' },
        { ...base, kind: 'licence', date: '2017-06-01', until: '2020-01-01', detail: 'other' },
      ],
      '2018-01-01',
    );
    expect(metrics.licenceDaysToExpiry).toBe(60);
  });

  it('reads a licence in force as held, every licence lapsed as a finding, and no licence on record as no data', () => {
    const licence = { ...base, kind: 'licence' as const, date: '2015-01-01', until: '2017-12-01', detail: 'food' };
    expect(metricsFromFacts([licence], '2017-06-01').licencesComplete).toBe(1);
    expect(metricsFromFacts([licence], '2018-01-01').licencesComplete).toBe(0);
    expect(metricsFromFacts([], '2018-01-01')).not.toHaveProperty('licencesComplete');
  });

  it('gives camera alerts a month over the last year, and no alert on record as no data, not a clean kitchen', () => {
    const alert = (date: string) => ({ ...base, id: date, kind: 'alert' as const, date, detail: 'no-hat' });
    const metrics = metricsFromFacts([alert('2017-02-01'), alert('2017-11-01'), alert('2017-12-20'), alert('2016-06-01')], '2018-01-01');
    expect(metrics.kitchenAlertsPerMonth).toBeCloseTo(3 / 12);
    expect(metricsFromFacts([alert('2016-06-01')], '2018-01-01')).not.toHaveProperty('kitchenAlertsPerMonth');
  });

  it('counts failed samples and verified complaints, and the failure rate', () => {
    const metrics = metricsFromFacts(
      [
        { ...base, kind: 'sampling', date: '2017-01-01', value: 1 },
        { ...base, kind: 'sampling', date: '2017-02-01', value: 0 },
        { ...base, kind: 'sampling', date: '2017-03-01', value: 0 },
        { ...base, kind: 'sampling', date: '2017-04-01', value: 1 },
        { ...base, kind: 'complaint', date: '2017-06-01', value: 1 },
        { ...base, kind: 'complaint', date: '2017-07-01', value: 0 },
      ],
      '2018-01-01',
    );
    expect([metrics.samplingTests3y, metrics.samplingFailures3y, metrics.samplingFailureRate]).toEqual([4, 2, 0.5]);
    expect([metrics.complaints1y, metrics.verifiedComplaints1y]).toEqual([2, 1]);
  });

  it('flags a debtor listing only while it is in force, and tells the entity from its legal representative', () => {
    const listed = [
      { ...base, kind: 'debtor-listing' as const, date: '2016-01-01', until: '2016-12-31', detail: 'entity' },
      { ...base, kind: 'debtor-listing' as const, date: '2017-05-01', detail: 'legal-representative' },
    ];
    expect(metricsFromFacts(listed, '2018-01-01')).toMatchObject({ entityIsDebtor: 0, legalRepIsDebtor: 1 });
    expect(metricsFromFacts(listed, '2016-06-01')).toMatchObject({ entityIsDebtor: 1, legalRepIsDebtor: 0 });
  });

  it('reads the abnormal-operation directory: listed while in force, and how often in 3 years', () => {
    const listings = [
      { ...base, kind: 'abnormal-listing' as const, date: '2016-03-01', until: '2016-09-01' },
      { ...base, kind: 'abnormal-listing' as const, date: '2017-10-01' },
    ];
    expect(metricsFromFacts(listings, '2018-01-01')).toMatchObject({ onAbnormalOperationList: 1, abnormalListings3y: 2 });
    expect(metricsFromFacts(listings, '2017-01-01')).toMatchObject({ onAbnormalOperationList: 0, abnormalListings3y: 1 });
  });

  it('defines only metrics that some indicator of a shipped model reads', async () => {
    const { metricDefinitions } = await import('../../shared/scoring/metrics.ts');
    const read = new Set([...models.general.indicators, ...models.professional.flatMap((p) => p.indicators)].map((i) => i.metric));
    expect(metricDefinitions.map((d) => d.metric).filter((m) => !read.has(m))).toEqual([]);
  });
});
