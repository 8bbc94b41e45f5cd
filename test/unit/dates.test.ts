import { describe, expect, it } from 'vitest';
import { endOfLocalDay, lastDayBefore, localDay, startOfLocalDay } from '../../shared/dates.ts';

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
