/**
 * Where domain events go: the stack's EventBridge bus when deployed (EVENT_BUS_NAME; a rule forwards them to the
 * SNS topic operators subscribe to), or the publisher the local stack installs, which prints them.
 */
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { DomainEvent, EventPublisher } from './ports.ts';
import { env, eventSource } from './resources.ts';

export class EventBridgePublisher implements EventPublisher {
  constructor(
    private readonly client: EventBridgeClient,
    private readonly busName: string,
  ) {}

  async publish(events: DomainEvent[]) {
    for (let start = 0; start < events.length; start += 10) {
      const entries = events.slice(start, start + 10).map((event) => ({ EventBusName: this.busName, Source: eventSource, DetailType: event.type, Detail: JSON.stringify(event.detail) }));
      const { FailedEntryCount = 0, Entries = [] } = await this.client.send(new PutEventsCommand({ Entries: entries }));
      // The use cases publish after their write succeeded; failing here makes the job retry, and the write is idempotent.
      if (FailedEntryCount > 0) throw new Error(`EventBridge refused ${FailedEntryCount} event(s): ${Entries.flatMap((e) => (e.ErrorMessage ? [e.ErrorMessage] : [])).join('; ')}`);
    }
  }
}

let installedLocally: EventPublisher | undefined;

/** Used by the local stack only: where its functions publish. */
export function installLocalEventPublisher(publisher: EventPublisher) {
  installedLocally = publisher;
}

export function eventPublisherFromEnvironment(): EventPublisher {
  const bus = process.env[env.eventBusName];
  if (bus) return new EventBridgePublisher(new EventBridgeClient({}), bus);
  if (installedLocally) return installedLocally;
  throw new Error(`Environment variable ${env.eventBusName} is not set; the stack sets it.`);
}
