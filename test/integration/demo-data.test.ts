/** The demo a newcomer first sees after `npm start` tells a coherent story: dates in order, statuses that mean what they say. */
import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../local/demo-data.ts';
import { localDay } from '../../shared/dates.ts';
import { supervisor, useLocalStack } from '../support/api.ts';

const local = useLocalStack();
let drawId: string;
const day = 86_400_000;

beforeAll(async () => {
  ({ drawId } = (await seedDemoData(local.stack.drawServices, local.stack.riskServices, local.stack.baseUrl)) as { drawId: string });
}, 180_000);

describe('the demo data', () => {
  it('announced its past draw weeks ago, then executed it before the visits, not today', async () => {
    const { body: draw } = await local.api.request('GET', `/draws/${drawId}`, { as: supervisor });
    const today = localDay(new Date(), 'Asia/Shanghai');
    expect(draw.status).toBe('executed');
    expect(draw.announcedAt < draw.executedAt).toBe(true);
    expect(Date.now() - Date.parse(draw.announcedAt)).toBeGreaterThan(7 * day);
    expect(localDay(new Date(draw.executedAt), 'Asia/Shanghai') < draw.parameters.window.start).toBe(true);
    expect(draw.parameters.window.end < today).toBe(true);
    expect((await local.api.request('GET', `/draws/${drawId}/verify`)).body.verified).toBe(true);
  });

  it('lists its revoked visit as cancelled, not among the open ones', async () => {
    const cancelled = (await local.api.request('GET', '/inspections?status=cancelled', { as: supervisor })).body.items;
    expect(cancelled.map((i: { entityId: string; codeState: string }) => [i.entityId, i.codeState])).toEqual([['demo-bakery', 'revoked']]);
    const open = (await local.api.request('GET', '/inspections?limit=100', { as: supervisor })).body.items;
    expect(open.some((i: { codeState?: string }) => i.codeState === 'revoked')).toBe(false);
  });
});
