import { describe, expect, it } from 'vitest';
import { calendarDate } from '../../shared/dates.ts';

describe('reading a written date', () => {
  it('accepts a real leap day, in either format', () => {
    expect(calendarDate('2024-02-29')).toEqual({ date: '2024-02-29' });
    expect(calendarDate('20240229', 'YYYYMMDD')).toEqual({ date: '2024-02-29' });
    expect(calendarDate('2000-02-29')).toEqual({ date: '2000-02-29' });
  });

  it.each([
    ['2023-02-29', 'February 2023 has 28 days'],
    ['2023-04-31', 'April 2023 has 30 days'],
    ['2024-02-30', 'February 2024 has 29 days'],
    ['1900-02-29', 'February 1900 has 28 days'],
    ['2023-00-10', 'there is no month 00'],
    ['2023-13-01', 'there is no month 13'],
    ['2023-01-00', 'January 2023 has 31 days'],
  ])('refuses %s, which is not on the calendar (%s)', (written, why) => {
    expect(calendarDate(written)).toEqual({ problem: `${written} is not a day on the calendar: ${why}` });
  });

  it('refuses an impossible day with the same words whatever format it was written in', () => {
    expect(calendarDate('20230229', 'YYYYMMDD')).toEqual(calendarDate('2023-02-29'));
  });

  it('says which format it expects', () => {
    expect(calendarDate('2023/02/01')).toEqual({ problem: 'A date is written YYYY-MM-DD' });
    expect(calendarDate('2023-02-01', 'YYYYMMDD')).toEqual({ problem: 'A date is written YYYYMMDD' });
  });
});
