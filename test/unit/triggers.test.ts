import { describe, expect, it } from 'vitest';
import { evaluateRule, type EntityView } from '../../shared/rules/evaluate.ts';
import shipped from '../../models/triggers/triggers.v1.json' with { type: 'json' };
import { inLanguage } from '../../shared/labels.ts';
import { shippedTriggers, triggerSet } from '../../shared/triggers/definitions.ts';
import { asOf, fact, view } from '../support/views.ts';

const gradeA: [('A' | 'B' | 'C' | 'D'), string][] = [['A', '2029-01-01']];

/** For every shipped trigger: an A-grade food maker it fires for, and a near miss. */
const cases: Record<string, { fires: EntityView; quiet: EntityView }> = {
  'classification-downgrade': { fires: view({ grades: [['A', '2029-01-01'], ['B', '2030-03-10']] }), quiet: view({ grades: [['A', '2029-01-01'], ['B', '2030-01-10']] }) },
  'legal-representative-debtor': {
    fires: view({ grades: gradeA, facts: [fact('debtor-listing', '2030-01-01', { detail: 'legal-representative' })] }),
    quiet: view({ grades: [['B', '2029-01-01']], facts: [fact('debtor-listing', '2030-01-01', { detail: 'legal-representative' })] }),
  },
  'sampling-failure': {
    fires: view({ segment: 'special-food', grades: gradeA, facts: [fact('sampling', '2030-02-01', { value: 1 })] }),
    quiet: view({ segment: 'catering', grades: gradeA, facts: [fact('sampling', '2030-02-01', { value: 1 })] }),
  },
  'verified-complaint': {
    fires: view({ segment: 'food-additives', grades: gradeA, facts: [fact('complaint', '2030-03-01', { value: 1 })] }),
    quiet: view({ segment: 'food-additives', grades: gradeA, facts: [fact('complaint', '2030-03-01', { value: 0 })] }),
  },
  'abnormal-operation': {
    fires: view({ grades: gradeA, facts: [fact('abnormal-listing', '2030-03-01', { detail: 'unreachable' })] }),
    quiet: view({ grades: gradeA, facts: [fact('abnormal-listing', '2030-01-01', { detail: 'unreachable', until: '2030-02-01' })] }),
  },
  'repeated-kitchen-alerts': {
    fires: view({ grades: gradeA, facts: ['2030-03-01', '2030-03-14'].map((d) => fact('alert', d, { detail: 'rodent' })) }),
    quiet: view({ grades: gradeA, facts: ['2030-02-01', '2030-03-14'].map((d) => fact('alert', d, { detail: 'rodent' })) }),
  },
};

describe('the shipped triggers of food-manufacturer supervision', () => {
  const { triggers, inspection } = shippedTriggers();

  it('each have a firing and a quiet case, and plan inspections with at least two inspectors', () => {
    expect(Object.keys(cases).sort()).toEqual(triggers.map((t) => t.id).sort());
    expect(inspection.inspectorsPerCompany).toBeGreaterThanOrEqual(2);
  });

  it('name what their inspection checks in Chinese and English, as the notice prints it in the reader’s language', () => {
    for (const item of triggers.flatMap((t) => t.items)) {
      expect(inLanguage(item, 'zh-CN'), item).toMatch(/^[^A-Za-z]+$/);
      expect(inLanguage(item, 'en'), item).toMatch(/^[A-Z][^\u3400-\u9fff]+$/);
    }
    const englishOnly = { ...shipped, triggers: [{ ...shipped.triggers[0], items: ['Production records'] }] };
    expect(triggerSet.safeParse(englishOnly).error?.issues[0]?.message).toContain('Chinese first, then English');
  });

  it('only look at A-grade food, special-food and food-additive makers', () => {
    for (const trigger of triggers) {
      expect(trigger.appliesTo?.grades).toEqual(['A']);
      expect(trigger.appliesTo?.segments).toEqual(['food-production', 'special-food', 'food-additives']);
    }
  });

  for (const trigger of triggers) {
    describe(`${trigger.id} (${trigger.name.en})`, () => {
      it('fires', () => expect(evaluateRule(trigger, cases[trigger.id]!.fires, asOf)).toBeDefined());
      it('stays quiet for the near miss', () => expect(evaluateRule(trigger, cases[trigger.id]!.quiet, asOf)).toBeUndefined());
    });
  }
});
