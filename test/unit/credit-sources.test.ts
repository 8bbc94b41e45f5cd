/** The credit sources that feed the general model beyond inspections: each import kind's fixture read as a user's file would be, and the metrics they feed. */
import { createReadStream } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Fact } from '../../shared/facts/model.ts';
import { importKinds, type ImportKindName } from '../../shared/imports/kinds.ts';
import { readRows } from '../../shared/imports/read-rows.ts';
import { runImport } from '../../shared/imports/run-import.ts';
import { metricsFromFacts } from '../../shared/scoring/metrics.ts';

/** A fixture through the importer with its import kind, as `npm run import` reads a file: the facts, and the refused rows with their reasons. */
async function read(kind: ImportKindName) {
  const facts: Fact[] = [];
  const refused: { row: number; field: string; reason: string }[] = [];
  await runImport({
    kind: importKinds[kind],
    rows: readRows('csv', createReadStream(new URL(`../fixtures/imports/${kind}.csv`, import.meta.url))),
    sink: {
      missingEntities: async () => [],
      write: async (records) => void facts.push(...records.flatMap((r) => (r.type === 'fact' ? [r.fact] : []))),
    },
    onCommitted: ({ badRows }) => void refused.push(...badRows.map(({ row, field, reason }) => ({ row, field, reason }))),
  });
  return { facts, refused };
}

describe('credit sources', () => {
  it('administrative penalties: the fine in yuan, a warning as 0; an amount with a thousands separator is refused', async () => {
    const { facts, refused } = await read('penalties');
    expect(facts.map((f) => [f.kind, f.date, f.value])).toEqual([
      ['penalty', '2016-05-10', 20000],
      ['penalty', '2016-11-02', 0],
    ]);
    expect(refused).toEqual([{ row: 3, field: 'amount', reason: expect.stringContaining('no separators') }]);
    expect(metricsFromFacts(facts, '2017-01-01')).toMatchObject({ penalties3y: 2, penaltyAmountThousand3y: 20 });
  });

  it('licence changes: counted by what changed, a kind of change never recorded is 0 once the register was read, an unknown field is refused', async () => {
    const { facts, refused } = await read('licence-changes');
    expect(refused).toEqual([{ row: 4, field: 'field', reason: expect.any(String) }]);
    expect(metricsFromFacts(facts, '2017-01-01')).toMatchObject({ addressChanges3y: 2, legalRepChanges3y: 1, shareholderChanges3y: 0 });
    // Not read for an entity: no data, not "no changes".
    expect(metricsFromFacts([], '2017-01-01')).not.toHaveProperty('addressChanges3y');
  });

  it('annual reports: on time when filed by 30 June of the next year; a report filed before its year ends is refused', async () => {
    const { facts, refused } = await read('annual-reports');
    expect(facts.map((f) => [f.detail, f.value])).toEqual([
      ['2014', 1],
      ['2015', 1],
      ['2016', 0],
    ]);
    expect(refused).toEqual([{ row: 4, field: 'filedOn', reason: 'filedOn: A year is reported after it ends' }]);
    expect(metricsFromFacts(facts, '2017-01-01').annualReportsOnTimeShare).toBe(1);
    expect(metricsFromFacts(facts, '2017-12-31').annualReportsOnTimeShare).toBeCloseTo(2 / 3);
  });

  it('quality spot checks: counted with the samples, a failed one as 1; a result other than pass or fail is refused', async () => {
    const { facts, refused } = await read('quality-spot-checks');
    expect(facts).toMatchObject([
      { kind: 'sampling', value: 1, detail: 'QC-2016-88 Electric kettle', source: 'spot-check' },
      { kind: 'sampling', value: 0, source: 'spot-check' },
    ]);
    expect(refused).toEqual([{ row: 3, field: 'result', reason: expect.any(String) }]);
    expect(metricsFromFacts(facts, '2017-01-01')).toMatchObject({ samplingTests3y: 2, samplingFailures3y: 1, samplingFailureRate: 0.5 });
  });

  it('tax credit ratings: the latest published rating, A = 4 … D = 1; an unknown level is refused', async () => {
    const { facts, refused } = await read('tax-credit-ratings');
    expect(facts.map((f) => [f.date, f.value])).toEqual([
      ['2016-04-01', 3],
      ['2017-04-01', 4],
    ]);
    expect(refused).toEqual([{ row: 3, field: 'level', reason: expect.any(String) }]);
    expect(metricsFromFacts(facts, '2017-01-01').taxCreditLevel).toBe(3); // the 2016 rating is not out yet
    expect(metricsFromFacts(facts, '2017-06-01').taxCreditLevel).toBe(4);
  });

  it('the serious-illegal list: listed until removed; removed before listed is refused', async () => {
    const { facts, refused } = await read('serious-illegal-list');
    expect(refused).toEqual([{ row: 2, field: 'removedOn', reason: 'removedOn: Removed before being listed' }]);
    expect(metricsFromFacts(facts, '2017-01-01').onSeriousIllegalList).toBe(1);
  });

  it('court cases: enforcements still open, lawsuits in 3 years, no restriction on record is 0 once the courts were read; an unknown type is refused', async () => {
    const { facts, refused } = await read('court-cases');
    expect(refused).toEqual([{ row: 4, field: 'type', reason: expect.any(String) }]);
    expect(metricsFromFacts(facts, '2017-01-01')).toMatchObject({ openEnforcementCases: 1, lawsuitsAsDefendant3y: 1, consumptionRestricted: 0 });
    expect(metricsFromFacts([], '2017-01-01')).not.toHaveProperty('openEnforcementCases');
  });

  it('product recalls: counted over 3 years; a level other than 1-3 is refused', async () => {
    const { facts, refused } = await read('recalls');
    expect(facts).toMatchObject([{ kind: 'recall', value: 1, detail: 'RC-2016-01 Infant formula lot 7' }]);
    expect(refused).toEqual([{ row: 2, field: 'level', reason: expect.any(String) }]);
    expect(metricsFromFacts(facts, '2017-01-01').recalls3y).toBe(1);
    expect(metricsFromFacts(facts, '2020-01-01')).not.toHaveProperty('recalls3y');
  });
});
