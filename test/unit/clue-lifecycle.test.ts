import { describe, expect, it } from 'vitest';
import type { Principal } from '../../shared/auth/principal.ts';
import { evaluateRule } from '../../shared/rules/evaluate.ts';
import { clueId, escalate, isOverdue, newClue, transition, type Clue } from '../../shared/warnings/clue.ts';
import { warningModels } from '../../shared/warnings/models.ts';
import { refusal } from '../support/refusal.ts';
import { asOf, fact, view } from '../support/views.ts';

const chief: Principal = { subject: 'chief', role: 'supervisor', department: 'food-safety' };
const now = '2030-03-15T08:00:00.000Z';
const model = warningModels().find((m) => m.id === 'rodent-sighting')!;
const entity = view({ facts: [fact('alert', '2030-03-14', { detail: 'rodent' })] });
const opened = (): Clue => newClue(model, entity, evaluateRule(model, entity, asOf)!, asOf, now);


describe('a warning clue', () => {
  it('is the same clue for the same entity, model and window, whenever in the window it fires', () => {
    const later = newClue(model, entity, [], '2030-03-16', now);
    expect(later.id).toBe(opened().id);
    expect(clueId('ent-1', model.id, '2030-03-21')).not.toBe(opened().id);
    expect(opened()).toMatchObject({ status: 'open', severity: 'high', dueBy: '2030-03-18', history: [{ status: 'open', by: 'model:rodent-sighting' }] });
  });

  it('goes open → assigned → handled → closed, recording who and when', () => {
    let clue = transition(opened(), chief, { to: 'assigned', assignee: 'insp-wang' }, now);
    clue = transition(clue, { ...chief, subject: 'insp-wang' }, { to: 'handled', note: 'Pest control came; traps set' }, '2030-03-16T10:00:00.000Z');
    clue = transition(clue, chief, { to: 'closed' }, '2030-03-17T09:00:00.000Z');
    expect(clue.status).toBe('closed');
    expect(clue.history.map((s) => [s.status, s.by])).toEqual([
      ['open', 'model:rodent-sighting'],
      ['assigned', 'chief'],
      ['handled', 'insp-wang'],
      ['closed', 'chief'],
    ]);
  });

  it('leaves reporting handled to the supervisor who took it on; a colleague takes it over first, an inspector\'s is reported for them', () => {
    const deputy: Principal = { subject: 'deputy', role: 'supervisor', department: 'food-safety' };
    const taken = transition(opened(), chief, { to: 'assigned', assignee: 'chief' }, now);
    const refused = refusal(() => transition(taken, deputy, { to: 'handled', note: 'done for her' }, now));
    expect([refused.kind, refused.code]).toEqual(['forbidden', 'not_assignee']);
    expect(transition(taken, chief, { to: 'handled', note: 'Traps set' }, now).status).toBe('handled');
    const takenOver = transition(taken, deputy, { to: 'assigned', assignee: 'deputy' }, now);
    expect(transition(takenOver, deputy, { to: 'handled', note: 'Traps set' }, now).history.map((s) => s.by)).toEqual(['model:rodent-sighting', 'chief', 'deputy', 'deputy']);
    const inspectors = transition(opened(), chief, { to: 'assigned', assignee: 'insp-wang' }, now);
    expect(transition(inspectors, deputy, { to: 'handled', note: 'Wang reported: traps set' }, now).status).toBe('handled');
  });

  it('refuses a move the lifecycle does not have, saying which moves there are', () => {
    const error = refusal(() => transition(opened(), chief, { to: 'handled', note: 'done' }, now));
    expect(error.kind).toBe('conflict');
    expect(error.message).toContain('From open it can move to: assigned');
    const closed = transition(opened(), chief, { to: 'closed', note: 'Camera misread a cat' }, now);
    expect(refusal(() => transition(closed, chief, { to: 'assigned', assignee: 'x' }, now)).message).toContain('It is closed');
  });

  it('asks for what a move needs: an assignee to assign, a note to dismiss or hand in', () => {
    expect(refusal(() => transition(opened(), chief, { to: 'assigned' }, now)).code).toBe('assignee_required');
    expect(refusal(() => transition(opened(), chief, { to: 'closed' }, now)).code).toBe('note_required');
  });

  it('takes the same request twice as one step', () => {
    const once = transition(opened(), chief, { to: 'assigned', assignee: 'insp-wang' }, now);
    expect(transition(once, chief, { to: 'assigned', assignee: 'insp-wang' }, now)).toBe(once);
  });

  it('escalates when overdue, once per due day, and not once handled', () => {
    const clue = opened();
    expect(isOverdue(clue, '2030-03-18')).toBe(false);
    const escalated = escalate(clue, model, '2030-03-19', now);
    expect(escalated).toMatchObject({ escalations: 1, dueBy: '2030-03-21' });
    expect(escalated.history.at(-1)!.note).toContain('escalated to level 1');
    expect(escalate(escalated, model, '2030-03-19', now)).toBe(escalated);
    const assigned = transition(clue, chief, { to: 'assigned', assignee: 'insp-wang' }, now);
    const handled = transition(assigned, chief, { to: 'handled', note: 'fixed' }, now);
    expect(escalate(handled, model, '2030-04-30', now)).toBe(handled);
  });
});
