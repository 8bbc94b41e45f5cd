/** Publishing on the EventBridge bus: what a real bus will not do on demand (refuse some entries) is mocked here. */
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { EventBridgePublisher } from '../../shared/store/event-publisher.ts';
import type { DomainEvent } from '../../shared/store/ports.ts';

const bus = mockClient(EventBridgeClient);
const events = (n: number): DomainEvent[] => Array.from({ length: n }, (_, i) => ({ type: 'clue.opened', detail: { id: `clue-${i}` } }));

beforeEach(() => bus.reset());

describe('the EventBridge publisher', () => {
  it('puts events ten at a time (the PutEvents limit), as JSON details from the platform source', async () => {
    bus.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [] });
    await new EventBridgePublisher(new EventBridgeClient({ region: 'eu-west-1' }), 'bus-1').publish(events(23));
    const calls = bus.commandCalls(PutEventsCommand);
    expect(calls.map((c) => c.args[0].input.Entries!.length)).toEqual([10, 10, 3]);
    expect(calls[0]!.args[0].input.Entries![0]).toEqual({ EventBusName: 'bus-1', Source: 'supervision-code', DetailType: 'clue.opened', Detail: '{"id":"clue-0"}' });
  });

  it('fails loudly when the bus refuses entries, so the notice is given back and sent by the retry', async () => {
    bus.on(PutEventsCommand).resolves({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'ThrottlingException', ErrorMessage: 'Rate exceeded' }] });
    await expect(new EventBridgePublisher(new EventBridgeClient({ region: 'eu-west-1' }), 'bus-1').publish(events(2))).rejects.toThrow('EventBridge refused 1 event(s): Rate exceeded');
  });
});
