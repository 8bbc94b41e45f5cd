/**
 * What is due: the console's inspection lists and the overview's counts, as ranges of the last day of the window on
 * the authority's calendar (the byDue index in shared/store/resources.ts). An inspection is open until every
 * department has recorded results; an open one whose window has ended is overdue. One whose code was revoked before
 * that is cancelled: neither open nor due.
 */
import type { ListInspectionsQuery } from '../api/schemas.ts';
import { addDays, dayNumber } from '../dates.ts';
import type { Inspection, InspectionStatus } from './model.ts';

/** Where an inspection is listed: scheduled and on-site ones together, as `open`, unless cancelled. */
export type InspectionState = 'open' | 'cancelled' | Exclude<InspectionStatus, 'scheduled' | 'on-site'>;
const isOpen = (status: InspectionStatus) => status === 'scheduled' || status === 'on-site';
export const stateOf = ({ status, cancelled }: Pick<Inspection, 'status' | 'cancelled'>): InspectionState =>
  isOpen(status) ? (cancelled ? 'cancelled' : 'open') : (status as InspectionState);

/** A query of one state's inspections by the last day of their window. */
export interface DueQuery {
  state: InspectionState;
  /** Only this status (scheduled or on-site within `open`). */
  status?: InspectionStatus;
  /** Window ends on or after this day. */
  endsFrom?: string;
  /** Window ends on or before this day. */
  endsBy?: string;
  /** Window starts on or before this day. */
  startsBy?: string;
  /** Only visits this department has a part in. */
  department?: string;
}

/** The week (Monday to Sunday, as Chinese calendars count it) a day falls in. */
export function weekOf(day: string): { start: string; end: string } {
  // 1970-01-01 was a Thursday: day 0 is weekday 3 counted from Monday.
  const start = addDays(day, -((dayNumber(day) + 3) % 7));
  return { start, end: addDays(start, 6) };
}

export type Due = NonNullable<ListInspectionsQuery['due']>;

/** The day range each "due" filter means, today: overdue (ended before today), due this week (ends today to Sunday), this week (overlaps it). */
export function dueRange(due: Due | undefined, today: string): Pick<DueQuery, 'endsFrom' | 'endsBy' | 'startsBy'> {
  const week = weekOf(today);
  if (due === 'overdue') return { endsBy: addDays(today, -1) };
  if (due === 'due-this-week') return { endsFrom: today, endsBy: week.end };
  if (due === 'this-week') return { endsFrom: week.start, startsBy: week.end };
  return {};
}

/** The query behind a list filter: its status (open by default), due range and department. */
export function dueQuery(filter: { status: NonNullable<ListInspectionsQuery['status']>; due?: Due; department?: string }, today: string): DueQuery {
  const { status, due, department } = filter;
  return {
    state: status === 'open' || status === 'cancelled' ? status : stateOf({ status }),
    ...(status === 'scheduled' || status === 'on-site' ? { status } : {}),
    ...dueRange(due, today),
    ...(department ? { department } : {}),
  };
}
