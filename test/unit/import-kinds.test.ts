import { describe, expect, it } from 'vitest';
import { importKinds } from '../../shared/imports/kinds.ts';

describe('import kinds', () => {
  it('reads a department with the districts it covers', () => {
    expect(importKinds.departments.parse({ id: 'food-safety', name: '食品安全监管处 Food Safety', districts: 'Huangpu; Xuhui' })).toEqual({
      record: { type: 'department', id: 'food-safety', department: { name: '食品安全监管处 Food Safety', districts: ['Huangpu', 'Xuhui'] } },
    });
  });

  it('turns a licence row into a fact valid until its expiry', () => {
    const parsed = importKinds.licences.parse({ entityId: 'e1', licenceNo: 'JY13101010001', type: 'food business', issuedOn: '2017-01-01', expiresOn: '2022-01-01' });
    expect(parsed).toMatchObject({ record: { type: 'fact', fact: { entityId: 'e1', kind: 'licence', date: '2017-01-01', until: '2022-01-01' } } });
  });

  it('refuses a licence that expires before it is issued, naming the field', () => {
    expect(importKinds.licences.parse({ entityId: 'e1', licenceNo: 'L', type: 't', issuedOn: '2017-01-01', expiresOn: '2016-01-01' })).toEqual({
      errors: [{ field: 'expiresOn', reason: 'A licence expires after it is issued' }],
    });
  });

  it('records a failed sample as 1 and a passed one as 0', () => {
    const row = { entityId: 'e1', sampleNo: 'S1', product: 'Milk', date: '2017-03-01' };
    expect(importKinds['sampling-results'].parse({ ...row, result: 'fail' })).toMatchObject({ record: { fact: { kind: 'sampling', value: 1 } } });
    expect(importKinds['sampling-results'].parse({ ...row, result: 'pass' })).toMatchObject({ record: { fact: { kind: 'sampling', value: 0 } } });
    expect(importKinds['sampling-results'].parse({ ...row, result: 'maybe' })).toMatchObject({ errors: [{ field: 'result' }] });
  });

  it('keeps complaints and reports apart, with whether they were verified', () => {
    const row = { entityId: 'e1', caseNo: 'C1', date: '2017-03-01', verified: 'yes' };
    expect(importKinds.complaints.parse({ ...row, type: 'report' })).toMatchObject({ record: { fact: { kind: 'report', value: 1 } } });
    expect(importKinds.complaints.parse({ ...row, type: 'complaint', verified: 'no' })).toMatchObject({ record: { fact: { kind: 'complaint', value: 0 } } });
  });

  it('lists a debtor with who is listed, open-ended until removed', () => {
    expect(importKinds['debtor-list'].parse({ entityId: 'e1', listedOn: '2017-05-01', who: 'legal-representative', caseNo: '(2017)沪0101执1号' })).toMatchObject({
      record: { fact: { kind: 'debtor-listing', detail: 'legal-representative' } },
    });
  });
});
