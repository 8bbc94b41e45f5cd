/**
 * A warning clue and its closed loop: open → assigned → handled → closed, with who and when at every step.
 * The allowed moves are data (`moves`); anything else is refused with the moves that are possible from where the
 * clue stands. A clue still open or assigned after its due day escalates, and its due day moves on.
 */
import { createHash } from 'node:crypto';
import type { Principal } from '../auth/principal.ts';
import { DomainError } from '../domain-error.ts';
import { addDays } from '../dates.ts';
import { windowStart, type EntityView, type Evidence } from '../rules/evaluate.ts';
import type { Severity, WarningModel } from './models.ts';
import { isOverdue, mayMove, moves, movesFrom } from './lifecycle.ts';

export const clueStatuses = ['open', 'assigned', 'handled', 'closed'] as const;
export type ClueStatus = (typeof clueStatuses)[number];

export interface ClueStep {
  status: ClueStatus;
  by: string;
  /** The name of who moved it, as they signed in (absent for the system and on older steps). */
  byName?: string;
  at: string;
  note?: string;
  assignee?: string;
  assigneeName?: string;
  /** An escalation by the overdue sweep: to which level, overdue since which day (the `note` says it in English). */
  escalated?: { level: number; overdueSince: string };
}

export interface Clue {
  id: string;
  entityId: string;
  entityName: string;
  segment: string;
  district: string;
  model: string;
  modelName: { zh: string; en: string };
  severity: Severity;
  /** The model's window this clue belongs to: one clue per entity, model and window. */
  window: { start: string; days: number };
  firedOn: string;
  evidence: Evidence[];
  status: ClueStatus;
  /** Who works on it, once assigned: a supervisor's subject (assigned to themself) or an inspector's id. */
  assignee?: string;
  /** Their name, as known when it was assigned to them. */
  assigneeName?: string;
  /** The day by which it should be handled; an open or assigned clue past it escalates. */
  dueBy: string;
  /** How many times it escalated. */
  escalations: number;
  history: ClueStep[];
  /** When the notice of the new clue went out (see shared/risk/notice.ts). */
  noticeSentAt?: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** The same id for the same entity, model and window, whoever computes it: what makes a firing count once. */
export const clueId = (entityId: string, model: string, windowStartDay: string) =>
  `clue_${createHash('sha256').update(`${entityId}\n${model}\n${windowStartDay}`).digest('base64url').slice(0, 22)}`;

export function newClue(model: WarningModel, view: EntityView, evidence: Evidence[], asOf: string, now: string): Clue {
  const start = windowStart(asOf, model.windowDays);
  return {
    id: clueId(view.id, model.id, start),
    entityId: view.id,
    entityName: view.name,
    segment: view.segment,
    district: view.district,
    model: model.id,
    modelName: model.name,
    severity: model.severity,
    window: { start, days: model.windowDays },
    firedOn: asOf,
    evidence,
    status: 'open',
    dueBy: addDays(asOf, model.handleWithinDays),
    escalations: 0,
    history: [{ status: 'open', by: `model:${model.id}`, at: now }],
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
}

const factIds = (evidence: readonly Evidence[]) => new Set(evidence.flatMap((e) => e.facts ?? []).map((f) => f.id));

/**
 * Whether the model, firing again in the clue's window, found facts the clue does not show yet. A closed clue keeps
 * the evidence it was closed on: it records what was decided, on what.
 */
export function gainsEvidence(clue: Clue, evidence: readonly Evidence[]): boolean {
  if (clue.status === 'closed') return false;
  const known = factIds(clue.evidence);
  const found = factIds(evidence);
  return found.size > known.size && [...known].every((id) => found.has(id));
}

/** The clue with the model's latest evidence (a superset of what it showed, see {@link gainsEvidence}). */
export const withEvidence = (clue: Clue, evidence: Evidence[], now: string): Clue => ({ ...clue, evidence, updatedAt: now });

export interface TransitionInput {
  to: ClueStatus;
  /** Required to assign: whom the clue goes to (a supervisor's or inspector's id). */
  assignee?: string;
  /** What was done or decided; required to hand back, to mark handled and to close without handling. */
  note?: string;
}

/**
 * Moves the clue. `assigneeName` is the assignee's name as the caller found it (the directory or the caller's own
 * sign-in), kept beside the id so that every reader sees a person, not an account id.
 */
export function transition(clue: Clue, principal: Principal, input: TransitionInput & { assigneeName?: string }, now: string): Clue {
  const last = clue.history.at(-1)!;
  // The same request again (a retry) changes nothing.
  if (clue.status === input.to && last.by === principal.subject && (input.to !== 'assigned' || clue.assignee === input.assignee) && last.note === input.note) return clue;
  const move = moves.find((m) => m.from === clue.status && m.to === input.to);
  if (!move) {
    const possible = movesFrom(clue.status).map((m) => `${m.to} (${m.means})`);
    throw new DomainError(
      'conflict',
      'transition_not_allowed',
      `A clue that is ${clue.status} cannot move to ${input.to}. ${possible.length ? `From ${clue.status} it can move to: ${possible.join('; ')}.` : 'It is closed: nothing follows.'}`,
      { status: clue.status, allowed: movesFrom(clue.status).map((m) => m.to) },
    );
  }
  if (!mayMove(clue, principal.subject, input.to))
    throw new DomainError(
      'forbidden',
      'not_assignee',
      `${clue.assigneeName ?? clue.assignee} took this clue on and reports its handling. To report it yourself, take it over first (assign it to yourself): the clue's steps record who took it from whom.`,
      { assignee: clue.assignee },
    );
  for (const need of move.needs) {
    if (!input[need]) throw new DomainError('invalid', `${need}_required`, `Moving the clue from ${clue.status} to ${input.to} needs "${need}": ${move.means}.`);
  }
  const named = input.assignee && input.assigneeName ? { assigneeName: input.assigneeName } : {};
  const step: ClueStep = {
    status: input.to,
    by: principal.subject,
    ...(principal.name ? { byName: principal.name } : {}),
    at: now,
    ...(input.note ? { note: input.note } : {}),
    ...(input.assignee ? { assignee: input.assignee, ...named } : {}),
  };
  const { assigneeName: _previous, ...rest } = clue;
  return {
    ...(input.to === 'assigned' ? rest : clue),
    status: input.to,
    ...(input.to === 'assigned' ? { assignee: input.assignee, ...named } : {}),
    history: [...clue.history, step],
    updatedAt: now,
  };
}

export { isOverdue } from './lifecycle.ts';

/** An overdue clue one level up, due again after half its model's time (at least a day). */
export function escalate(clue: Clue, model: Pick<WarningModel, 'handleWithinDays'>, today: string, now: string): Clue {
  if (!isOverdue(clue, today)) return clue;
  const escalations = clue.escalations + 1;
  return {
    ...clue,
    escalations,
    dueBy: addDays(today, Math.max(1, Math.ceil(model.handleWithinDays / 2))),
    history: [
      ...clue.history,
      { status: clue.status, by: 'system', at: now, note: `overdue since ${clue.dueBy}: escalated to level ${escalations}`, escalated: { level: escalations, overdueSince: clue.dueBy } },
    ],
    updatedAt: now,
  };
}
