import { describe, expect, it } from 'vitest';
import { limits } from '../../shared/api/schemas.ts';
import * as lifecycle from '../../shared/inspections/lifecycle.ts';
import type { Ineligibility } from '../../shared/draws/eligibility.ts';
import type { Entity, Inspector } from '../../shared/inspections/model.ts';
import { as, sampleInspection } from '../support/inspections.ts';
import { refusal as rejection } from '../support/refusal.ts';

const now = '2030-03-02T09:00:00.000Z';
/** A day of the sample's window, its code valid. */
const open: lifecycle.VisitMoment = { today: '2030-03-02', code: 'active' };
const finding = { item: 'Kitchen hygiene', description: 'Grease', severity: 'minor' as const, guidance: 'Clean', deadline: '2030-04-01' };

describe('planning an inspection', () => {
  const entity: Entity = { id: 'ent-1', name: 'Co', segment: 'catering', district: 'Huangpu', updatedAt: now };
  const inspector = (id: string, overrides: Partial<Inspector> = {}): Inspector => ({
    id,
    name: id,
    department: 'food-safety',
    district: 'Huangpu',
    certificateNo: 'SH-0000001',
    qualifications: [],
    recusals: [],
    active: true,
    updatedAt: now,
    ...overrides,
  });
  const input = {
    entityId: 'ent-1',
    departments: ['food-safety'],
    items: ['Kitchen hygiene'],
    window: { start: '2030-03-01', end: '2030-03-03' },
    inspectorIds: ['a', 'b'],
    contact: { name: 'Duty', phone: '+86 21 6000 1234' },
  };

  it('records the entity name and inspectors on the inspection, so a scan needs no further reads', () => {
    const planned = lifecycle.planInspection({ id: 'i', input, entity, inspectors: [inspector('a'), inspector('b')], reasonsOf: eligible, principal: as.supervisor, now });
    expect(planned).toMatchObject({ status: 'scheduled', entityName: 'Co', version: 1 });
    expect(planned.inspectors.map((i) => i.id)).toEqual(['a', 'b']);
  });

  /** The rule as the service judges it: here everyone passes, unless a test says otherwise. */
  const eligible = () => [];

  it('refuses an unregistered company', () => {
    expect(rejection(() => lifecycle.planInspection({ id: 'i', input, entity: undefined, inspectors: [], reasonsOf: eligible, principal: as.supervisor, now })).code).toBe('unknown_entity');
  });

  it('names every inspector who cannot take part, and why, in codes and in English', () => {
    const reasonsOf = (i: Inspector): Ineligibility[] => (i.id === 'b' ? ['department'] : i.id === 'd' ? ['recused', 'last-inspector'] : []);
    const error = rejection(() =>
      lifecycle.planInspection({
        id: 'i',
        input: { ...input, inspectorIds: ['a', 'b', 'c', 'd'], justification: 'Specialist needed' },
        entity,
        inspectors: [inspector('a', { active: false }), inspector('b', { department: 'drugs' }), inspector('d')],
        reasonsOf,
        principal: as.cityWideSupervisor,
        now,
      }),
    );
    // A justification sets aside none of the hard reasons, for a city-wide supervisor neither.
    expect(error.details).toEqual([
      { inspectorId: 'a', name: 'a', reasons: ['inactive'], reason: 'inspector is not active' },
      { inspectorId: 'b', name: 'b', reasons: ['department'], reason: "not of the inspection's departments" },
      { inspectorId: 'c', reasons: ['unknown'], reason: expect.stringContaining('no such inspector') },
      { inspectorId: 'd', name: 'd', reasons: ['recused', 'last-inspector'], reason: 'recused, inspected it last time' },
    ]);
    expect(error.message).toContain('d (recused, inspected it last time)');
  });

  it('assigns an inspector of another district, last time’s or at the cap only with a written justification, which it keeps', () => {
    const reasonsOf = (i: Inspector): Ineligibility[] => (i.id === 'b' ? ['district', 'workload'] : []);
    const inspectors = [inspector('a'), inspector('b')];
    const error = rejection(() => lifecycle.planInspection({ id: 'i', input, entity, inspectors, reasonsOf, principal: as.supervisor, now }));
    expect(error.details).toEqual([{ inspectorId: 'b', name: 'b', reasons: ['district', 'workload'], reason: expect.stringContaining('only with a written justification') }]);
    const planned = lifecycle.planInspection({ id: 'i', input: { ...input, justification: 'Only b knows the ovens' }, entity, inspectors, reasonsOf, principal: as.supervisor, now });
    expect(planned.justifications).toEqual([{ text: 'Only b knows the ovens', inspectors: [{ id: 'b', name: 'b', reasons: ['district', 'workload'] }], by: 'sup-1', at: now }]);
    // Nothing to justify: nothing kept.
    expect(lifecycle.planInspection({ id: 'i', input: { ...input, justification: 'Just because' }, entity, inspectors, reasonsOf: eligible, principal: as.supervisor, now }).justifications).toBeUndefined();
  });

  it("refuses a supervisor planning for a department that is not theirs", () => {
    expect(rejection(() => lifecycle.planInspection({ id: 'i', input, entity, inspectors: [], reasonsOf: eligible, principal: as.otherSupervisor, now })).kind).toBe('forbidden');
  });

  it("refuses a supervisor planning another department's part alongside their own: that department plans its own", () => {
    const joint = { ...input, departments: ['food-safety', 'special-equipment'] };
    expect(rejection(() => lifecycle.planInspection({ id: 'i', input: joint, entity, inspectors: [inspector('a'), inspector('b')], reasonsOf: eligible, principal: as.supervisor, now })).kind).toBe('forbidden');
    const planned = lifecycle.planInspection({ id: 'i', input: joint, entity, inspectors: [inspector('a'), inspector('b')], reasonsOf: eligible, principal: as.cityWideSupervisor, now });
    expect(planned.parts?.map((p) => p.department)).toEqual(['food-safety', 'special-equipment']);
  });
});

describe('check-in', () => {
  it('moves a scheduled inspection on site when its company confirms, once', () => {
    const checked = lifecycle.checkIn(sampleInspection(), as.company, now, open);
    expect(checked).toMatchObject({ status: 'on-site', checkedIn: { by: 'owner', at: now } });
    expect(lifecycle.checkIn(checked, as.company, '2030-03-02T10:00:00.000Z', open)).toBe(checked);
  });

  it('is only for the inspected company', () => {
    expect(rejection(() => lifecycle.checkIn(sampleInspection(), as.otherCompany, now, open)).kind).toBe('forbidden');
  });

  it('happens only on a day of the window, with the code neither revoked nor expired', () => {
    const early = rejection(() => lifecycle.checkIn(sampleInspection(), as.company, now, { ...open, today: '2030-02-28' }));
    expect(early).toMatchObject({ kind: 'conflict', code: 'window_not_started', details: { window: { start: '2030-03-01', end: '2030-03-03' } } });
    expect(rejection(() => lifecycle.checkIn(sampleInspection(), as.company, now, { ...open, today: '2030-03-04' })).code).toBe('window_passed');
    expect(rejection(() => lifecycle.checkIn(sampleInspection(), as.company, now, { ...open, code: 'revoked' })).code).toBe('code_revoked');
    expect(rejection(() => lifecycle.checkIn(sampleInspection(), as.company, now, { ...open, code: 'expired' })).code).toBe('code_expired');
  });
});

describe('recording results', () => {
  it('closes a compliant inspection and opens rectification otherwise', () => {
    expect(lifecycle.recordResults(sampleInspection(), as.lead, { outcome: 'compliant', findings: [] }, now, open).status).toBe('closed');
    expect(lifecycle.recordResults(sampleInspection(), as.lead, { outcome: 'rectify', findings: [finding] }, now, open).status).toBe('rectifying');
  });

  it('treats the same result sent twice as one (a retry), and a different one as a conflict', () => {
    const recorded = lifecycle.recordResults(sampleInspection(), as.lead, { outcome: 'rectify', findings: [finding] }, now, open);
    expect(lifecycle.recordResults(recorded, as.lead, { outcome: 'rectify', findings: [finding] }, now, open)).toBe(recorded);
    expect(rejection(() => lifecycle.recordResults(recorded, as.lead, { outcome: 'compliant', findings: [] }, now, open)).code).toBe('results_recorded');
  });

  it('only for a visit under way: checked in, or on a day of its window; never once its code is revoked or expired', () => {
    const compliant = { outcome: 'compliant' as const, findings: [] };
    const future = rejection(() => lifecycle.recordResults(sampleInspection(), as.lead, compliant, now, { ...open, today: '2030-02-01' }));
    expect(future).toMatchObject({ kind: 'conflict', code: 'not_under_way' });
    expect(future.message).toContain('2030-03-01 to 2030-03-03');
    const checkedIn = lifecycle.checkIn(sampleInspection(), as.company, now, open);
    expect(lifecycle.recordResults(checkedIn, as.lead, compliant, now, { ...open, today: '2030-03-05' }).status).toBe('closed');
    expect(rejection(() => lifecycle.recordResults(checkedIn, as.lead, compliant, now, { ...open, code: 'revoked' })).code).toBe('code_revoked');
    expect(rejection(() => lifecycle.recordResults(sampleInspection(), as.lead, compliant, now, { ...open, code: 'expired' })).code).toBe('code_expired');
    expect(lifecycle.refusal('record-results', sampleInspection(), open)).toBeUndefined();
  });

  it('refuses an inspector not assigned to the inspection', () => {
    expect(rejection(() => lifecycle.recordResults(sampleInspection(), as.strangerInspector, { outcome: 'compliant', findings: [] }, now, open)).kind).toBe('forbidden');
  });
});

describe('rectification', () => {
  const rectifying = lifecycle.recordResults(sampleInspection(), as.lead, { outcome: 'rectify', findings: [finding] }, now, open);
  const input = { note: 'Cleaned', files: [{ name: 'hood.jpg', contentType: 'image/jpeg' as const, size: 1000 }] };
  const submission = { id: 'rec_1', evidenceKey: (i: number, name: string) => `evidence/ins_1/rec_1/${i + 1}-${name}` };

  it('puts a submission under review with a storage key per evidence file', () => {
    const { inspection, rectification } = lifecycle.submitRectification(rectifying, as.company, input, submission, now);
    expect(inspection.status).toBe('under-review');
    expect(rectification.evidence[0]!.key).toBe('evidence/ins_1/rec_1/1-hood.jpg');
  });

  it('returns the waiting submission when the same one is sent again', () => {
    const first = lifecycle.submitRectification(rectifying, as.company, input, submission, now);
    const retry = lifecycle.submitRectification(first.inspection, as.company, input, { ...submission, id: 'rec_2' }, now);
    expect(retry.inspection).toBe(first.inspection);
    expect(retry.rectification.id).toBe('rec_1');
  });

  it('refuses a second, different submission while one waits for review', () => {
    const first = lifecycle.submitRectification(rectifying, as.company, input, submission, now);
    expect(rejection(() => lifecycle.submitRectification(first.inspection, as.company, { note: 'More', files: [] }, submission, now)).code).toBe('wrong_status');
  });

  it('closes on acceptance and reopens rectification on rejection', () => {
    const { inspection } = lifecycle.submitRectification(rectifying, as.company, input, submission, now);
    expect(lifecycle.reviewRectification(inspection, as.lead, 'rec_1', { decision: 'accepted' }, now).status).toBe('closed');
    const rejected = lifecycle.reviewRectification(inspection, as.lead, 'rec_1', { decision: 'rejected', comment: 'Blurred' }, now);
    expect(rejected.status).toBe('rectifying');
    expect(rejected.rectifications[0]).toMatchObject({ status: 'rejected', review: { by: 'insp-a', comment: 'Blurred' } });
  });

  it(`keeps at most ${limits.rectificationRounds} rounds, so the inspection stays within DynamoDB's item size`, () => {
    let inspection = rectifying;
    for (let round = 1; round <= limits.rectificationRounds; round++) {
      const id = `rec_${round}`;
      inspection = lifecycle.submitRectification(inspection, as.company, { ...input, note: `Round ${round}` }, { ...submission, id }, now).inspection;
      inspection = lifecycle.reviewRectification(inspection, as.lead, id, { decision: 'rejected', comment: 'Not yet' }, now);
    }
    const refused = rejection(() => lifecycle.submitRectification(inspection, as.company, { ...input, note: 'Once more' }, { ...submission, id: 'rec_x' }, now));
    expect(refused).toMatchObject({ kind: 'conflict', code: 'too_many_rectifications' });
  });

  it('refuses to review a submission twice with different decisions', () => {
    const { inspection } = lifecycle.submitRectification(rectifying, as.company, input, submission, now);
    const accepted = lifecycle.reviewRectification(inspection, as.lead, 'rec_1', { decision: 'accepted' }, now);
    expect(lifecycle.reviewRectification(accepted, as.lead, 'rec_1', { decision: 'accepted' }, now)).toBe(accepted);
    expect(rejection(() => lifecycle.reviewRectification(accepted, as.lead, 'rec_1', { decision: 'rejected', comment: 'x' }, now)).code).toBe('already_reviewed');
  });
});

describe('joining visits', () => {
  const lift = { id: 'lift-a', name: 'Zhao', department: 'equipment', certificateNo: 'SH-SE-1' };
  const addition = { departments: ['equipment'], items: ['Lift certificate', 'Kitchen hygiene'], inspectors: [lift] };

  it('unites departments, items and inspectors in one visit', () => {
    const joined = lifecycle.joinVisit(sampleInspection(), addition, now);
    expect(joined.departments).toEqual(['food-safety', 'equipment']);
    expect(joined.items).toEqual(['Kitchen hygiene', 'Lift certificate']);
    expect(joined.inspectors.map((i) => i.id)).toEqual(['insp-a', 'insp-b', 'lift-a']);
  });

  it('changes nothing when the same plan or draw joins again', () => {
    const once = lifecycle.joinVisit(sampleInspection(), addition, now);
    expect(lifecycle.joinVisit(once, addition, now)).toBe(once);
    const byDraw = lifecycle.joinVisit(sampleInspection(), { ...addition, drawId: 'drw_1' }, now);
    expect(lifecycle.joinVisit(byDraw, { ...addition, drawId: 'drw_1' }, now)).toBe(byDraw);
  });

  it("gives the joining department its own part, and leaves the other's part as it was", () => {
    const joined = lifecycle.joinVisit(sampleInspection(), addition, now);
    expect(joined.parts).toEqual([
      { department: 'food-safety', items: ['Kitchen hygiene'] },
      { department: 'equipment', items: ['Lift certificate', 'Kitchen hygiene'] },
    ]);
  });

  it('joins only a visit that has not started and shares a day with the window', () => {
    const window = { start: '2030-03-03', end: '2030-03-05' };
    expect(lifecycle.joinableVisits([sampleInspection()], window).map((i) => i.id)).toEqual(['ins_1']);
    expect(lifecycle.joinableVisits([sampleInspection()], { start: '2030-03-04', end: '2030-03-05' })).toEqual([]);
    expect(lifecycle.joinableVisits([sampleInspection({ status: 'on-site' })], window)).toEqual([]);
    const partlyRecorded = lifecycle.recordResults(lifecycle.joinVisit(sampleInspection(), addition, now), as.lead, { outcome: 'compliant', findings: [] }, now, open);
    expect(lifecycle.joinableVisits([partlyRecorded], window)).toEqual([]);
  });
});

describe('the parts of a joint visit', () => {
  const lift = { id: 'lift-a', name: 'Zhao', department: 'equipment', certificateNo: 'SH-SE-1' };
  const joint = lifecycle.joinVisit(sampleInspection(), { departments: ['equipment'], items: ['Lift certificate'], inspectors: [lift] }, now);
  const liftInspector = { subject: 'lift-a', role: 'inspector', inspectorId: 'lift-a' } as const;
  const liftFinding = { ...finding, item: 'Lift certificate', description: 'Expired' };

  it("records each department's result on its own part, and closes the visit only when every part is recorded", () => {
    const oneDone = lifecycle.recordResults(joint, liftInspector, { outcome: 'compliant', findings: [] }, now, open);
    expect(oneDone.status).toBe('scheduled');
    expect(oneDone.result).toBeUndefined();
    const allDone = lifecycle.recordResults(oneDone, as.lead, { outcome: 'compliant', findings: [] }, now, open);
    expect(allDone).toMatchObject({ status: 'closed', result: { outcome: 'compliant', recordedBy: 'insp-a' } });
  });

  it('gives the visit the worst outcome of its parts and all their findings', () => {
    const rectify = lifecycle.recordResults(joint, liftInspector, { outcome: 'rectify', findings: [liftFinding] }, now, open);
    const both = lifecycle.recordResults(rectify, as.lead, { outcome: 'non-compliant', findings: [finding] }, now, open);
    expect(both).toMatchObject({ status: 'rectifying', result: { outcome: 'non-compliant', findings: [finding, liftFinding] } });
  });

  it("does not let one department's inspector replace another department's result", () => {
    const food = lifecycle.recordResults(joint, as.lead, { outcome: 'rectify', findings: [finding] }, now, open);
    expect(lifecycle.recordResults(food, { ...as.lead, subject: 'insp-b', inspectorId: 'insp-b' }, { outcome: 'rectify', findings: [finding] }, now, open)).toBe(food);
    expect(rejection(() => lifecycle.recordResults(food, as.lead, { outcome: 'compliant', findings: [] }, now, open)).code).toBe('results_recorded');
  });

  it('closes on rectification only when every department that found something accepted it; one rejection sends it back', () => {
    const recorded = lifecycle.recordResults(lifecycle.recordResults(joint, liftInspector, { outcome: 'rectify', findings: [liftFinding] }, now, open), as.lead, { outcome: 'rectify', findings: [finding] }, now, open);
    const { inspection } = lifecycle.submitRectification(recorded, as.company, { note: 'Fixed', files: [] }, { id: 'rec_1', evidenceKey: () => 'k' }, now);
    const liftAccepted = lifecycle.reviewRectification(inspection, liftInspector, 'rec_1', { decision: 'accepted' }, now);
    expect(liftAccepted.status).toBe('under-review');
    expect(lifecycle.reviewRectification(liftAccepted, liftInspector, 'rec_1', { decision: 'accepted' }, now)).toBe(liftAccepted);
    expect(lifecycle.reviewRectification(liftAccepted, as.lead, 'rec_1', { decision: 'accepted' }, now).status).toBe('closed');
    const rejected = lifecycle.reviewRectification(liftAccepted, as.lead, 'rec_1', { decision: 'rejected', comment: 'Not yet' }, now);
    expect(rejected).toMatchObject({ status: 'rectifying', rectifications: [{ status: 'rejected', review: { by: 'insp-a', comment: 'Not yet' } }] });
  });

  it('leaves the review to the departments that found something to fix', () => {
    const recorded = lifecycle.recordResults(lifecycle.recordResults(joint, liftInspector, { outcome: 'compliant', findings: [] }, now, open), as.lead, { outcome: 'rectify', findings: [finding] }, now, open);
    const { inspection } = lifecycle.submitRectification(recorded, as.company, { note: 'Fixed', files: [] }, { id: 'rec_1', evidenceKey: () => 'k' }, now);
    expect(rejection(() => lifecycle.reviewRectification(inspection, liftInspector, 'rec_1', { decision: 'accepted' }, now)).kind).toBe('forbidden');
    expect(lifecycle.reviewRectification(inspection, as.lead, 'rec_1', { decision: 'accepted' }, now).status).toBe('closed');
  });

  it('tells screens who may still review, so they offer no button the API refuses', () => {
    const recorded = lifecycle.recordResults(lifecycle.recordResults(joint, liftInspector, { outcome: 'rectify', findings: [liftFinding] }, now, open), as.lead, { outcome: 'rectify', findings: [finding] }, now, open);
    const { inspection, rectification } = lifecycle.submitRectification(recorded, as.company, { note: 'Fixed', files: [] }, { id: 'rec_1', evidenceKey: () => 'k' }, now);
    expect(lifecycle.mayReview(inspection, liftInspector, rectification)).toBe(true);
    const liftAccepted = lifecycle.reviewRectification(inspection, liftInspector, 'rec_1', { decision: 'accepted' }, now);
    expect(lifecycle.mayReview(liftAccepted, liftInspector, liftAccepted.rectifications[0]!)).toBe(false);
    expect(lifecycle.mayReview(liftAccepted, as.lead, liftAccepted.rectifications[0]!)).toBe(true);
    expect(lifecycle.mayReview(liftAccepted, as.company, liftAccepted.rectifications[0]!)).toBe(false);
  });

  it("keeps each part's photos from the site, and the visit's result carries them all", () => {
    const photo = (key: string) => ({ name: `${key}.jpg`, contentType: 'image/jpeg' as const, size: 10, key });
    const lifted = lifecycle.recordResults(joint, liftInspector, { outcome: 'rectify', findings: [liftFinding] }, now, open, [photo('lift')]);
    expect(lifecycle.resultOfCallersPart(lifted, liftInspector)?.evidence).toEqual([photo('lift')]);
    expect(lifecycle.resultOfCallersPart(lifted, as.lead)).toBeUndefined();
    const both = lifecycle.recordResults(lifted, as.lead, { outcome: 'compliant', findings: [] }, now, open, [photo('kitchen')]);
    expect(both.result?.evidence).toEqual([photo('kitchen'), photo('lift')]);
  });
});
