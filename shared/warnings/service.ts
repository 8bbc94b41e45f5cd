/** Use cases of the clue queue: raising clues from the models, the lifecycle, escalation of overdue clues. */
import { today } from '../services.ts';
import type { Principal } from '../auth/principal.ts';
import { actsFor, departmentsOfSegment, requireScope } from '../auth/scope.ts';
import type { ListWarningsQuery, PageQuery } from '../api/schemas.ts';
import { DomainError, notFound } from '../domain-error.ts';
import { requireAccess } from '../inspections/access.ts';
import { evaluateRule, type EntityView } from '../rules/evaluate.ts';
import type { RiskServices } from '../risk/services.ts';
import { noticeOnce } from '../risk/notice.ts';
import { changeVersioned } from '../versioned.ts';
import { escalate, gainsEvidence, newClue, transition, withEvidence, type Clue, type TransitionInput } from './clue.ts';
import { countMetric, metricNames } from '../telemetry/metrics.ts';

type ClueServices = Pick<RiskServices, 'risk' | 'store' | 'events' | 'warningModels' | 'now' | 'timeZone'>;

/** Runs every warning model over one entity; stores the clues that are new in their window. Returns how many. */
export async function raiseClues(services: ClueServices, view: EntityView, asOf: string): Promise<number> {
  let raised = 0;
  for (const model of services.warningModels) {
    const evidence = evaluateRule(model, view, asOf);
    if (!evidence) continue;
    const clue = newClue(model, view, evidence, asOf, services.now());
    const stored = await services.risk.createClue(clue);
    if (stored.created) {
      raised++;
      await services.store.count({ [`clues.model.${model.id}`]: 1, 'clues.status.open': 1 }, today(services));
      countMetric(metricNames.cluesOpened);
    } else if (gainsEvidence(stored.existing, evidence)) {
      // The clue opened on the first alert of its window; a second one there is more of the same case, not a new
      // clue, and whoever works the clue must see it (the second rodent of the evening, not only the first).
      await changeVersioned(
        async () => (await services.risk.getClue(clue.id)) ?? stored.existing,
        (next) => services.risk.saveClue(next),
        (current) => (gainsEvidence(current, evidence) ? withEvidence(current, evidence, services.now()) : current),
      );
    }
    // Also for a clue made before whose notice never went out (an earlier run failed to publish it).
    if (stored.created || !stored.existing.noticeSentAt) await noticeOnce(services, { clue: clue.id }, { type: 'clue.opened', detail: summary(clue) });
  }
  return raised;
}

const summary = ({ id, entityId, entityName, district, segment, model, modelName, severity, dueBy, escalations, status }: Clue) => ({
  id,
  entityId,
  entityName,
  district,
  segment,
  model,
  modelName,
  severity,
  status,
  dueBy,
  escalations,
});

const requireSupervisor = (principal: Principal) => requireAccess(principal.role === 'supervisor', 'Only supervisors work the clue queue.');

/** A clue belongs to the departments that supervise its company's segment. */
const ownersOf = (clue: Pick<Clue, 'segment'>) => departmentsOfSegment(clue.segment);

/** The queue as this supervisor may work it: clues of their department's segments (all of them city-wide). */
export async function listWarnings(services: ClueServices, principal: Principal, query: ListWarningsQuery) {
  requireSupervisor(principal);
  const { limit, cursor, ...filter } = query;
  const page = await services.risk.listClues(filter, { limit, ...(cursor ? { cursor } : {}) });
  return { ...page, items: page.items.filter((clue) => actsFor(principal, ownersOf(clue))) };
}

/** A company's clues of every status, newest first, for the supervisors of its segment (who work each of them). */
export async function cluesOfEntity(services: ClueServices, principal: Principal, entityId: string, query: PageQuery) {
  requireSupervisor(principal);
  const entity = await services.store.getEntity(entityId);
  if (!entity) throw notFound('entity', entityId);
  requireScope(principal, departmentsOfSegment(entity.segment), `the clues of entity ${entityId} (segment ${entity.segment})`);
  return services.risk.cluesOfEntity(entityId, { limit: query.limit, ...(query.cursor ? { cursor: query.cursor } : {}) });
}

async function clueInScope(services: ClueServices, principal: Principal, id: string) {
  const clue = await services.risk.getClue(id);
  if (!clue) throw notFound('clue', id);
  requireScope(principal, ownersOf(clue), `clue ${id} (segment ${clue.segment})`);
  return clue;
}

/**
 * The name of whom a clue goes to, checking they may take it: the supervisor themself (their sign-in's name), its
 * assignee again (sent back), or an active inspector of a department supervising the company's segment.
 */
async function assigneeName(services: ClueServices, principal: Principal, clue: Clue, assignee: string): Promise<string | undefined> {
  if (assignee === principal.subject) return principal.name;
  if (assignee === clue.assignee) return clue.assigneeName;
  const [inspector] = await services.store.getInspectors([assignee]);
  const owners = ownersOf(clue);
  if (!inspector?.active || !owners.includes(inspector.department))
    throw new DomainError(
      'invalid',
      'assignee_not_eligible',
      `"${assignee}" cannot take this clue: hand it to an active inspector of ${owners.join(', ') || 'a department that supervises its segment'} (GET /inspectors?department=...), or assign it to yourself.`,
      { departments: owners },
    );
  return inspector.name;
}

export async function transitionClue(services: ClueServices, principal: Principal, id: string, input: TransitionInput) {
  requireSupervisor(principal);
  const name = input.assignee ? await assigneeName(services, principal, await clueInScope(services, principal, id), input.assignee) : undefined;
  const { record, changed } = await changeVersioned(
    () => clueInScope(services, principal, id),
    (next) => services.risk.saveClue(next),
    (current) => transition(current, principal, { ...input, ...(name ? { assigneeName: name } : {}) }, services.now()),
  );
  if (changed) {
    const from = record.history.at(-2)!.status;
    if (from !== record.status) await services.store.count({ [`clues.status.${from}`]: -1, [`clues.status.${record.status}`]: 1 }, today(services));
  }
  return { clue: record, changed };
}

/** Escalates every clue past its due day (once per due day: escalation moves the due day on). */
export async function escalateOverdue(services: ClueServices, today: string): Promise<number> {
  const handleWithin = new Map(services.warningModels.map((m) => [m.id, m]));
  let escalated = 0;
  for await (const page of services.risk.overdueClues(today)) {
    for (const overdue of page) {
      const model = handleWithin.get(overdue.model) ?? { handleWithinDays: 2 };
      const { record, changed } = await changeVersioned(
        async () => (await services.risk.getClue(overdue.id)) ?? overdue,
        (next) => services.risk.saveClue(next),
        (current) => escalate(current, model, today, services.now()),
      );
      if (!changed) continue;
      escalated++;
      await services.store.count({ 'clues.escalated': 1 }, today);
      countMetric(metricNames.cluesEscalated);
      await services.events.publish([{ type: 'clue.escalated', detail: summary(record) }]);
    }
  }
  return escalated;
}

export async function readClue(services: ClueServices, principal: Principal, id: string) {
  requireSupervisor(principal);
  return clueInScope(services, principal, id);
}
