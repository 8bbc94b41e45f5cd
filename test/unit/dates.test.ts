import { describe, expect, it } from 'vitest';
import { calendarDate, endOfLocalDay, lastDayBefore, localDay, startOfLocalDay } from '../../shared/dates.ts';

const shanghai = 'Asia/Shanghai';

describe("the authority's calendar", () => {
  it('puts an instant after 16:00 UTC on the next day in Shanghai', () => {
    expect(localDay('2024-04-09T16:30:00Z', shanghai)).toBe('2024-04-10');
    expect(localDay('2024-04-09T15:59:59Z', shanghai)).toBe('2024-04-09');
    expect(localDay('2024-04-09T16:30:00Z', 'UTC')).toBe('2024-04-09');
  });

  it('finds the instant a day begins, across a daylight-saving change too', () => {
    expect(startOfLocalDay('2024-04-10', shanghai)).toBe('2024-04-09T16:00:00.000Z');
    expect(startOfLocalDay('2024-03-10', 'America/New_York')).toBe('2024-03-10T05:00:00.000Z');
    expect(startOfLocalDay('2024-03-11', 'America/New_York')).toBe('2024-03-11T04:00:00.000Z');
    expect(startOfLocalDay('2024-11-04', 'America/New_York')).toBe('2024-11-04T05:00:00.000Z');
  });

  it('reads the end of a day back as that day', () => {
    expect(endOfLocalDay('2024-04-10', shanghai)).toBe('2024-04-10T16:00:00.000Z');
    expect(lastDayBefore(endOfLocalDay('2024-04-10', shanghai), shanghai)).toBe('2024-04-10');
  });
});

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
