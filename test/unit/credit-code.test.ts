import { describe, expect, it } from 'vitest';
import { creditCodeCheckCharacter, isValidCreditCode } from '../../shared/entities/credit-code.ts';

describe('unified social credit code (GB 32100-2015)', () => {
  // Codes that companies publish on their licences (Tencent, Huawei, Baidu, Alibaba, a Shanghai MA-series code).
  it.each(['91440300708461136T', '914403001922038216', '91110000802100433B', '91330100799655058B', '91310000MA1FL1MMXL'])(
    'accepts %s',
    (code) => expect(isValidCreditCode(code)).toBe(true),
  );

  it('computes the check character of a known code', () => {
    expect(creditCodeCheckCharacter('91440300708461136')).toBe('T');
  });

  it('refuses a code whose check character was altered', () => {
    expect(isValidCreditCode('91440300708461136U')).toBe(false);
  });

  it('refuses any single-character corruption of the first 17', () => {
    const valid = '91440300708461136T';
    for (let i = 0; i < 17; i++) {
      const replacement = valid[i] === '1' ? '2' : '1';
      expect(isValidCreditCode(valid.slice(0, i) + replacement + valid.slice(i + 1)), `position ${i}`).toBe(false);
    }
  });

  it('refuses letters outside the alphabet (I, O, S, V, Z) and wrong lengths', () => {
    expect(isValidCreditCode('9144030070846113IT')).toBe(false);
    expect(isValidCreditCode('91440300708461136')).toBe(false);
    expect(isValidCreditCode('91440300708461136TT')).toBe(false);
  });
});
