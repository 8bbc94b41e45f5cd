/**
 * The clue lifecycle's rules, apart from the clue's making (which hashes with node:crypto) so that the console
 * offers exactly the moves the API accepts from where a clue stands, and marks overdue as the escalation does.
 */
import type { Clue, ClueStatus } from './clue.ts';

/** Allowed moves, and what each needs. */
export const moves: readonly { from: ClueStatus; to: ClueStatus; needs: readonly ('assignee' | 'note')[]; means: string }[] = [
  { from: 'open', to: 'assigned', needs: ['assignee'], means: 'someone takes it on' },
  { from: 'assigned', to: 'assigned', needs: ['assignee'], means: 'handed to someone else' },
  { from: 'assigned', to: 'handled', needs: ['note'], means: 'dealt with: what was done' },
  { from: 'handled', to: 'closed', needs: [], means: 'a supervisor accepts the handling' },
  { from: 'handled', to: 'assigned', needs: ['note'], means: 'sent back: the handling was not enough' },
  { from: 'open', to: 'closed', needs: ['note'], means: 'dismissed: why it needs no action' },
];

/** The moves possible from a status, in the table's order. */
export const movesFrom = (status: ClueStatus) => moves.filter((move) => move.from === status);

/**
 * Whether the clue's assignee is a supervisor who took it on themself (the only way a supervisor becomes one): they
 * work it in the console and report its handling themselves. An inspector's handling is reported for them by a
 * supervisor of the department, as inspectors do not work the queue.
 */
export const takenOnThemself = (clue: Pick<Clue, 'status' | 'assignee' | 'history'>) =>
  clue.status === 'assigned' && clue.history.some((step) => step.status === 'assigned' && step.assignee === clue.assignee && step.by === clue.assignee);

/**
 * Whether this person may make the move: a clue a supervisor took on themself is reported handled by them alone;
 * anyone else takes it over first (assigns it to themself, a step the history keeps). Reassigning, closing and
 * sending back are any in-scope supervisor's.
 */
export const mayMove = (clue: Pick<Clue, 'status' | 'assignee' | 'history'>, subject: string, to: ClueStatus) =>
  !(clue.status === 'assigned' && to === 'handled' && clue.assignee !== subject && takenOnThemself(clue));

/** Open or assigned past its due day (the day on the authority's calendar). */
export const isOverdue = (clue: Pick<Clue, 'status' | 'dueBy'>, today: string) => (clue.status === 'open' || clue.status === 'assigned') && clue.dueBy < today;
