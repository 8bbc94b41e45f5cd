/**
 * The figures over time on the local stack: what the use cases count (an inspection planned, its results, a visit
 * joined) lands in this week's and this month's counters on the authority's calendar, and GET /stats reads them back.
 */
import { describe, expect, it } from 'vitest';
import { today } from '../../shared/services.ts';
import { weekOf } from '../../shared/stats/series.ts';
import { companyCaller, inspectorCaller, supervisor, useLocalStack } from '../support/api.ts';
import { equipment, inspectionBody, inspectorBody, planned } from '../support/fixtures.ts';

const local = useLocalStack();

const thisWeekAndMonth = async () => {
  const { body } = await local.api.request('GET', '/stats');
  return { week: body.overTime.week.at(-1), month: body.overTime.month.at(-1), weeks: body.overTime.week.length };
};

describe('figures over time', () => {
  it('counts inspections, results with findings and visits saved in this week and month, for the chart', async () => {
    const { api, stack } = local;
    const day = today(stack.services);
    const before = await thisWeekAndMonth();
    expect(before.week.period).toBe(weekOf(day));
    expect(before.month.period).toBe(day.slice(0, 7));
    expect(before.weeks).toBe(26);

    const { entityId, inspectorIds, inspectionId } = await planned(api);
    for (const id of ['series-lift-a', 'series-lift-b']) await api.request('PUT', `/inspectors/${id}`, { as: supervisor, body: inspectorBody(id, equipment) });
    const joined = await api.request('POST', '/inspections', { as: { role: 'supervisor', department: equipment }, body: { ...inspectionBody(entityId, ['series-lift-a', 'series-lift-b'], [equipment]), items: ['Lift certificate'] } });
    expect(joined.body.joined).toBe(true);
    await api.request('POST', `/inspections/${inspectionId}/check-in`, { as: companyCaller(entityId) });
    const finding = { item: 'Food storage', description: 'Raw meat above cooked food.', severity: 'major', guidance: 'Lowest shelf.', deadline: '2030-01-31' };
    expect((await api.request('POST', `/inspections/${inspectionId}/results`, { as: inspectorCaller(inspectorIds[0]!), body: { outcome: 'rectify', findings: [finding] } })).status).toBe(200);
    expect((await api.request('POST', `/inspections/${inspectionId}/results`, { as: inspectorCaller('series-lift-a'), body: { outcome: 'compliant', findings: [] } })).status).toBe(200);

    const after = await thisWeekAndMonth();
    for (const period of ['week', 'month'] as const) {
      expect(after[period].inspections - before[period].inspections, period).toBe(1);
      expect(after[period].inspectionsWithResults - before[period].inspectionsWithResults, period).toBe(1);
      expect(after[period].inspectionsWithFindings - before[period].inspectionsWithFindings, period).toBe(1);
      expect(after[period].visitsSaved - before[period].visitsSaved, period).toBe(1);
      expect(after[period].detectionRate, period).toBeGreaterThan(0);
    }
  });
});
