/**
 * The local stand-in for the EventBridge bus and its SNS topic: every event is kept (tests read them) and, unless
 * quiet, printed as one line to the terminal of `npm start`, where an operator would have received the e-mail.
 * The line is masked as the functions' logs are: a trigger's scan URL would otherwise put a live code in the log.
 */
import type { DomainEvent, EventPublisher } from '../shared/store/ports.ts';
import { redactText } from '../shared/telemetry/redact.ts';

const describe = ({ type, detail: d }: DomainEvent) => {
  if (type === 'clue.opened' || type === 'clue.escalated') return `${d.severity} clue ${d.id}: ${(d.modelName as { en: string }).en} — ${d.entityName} (${d.district}), due ${d.dueBy}`;
  if (type === 'trigger.fired') return `trigger inspection ${d.inspectionId} for ${d.entityName}: ${(d.triggerName as { en: string }).en}; scan ${d.url}`;
  if (type === 'trigger.unassigned') return `trigger ${d.trigger} for ${d.entityName} has no inspectors: ${d.reason}`;
  return `${d.type} alert from ${d.deviceId} at ${d.entityId}${d.deferred ? ' (over the rate: left to the sweep)' : ''}`;
};

export class LocalEventLog implements EventPublisher {
  readonly published: DomainEvent[] = [];

  constructor(private readonly log: (line: string) => void) {}

  async publish(events: DomainEvent[]) {
    for (const event of events) {
      this.published.push(event);
      this.log(redactText(`event ${event.type}: ${describe(event)}`));
    }
  }
}
