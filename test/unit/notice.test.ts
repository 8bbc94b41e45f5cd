import { describe, expect, it } from 'vitest';
import { noticeOnce } from '../../shared/risk/notice.ts';
import type { DomainEvent, RiskStore } from '../../shared/store/ports.ts';

/** The claim as the table keeps it: one attribute per item, set only if absent. */
function claims() {
  const sent = new Set<string>();
  const key = (item: { clue: string } | { inspection: string }) => JSON.stringify(item);
  return {
    claimNotice: async (item: { clue: string } | { inspection: string }) => !sent.has(key(item)) && Boolean(sent.add(key(item))),
    releaseNotice: async (item: { clue: string } | { inspection: string }) => void sent.delete(key(item)),
  } as unknown as RiskStore;
}

describe('the notice of a new clue or trigger inspection', () => {
  const event: DomainEvent = { type: 'clue.opened', detail: { id: 'clue-1' } };

  it('goes out once however many evaluations see the clue, and again after a failed publish', async () => {
    const published: DomainEvent[] = [];
    let failNext = true;
    const services = {
      risk: claims(),
      now: () => '2030-03-15T00:00:00.000Z',
      events: {
        publish: async (events: DomainEvent[]) => {
          if (failNext) {
            failNext = false;
            throw new Error('bus unavailable');
          }
          published.push(...events);
        },
      },
    };
    await expect(noticeOnce(services, { clue: 'clue-1' }, event)).rejects.toThrow('bus unavailable');
    await Promise.all([1, 2, 3].map(() => noticeOnce(services, { clue: 'clue-1' }, event)));
    await noticeOnce(services, { clue: 'clue-1' }, event);
    expect(published).toEqual([event]);
  });
});
