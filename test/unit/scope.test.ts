import { describe, expect, it } from 'vitest';
import { actsFor, actsForAll, departmentsOfSegment, requireScope } from '../../shared/auth/scope.ts';
import { loadModels } from '../../shared/scoring/models.ts';
import { as } from '../support/inspections.ts';
import { refusal } from '../support/refusal.ts';

describe('the department scope', () => {
  it('lets a supervisor act for what one of the owning departments owns, and a city-wide supervisor for anything', () => {
    expect(actsFor(as.supervisor, ['food-safety', 'special-equipment'])).toBe(true);
    expect(actsFor(as.otherSupervisor, ['food-safety'])).toBe(false);
    expect(actsFor(as.cityWideSupervisor, ['food-safety'])).toBe(true);
  });

  it('leaves what no department owns to city-wide supervisors, and never lets other roles act', () => {
    expect(actsFor(as.supervisor, [])).toBe(false);
    expect(actsFor(as.cityWideSupervisor, [])).toBe(true);
    expect(actsFor({ ...as.lead, department: 'food-safety' }, ['food-safety'])).toBe(false);
    expect(actsFor(undefined, ['food-safety'])).toBe(false);
  });

  it('needs the authority of every owning department for what binds them all', () => {
    expect(actsForAll(as.supervisor, ['food-safety'])).toBe(true);
    expect(actsForAll(as.supervisor, ['food-safety', 'special-equipment'])).toBe(false);
    expect(actsForAll(as.cityWideSupervisor, ['food-safety', 'special-equipment'])).toBe(true);
  });

  it('says whose the thing is when it refuses', () => {
    const refused = refusal(() => requireScope(as.otherSupervisor, ['food-safety'], 'inspector insp-1'));
    expect(refused).toMatchObject({ kind: 'forbidden', code: 'out_of_scope' });
    expect(refused.message).toBe('A supervisor of special-equipment cannot act on inspector insp-1, owned by food-safety.');
  });
});

describe('the jurisdiction over segments', () => {
  it('gives every segment a credit model grades to at least one department', () => {
    const unclaimed = [...loadModels().bySegment.keys()].filter((segment) => departmentsOfSegment(segment).length === 0);
    expect(unclaimed).toEqual([]);
  });

  it('claims no department for an unknown segment, whatever its name', () => {
    expect(departmentsOfSegment('baseline')).toEqual([]);
    expect(departmentsOfSegment('constructor')).toEqual([]);
    expect(departmentsOfSegment('catering')).toEqual(['food-safety', 'market-order']);
  });
});
