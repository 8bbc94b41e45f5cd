/** The calendar day (YYYY-MM-DD) an instant falls on in a time zone: "today" for the authority, not for UTC. */
export function localDay(instant: string | Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
      .formatToParts(typeof instant === 'string' ? new Date(instant) : instant)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}`;
}

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
