/**
 * Which day it is. Every day the system reasons about or shows is a day of the authority's calendar (cdk.json
 * `context.timeZone`), never the UTC date of an instant: at 02:30 in Shanghai it is already tomorrow for the
 * authority and still yesterday in UTC. Day strings are YYYY-MM-DD; instants are ISO strings in UTC.
 */

export const dayMs = 86_400_000;

function partsIn(instant: Date, timeZone: string): Record<string, string> {
  return Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
}

/**
 * How a reader sees a calendar day (YYYY-MM-DD, already the authority's), in their language: "2026年11月28日",
 * "Nov 28, 2026". Formatted in UTC, where the day string is midnight, so no time zone moves it.
 */
export function dayFormat(language: string): (isoDay: string) => string {
  const format = new Intl.DateTimeFormat(language, { timeZone: 'UTC', dateStyle: 'medium' });
  return (isoDay) => format.format(new Date(`${isoDay.slice(0, 10)}T00:00:00Z`));
}

/** How a reader sees an instant: its date and time on the authority's clock (`timeZone`), in their language. */
export function instantFormat(language: string, timeZone: string): (iso: string) => string {
  const format = new Intl.DateTimeFormat(language, { timeZone, dateStyle: 'medium', timeStyle: 'short' });
  return (iso) => format.format(new Date(iso));
}

/** The calendar day (YYYY-MM-DD) an instant falls on in a time zone: "today" for the authority, not for UTC. */
export function localDay(instant: string | Date, timeZone: string): string {
  const parts = partsIn(typeof instant === 'string' ? new Date(instant) : instant, timeZone);
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** Days since 1970-01-01 of an ISO date or date-time (its date part): calendar arithmetic, no time zone involved. */
export const dayNumber = (date: string) => Math.floor(Date.parse(`${date.slice(0, 10)}T00:00:00Z`) / dayMs);
export const isoDay = (day: number) => new Date(day * dayMs).toISOString().slice(0, 10);
export const addDays = (date: string, days: number) => isoDay(dayNumber(date) + days);

/** How far the zone's wall clock is ahead of UTC at an instant, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
  const p = partsIn(new Date(instant), timeZone);
  return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second)) - Math.floor(instant / 1000) * 1000;
}

/** The instant (ISO, UTC) a calendar day begins in a time zone: 2024-04-10 begins at 2024-04-09T16:00:00.000Z in Shanghai. */
export function startOfLocalDay(day: string, timeZone: string): string {
  const midnightUtc = Date.parse(`${day}T00:00:00Z`);
  // Twice, so that a day whose midnight falls on the other side of a daylight-saving change still lands on it.
  const first = midnightUtc - offsetAt(midnightUtc, timeZone);
  return new Date(midnightUtc - offsetAt(first, timeZone)).toISOString();
}

/**
 * "Valid until D" means through the last moment of D on the authority's calendar: what expires is the instant
 * D + 1 begins there. `lastDayBefore` reads such an instant back as D, so what a page shows and what a check
 * enforces come from the same instant.
 */
export const endOfLocalDay = (day: string, timeZone: string) => startOfLocalDay(addDays(day, 1), timeZone);
export const lastDayBefore = (end: string, timeZone: string) => localDay(new Date(Date.parse(end) - 1), timeZone);
export type DateFormat = 'YYYY-MM-DD' | 'YYYYMMDD';
/** How each format is written, digit by digit (whether the day is on the calendar is checked apart). */
export const datePatterns: Record<DateFormat, RegExp> = { 'YYYY-MM-DD': /^(\d{4})-(\d{2})-(\d{2})$/, YYYYMMDD: /^(\d{4})(\d{2})(\d{2})$/ };

const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const daysIn = (year: number, month: number) =>
  month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

/**
 * The one reading of a written calendar date, for the API and every import alike: the day as YYYY-MM-DD, or why it
 * is not one. A date that matches the format but is not on the calendar (2023-02-29, 2023-04-31) is refused with
 * the same message wherever it was written, rather than rolling over to another day.
 */
export function calendarDate(written: string, format: DateFormat = 'YYYY-MM-DD'): { date: string } | { problem: string } {
  const parts = datePatterns[format].exec(written);
  if (!parts) return { problem: `A date is written ${format}` };
  const [, y, m, d] = parts as unknown as [string, string, string, string];
  const [year, month, day] = [Number(y), Number(m), Number(d)];
  const date = `${y}-${m}-${d}`;
  if (month < 1 || month > 12) return { problem: `${date} is not a day on the calendar: there is no month ${m}` };
  if (day < 1 || day > daysIn(year, month)) return { problem: `${date} is not a day on the calendar: ${monthNames[month - 1]} ${year} has ${daysIn(year, month)} days` };
  return { date };
}
