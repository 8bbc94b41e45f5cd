import type { DomainEvent, EventPublisher, RiskStore } from '../store/ports.ts';

/**
 * Publishes the notice of a new clue or trigger inspection exactly once, whoever gets there (the event path or a
 * sweep, or both at once): the caller that claims the notice publishes it, and gives the claim back if publishing
 * fails, so the next evaluation tries again. Only a crash between claim and publish loses a notice; the clue or
 * inspection itself is in the queue regardless.
 */
export async function noticeOnce(services: { risk: RiskStore; events: EventPublisher; now: () => string }, item: { clue: string } | { inspection: string }, event: DomainEvent) {
  if (!(await services.risk.claimNotice(item, services.now()))) return;
  try {
    await services.events.publish([event]);
  } catch (error) {
    await services.risk.releaseNotice(item);
    throw error;
  }
}
