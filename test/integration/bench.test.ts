/**
 * The benchmarks measure what they report: the QR and scan benchmarks' seed plans one visit per company (so issuing
 * makes as many distinct codes as inspections), and a run that breaks a reported invariant fails, naming it.
 */
import { describe, expect, it } from 'vitest';
import { assertInvariants } from '../../bench/measure.ts';
import { issueAll, planInspections } from '../../bench/seed.ts';
import { useLocalStack } from '../support/api.ts';

const local = useLocalStack();

describe('the benchmarks', () => {
  it('plan inspections that are distinct visits, so issuing their codes issues as many distinct codes', async () => {
    const { stack } = local;
    const ids = await planInspections(stack.drawServices, 6);
    const codes = await issueAll(stack.services, ids, stack.baseUrl, 3);
    expect(new Set(ids).size).toBe(6);
    expect(new Set(codes).size).toBe(6);
  });

  it('fail loudly when a reported invariant does not hold, naming each that failed', () => {
    expect(() => assertInvariants('qr', { issuedCodes: [500, 500], distinctCodes: [1, 500], errors: [0, 0] })).toThrow(
      'qr: the run broke its invariants, so its figures are not reported: distinctCodes is 1, expected 500',
    );
    expect(() => assertInvariants('drawIssuance', { inspectionsPerCompany: [{ min: 1, max: 2 }, { min: 1, max: 1 }] })).toThrow('inspectionsPerCompany is {"min":1,"max":2}');
    expect(() => assertInvariants('scan', { htmlErrors: [0, 0] })).not.toThrow();
  });
});
