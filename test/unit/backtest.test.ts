/** The backtest's measures on hand-made cases with known answers, and the command end to end on a small LIVES slice. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { auc, daysEarlier, thresholdsForShares } from '../../shared/scoring/backtest.ts';

describe('AUC', () => {
  it('is the share of positive-negative pairs ranked right, ties counting half', () => {
    // Pairs (positive, negative): (0.35, 0.1) ✓ (0.35, 0.4) ✗ (0.8, 0.1) ✓ (0.8, 0.4) ✓ → 3/4.
    expect(auc([0.1, 0.4, 0.35, 0.8], [false, false, true, true])).toBe(0.75);
    expect(auc([1, 2, 3, 4], [false, false, true, true])).toBe(1);
    expect(auc([4, 3, 2, 1], [false, false, true, true])).toBe(0);
    expect(auc([1, 1, 1], [true, false, false])).toBe(0.5);
    // One tie across the classes: (2 vs 1) ✓, (2 vs 2) ½ → 0.75.
    expect(auc([2, 1, 2], [true, false, false])).toBe(0.75);
  });
});

describe('calibration by target shares', () => {
  it('puts each threshold at the lowest score inside its cumulative share', () => {
    const scores = Array.from({ length: 20 }, (_, i) => 100 - i * 5); // 100, 95, ..., 5
    // Top 30 % = 6 scores (down to 75), next 35 % = 7 more (to 40), next 20 % = 4 more (to 20); D the last 3.
    expect(thresholdsForShares(scores, { A: 0.3, B: 0.35, C: 0.2 })).toEqual({ A: 75, B: 40, C: 20 });
  });
});

describe("Chicago's days earlier", () => {
  it('moves the riskiest into the earliest slots of the same days and averages how much sooner failures come', () => {
    // Slots are days 1, 2, 3; by risk B (fails), C (fails), A: B 2 → 1 and C 3 → 2, one day earlier each.
    const visits = [
      { date: '2017-01-01', failed: false, risk: 0 },
      { date: '2017-01-02', failed: true, risk: 1 },
      { date: '2017-01-03', failed: true, risk: 0.5 },
    ];
    expect(daysEarlier(visits)).toBe(1);
  });

  it('keeps the daily capacity: two slots on the first day, the late failure takes one', () => {
    const visits = [
      { date: '2017-01-01', failed: false, risk: 0 },
      { date: '2017-01-01', failed: false, risk: 0 },
      { date: '2017-01-11', failed: true, risk: 1 },
    ];
    expect(daysEarlier(visits)).toBe(10);
    // The worst order finds it no sooner than it was; ties keep the actual order.
    expect(daysEarlier(visits.map((v) => ({ ...v, risk: v.failed ? -1 : 0 })))).toBe(0);
    expect(daysEarlier(visits.map((v) => ({ ...v, risk: 0 })))).toBe(0);
  });
});

describe('npm run backtest', () => {
  const dir = mkdtempSync(join(tmpdir(), 'backtest-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const backtest = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'bin/backtest.ts', ...args], { encoding: 'utf8', timeout: 60_000 });

  it('grades a LIVES slice as of the cut-off and measures it against the next inspections, printed and written', () => {
    writeFileSync(
      join(dir, 'businesses.csv'),
      ['business_id,name,address,city,state,postal_code', '1,CLEAN,1 A St,SF,CA,94103', '2,DIRTY,2 B St,SF,CA,94103', '3,MIXED,3 C St,SF,CA,94110', '4,NEW,4 D St,SF,CA,94110'].join('\n'),
    );
    writeFileSync(
      join(dir, 'inspections.csv'),
      [
        'business_id,score,date,type',
        '1,100,20160601,routine',
        '1,96,20170110,routine',
        '2,70,20160601,routine',
        '2,72,20170120,routine',
        '3,88,20160601,routine',
        '3,84,20170301,routine',
        '4,92,20170115,routine',
      ].join('\n'),
    );
    writeFileSync(
      join(dir, 'violations.csv'),
      [
        'business_id,date,description',
        '2,20160601,High risk food holding temperature',
        '2,20160601,High risk vermin infestation',
        '2,20170120,High risk vermin infestation',
        '3,20160601,Unclean or degraded floors walls or ceilings',
        '3,20170301,High risk food holding temperature',
      ].join('\n'),
    );
    const out = join(dir, 'report.json');
    const run = backtest('--as-of', '2017-01-01', '--data-dir', dir, '--out', out);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('| baseline: last inspection score |');
    const report = JSON.parse(readFileSync(out, 'utf8'));
    expect(report).toMatchObject({ asOf: '2017-01-01', businesses: 4, outcomes: { businesses: 4, withHistory: 3, failed: 2, highRisk: 2 } });
    expect(report.grades.ungraded).toBe(1);
    expect(report.byGrade.A).toMatchObject({ businesses: 1, failedRate: 0 });
    const score = report.predictors.find((p: { predictor: string }) => p.predictor.startsWith('score'));
    // The dirty grill and the slipping café are the failures, and the score ranks them above the clean café.
    expect(score.aucFailedWithHistory).toBe(1);
    // The learned model beside the weighted one, in the same table as the baselines.
    expect(report.predictors.map((p: { predictor: string }) => p.predictor.replace(/ \(.*/, ''))).toEqual(['score', 'grade', 'learned score', 'learned grade', 'baseline: last inspection score', 'baseline: random']);
  });

  it('refuses a missing cut-off or data folder with a message and exit code 2', () => {
    expect(backtest('--data-dir', dir)).toMatchObject({ status: 2, stderr: expect.stringContaining('--as-of YYYY-MM-DD is required') });
    expect(backtest('--as-of', '2017-01-01', '--data-dir', join(dir, 'nowhere'))).toMatchObject({ status: 2, stderr: expect.stringContaining('businesses.csv is missing') });
  });
});
