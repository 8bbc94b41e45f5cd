import { describe, expect, it } from 'vitest';
import { evaluateRule, type EntityView } from '../../shared/rules/evaluate.ts';
import { warningModels } from '../../shared/warnings/models.ts';
import { asOf, fact, view } from '../support/views.ts';

const rodent = (date: string) => fact('alert', date, { detail: 'rodent' });
const alert = (type: string, date: string, n = 1) => Array.from({ length: n }, (_, i) => fact('alert', date, { detail: type, value: i }));
const failedSample = (date: string) => fact('sampling', date, { value: 1, detail: `S-${date}` });
const passedSample = (date: string) => fact('sampling', date, { value: 0, detail: `S-${date}` });
const complaint = (date: string, verified: boolean, n = 1) => Array.from({ length: n }, (_, i) => fact('complaint', date, { value: verified ? 1 : 0, detail: `C-${i}` }));

/** For every shipped model: an entity it fires for, and a near miss it stays quiet for (asOf 2030-03-15). */
const cases: Record<string, { fires: EntityView; quiet: EntityView }> = {
  'licence-expiring': {
    fires: view({ facts: [fact('licence', '2025-04-10', { until: '2030-04-10' })] }),
    quiet: view({ facts: [fact('licence', '2025-04-10', { until: '2030-04-10' }), fact('licence', '2030-03-01', { until: '2035-03-01' })] }),
  },
  'licence-lapsed': {
    fires: view({ facts: [fact('licence', '2025-02-01', { until: '2030-02-01' })] }),
    quiet: view({ facts: [fact('licence', '2025-02-01', { until: '2029-11-01' })] }),
  },
  'sampling-failure': { fires: view({ facts: [failedSample('2030-01-01')] }), quiet: view({ facts: [passedSample('2030-03-01'), failedSample('2029-12-01')] }) },
  'repeated-sampling-failures': {
    fires: view({ facts: [failedSample('2029-06-01'), failedSample('2030-03-01')] }),
    quiet: view({ facts: [failedSample('2029-03-01'), failedSample('2030-03-01')] }),
  },
  'special-food-sampling-failure': {
    fires: view({ segment: 'special-food', facts: [failedSample('2029-06-01')] }),
    quiet: view({ segment: 'catering', facts: [failedSample('2029-06-01')] }),
  },
  'verified-complaints': { fires: view({ facts: complaint('2030-02-01', true, 3) }), quiet: view({ facts: [...complaint('2030-02-01', true, 2), ...complaint('2030-02-02', false, 4)] }) },
  'verified-report': { fires: view({ facts: [fact('report', '2030-03-01', { value: 1 })] }), quiet: view({ facts: [fact('report', '2030-03-01', { value: 0 })] }) },
  'complaint-surge': { fires: view({ facts: complaint('2030-03-10', false, 5) }), quiet: view({ facts: complaint('2030-02-10', false, 5) }) },
  'debtor-listed': {
    fires: view({ facts: [fact('debtor-listing', '2029-01-01', { detail: 'entity' })] }),
    quiet: view({ facts: [fact('debtor-listing', '2029-01-01', { detail: 'entity', until: '2030-01-01' })] }),
  },
  'legal-representative-debtor': {
    fires: view({ facts: [fact('debtor-listing', '2029-01-01', { detail: 'legal-representative' })] }),
    quiet: view({ facts: [fact('debtor-listing', '2029-01-01', { detail: 'entity' })] }),
  },
  'abnormal-operation': { fires: view({ facts: [fact('abnormal-listing', '2030-03-15', { detail: 'unreachable' })] }), quiet: view({ facts: [fact('abnormal-listing', '2030-03-16', { detail: 'unreachable' })] }) },
  'debtor-and-abnormal': {
    fires: view({ facts: [fact('debtor-listing', '2029-01-01', { detail: 'entity' }), fact('abnormal-listing', '2030-01-01', { detail: 'no annual report' })] }),
    quiet: view({ facts: [fact('debtor-listing', '2029-01-01', { detail: 'entity' })] }),
  },
  'grade-drop': { fires: view({ grades: [['A', '2029-01-01'], ['B', '2030-03-01']] }), quiet: view({ grades: [['C', '2029-01-01'], ['B', '2030-03-01']] }) },
  'grade-collapse': { fires: view({ grades: [['A', '2029-01-01'], ['C', '2030-03-01']] }), quiet: view({ grades: [['A', '2029-01-01'], ['B', '2030-03-01']] }) },
  'grade-d-with-complaint': {
    fires: view({ grades: [['D', '2029-01-01']], facts: complaint('2030-03-01', false) }),
    quiet: view({ grades: [['C', '2029-01-01']], facts: complaint('2030-03-01', false) }),
  },
  'rodent-sighting': { fires: view({ facts: [rodent('2030-03-09')] }), quiet: view({ facts: [rodent('2030-03-08')] }) },
  'kitchen-attire': { fires: view({ facts: [...alert('no-hat', '2030-03-14', 2), ...alert('no-mask', '2030-03-15')] }), quiet: view({ facts: [...alert('no-hat', '2030-03-14', 2), ...alert('smoking', '2030-03-15')] }) },
  'kitchen-smoking': { fires: view({ facts: alert('smoking', '2030-03-12', 2) }), quiet: view({ facts: alert('smoking', '2030-03-12', 1) }) },
  'kitchen-alert-flood': { fires: view({ facts: alert('no-mask', '2030-03-01', 10) }), quiet: view({ facts: alert('no-mask', '2030-03-01', 9) }) },
  'low-inspection-score': { fires: view({ facts: [fact('inspection', '2030-01-01', { value: 70 })] }), quiet: view({ facts: [fact('inspection', '2030-01-01', { value: 71 })] }) },
  'repeated-violations': {
    fires: view({ facts: ['2029-04-01', '2029-09-01', '2030-03-01'].map((d) => fact('violation', d, { detail: 'Unclean floors' })) }),
    quiet: view({ facts: ['2029-03-01', '2029-09-01', '2030-03-01'].map((d) => fact('violation', d, { detail: 'Unclean floors' })) }),
  },
  'sampling-failure-and-complaint': {
    fires: view({ facts: [failedSample('2030-02-01'), fact('report', '2030-03-01', { value: 1 })] }),
    quiet: view({ facts: [failedSample('2030-02-01'), ...complaint('2030-03-01', false)] }),
  },
  'food-maker-without-licence': {
    fires: view({ facts: [fact('licence', '2020-01-01', { until: '2025-01-01' })] }),
    quiet: view({ segment: 'catering', facts: [fact('licence', '2020-01-01', { until: '2025-01-01' })] }),
  },
};

describe('the 23 shipped warning models', () => {
  const models = warningModels();

  it('are 23, each with its own id and both cases below', () => {
    expect(models).toHaveLength(23);
    expect(Object.keys(cases).sort()).toEqual(models.map((m) => m.id).sort());
  });

  for (const model of models) {
    describe(`${model.id} (${model.name.en})`, () => {
      it('fires, citing what made it fire', () => {
        const evidence = evaluateRule(model, cases[model.id]!.fires, asOf);
        expect(evidence).toBeDefined();
        expect(evidence!.some((e) => e.facts?.length || e.gradeChange)).toBe(true);
      });
      it('stays quiet for the near miss', () => {
        expect(evaluateRule(model, cases[model.id]!.quiet, asOf)).toBeUndefined();
      });
    });
  }
});
