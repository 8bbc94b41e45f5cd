import { describe, expect, it } from 'vitest';
import { LocalEventLog } from '../../local/event-log.ts';

describe('the local event log', () => {
  it('prints a fired trigger with its scan URL masked: the code is the credential of its page', async () => {
    const lines: string[] = [];
    const log = new LocalEventLog((line) => lines.push(line));
    const code = 'XoMyq3Lk8vTz0AbCdEfGhI';
    const event = {
      type: 'trigger.fired' as const,
      detail: { inspectionId: 'insp-1', entityName: 'Bakery', triggerName: { en: 'Rodent alerts' }, url: `http://127.0.0.1:3000/c/${code}` },
    };
    await log.publish([event]);
    expect(lines).toEqual(['event trigger.fired: trigger inspection insp-1 for Bakery: Rodent alerts; scan http://127.0.0.1:3000/c/[code]']);
    // What is kept for tests is the event as published.
    expect(log.published[0]!.detail.url).toContain(code);
  });
});
