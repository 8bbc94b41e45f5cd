import { describe, expect, it } from 'vitest';
import { importKindLabels } from '../../shared/imports/kind-labels.ts';
import { importKinds } from '../../shared/imports/kinds.ts';

describe('import kinds', () => {
  it('names and describes every kind in Chinese and in English, for the console to offer it in the reader\'s language', () => {
    expect(Object.keys(importKindLabels).sort()).toEqual(Object.keys(importKinds).sort());
    for (const [kind, label] of Object.entries(importKindLabels)) {
      for (const text of [label['zh-CN'].name, label['zh-CN'].description]) expect(text, kind).toMatch(/\p{Script=Han}/u);
      for (const text of [label.en.name, label.en.description]) expect(text, kind).not.toMatch(/\p{Script=Han}/u);
      // Neither language shows the raw key as the kind's name.
      expect([label['zh-CN'].name, label.en.name], kind).not.toContain(kind);
      expect(label.en.description.length, kind).toBeGreaterThan(10);
    }
  });

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
      errors: [{ code: 'field', field: 'expiresOn', issue: 'custom', en: 'A licence expires after it is issued', zh: '有效期截止日早于发证日期' }],
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

  describe('LIVES feeds of other cities', () => {
    it.each(['PR0043120', 'FA-2231', '0043120', 'ｐｒ００４３１２０'])('accepts the business id %s, as written', (businessId) => {
      expect(importKinds['lives-businesses'].parse({ business_id: businessId, name: 'SAMPLE NOODLE HOUSE' })).toMatchObject({ record: { type: 'entity', id: `sf-${businessId.normalize('NFKC')}` } });
    });

    it('refuses a business id that cannot be an id', () => {
      expect(importKinds['lives-businesses'].parse({ business_id: 'PR 00/43', name: 'X' })).toMatchObject({ errors: [{ field: 'business_id' }] });
    });

    it.each([
      ['27601', '27601'],
      ['10001-1234', '10001'],
      ['100011234', '10001'],
      ['K1A 0B6', 'unknown'],
    ])('reads the postal code %s as district %s', (postalCode, district) => {
      expect(importKinds['lives-businesses'].parse({ business_id: '1', name: 'X', postal_code: postalCode })).toMatchObject({ record: { entity: { district } } });
    });

    it.each(['20240229', '2024-02-29', '2024-02-29T00:00:00.000', '2024-02-29 00:00:00', '２０２４０２２９'])('reads the date %s as 2024-02-29', (date) => {
      expect(importKinds['lives-inspections'].parse({ business_id: '7004', date, type: 'Routine', score: '95.0' })).toMatchObject({ record: { fact: { date: '2024-02-29', value: 95 } } });
    });

    it.each(['02/29/2024', '2024-02-29T00:00:00Z', '2024229'])('refuses the date %s, which is not written as LIVES writes it', (date) => {
      expect(importKinds['lives-violations'].parse({ business_id: '7004', date, description: 'x' })).toMatchObject({ errors: [{ field: 'date', issue: 'invalid_format', dateFormat: 'YYYYMMDD', en: 'A date is written YYYYMMDD' }] });
    });

    it('takes a violation on a real leap day, and refuses days that are not on the calendar', () => {
      const parse = (date: string) => importKinds['lives-violations'].parse({ business_id: '7004', date, description: 'x' });
      expect(parse('20240229')).toMatchObject({ record: { fact: { date: '2024-02-29' } } });
      for (const date of ['20230229', '20230431', '20240230']) expect(parse(date)).toMatchObject({ errors: [{ field: 'date', en: expect.stringContaining('is not a day on the calendar'), zh: expect.stringContaining('不是日历上存在的日期') }] });
    });
  });

  it('reads list cells entry by entry as the API reads lists: normalised, bounded, blank entries dropped', () => {
    expect(importKinds.departments.parse({ id: 'food-safety', name: 'FS', districts: 'Ｈｕａｎｇｐｕ；\u200b; 徐汇区\u3000' })).toMatchObject({ record: { department: { districts: ['Huangpu', '徐汇区'] } } });
    const tooLong = 'x'.repeat(61);
    expect(importKinds.departments.parse({ id: 'food-safety', name: 'FS', districts: tooLong })).toMatchObject({ errors: [{ field: 'districts.0', issue: 'too_big', maximum: 60, en: 'At most 60 characters' }] });
  });
});
