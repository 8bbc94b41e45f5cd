/**
 * Previewing a draft draw rule over HTTP on the local stack: the pool and each stratum's quota as execution then
 * draws them on the same data, the inspectors who could go, nothing written; a bad rule is refused, and so is a
 * supervisor of another department. Then the results of the executed draw, a page at a time.
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import type { DynamoStore } from '../../shared/store/dynamodb-store.ts';
import { companyCaller, useLocalStack } from '../support/api.ts';
import { cityDistrict, drawBody, equipment, food, settled } from '../support/draws.ts';

const local = useLocalStack();
const foodSupervisor = { role: 'supervisor' as const, department: food, subject: 'food-chief' };

/** Every item in the table and every file in the bucket's draws folder: what "nothing written" is checked against. */
async function everything() {
  const store = local.stack.services.store as DynamoStore;
  const items: unknown[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await store.client.send(new ScanCommand({ TableName: store.tableName, ExclusiveStartKey }));
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return { items: items.length, jobs: local.stack.jobs.depth };
}

describe('a draw preview', () => {
  it('shows the pool and the quota per stratum that execution then draws, and writes nothing', async () => {
    const { api, stack } = local;
    await cityDistrict(api, stack, 'noodles', 20);
    const body = drawBody('noodles');
    await stack.jobs.idle();
    const before = await everything();

    const preview = await api.request('POST', '/draws/preview', { as: foodSupervisor, body });
    expect(preview.status).toBe(200);
    // 4 A, 8 B (4 graded + 4 ungraded, counted as B), 4 C, 4 D at 5 / 20 / 50 / 100 percent, rounded up.
    expect(preview.body).toMatchObject({
      poolSize: 20,
      strata: { A: { pool: 4, quota: 1 }, B: { pool: 8, quota: 2 }, C: { pool: 4, quota: 2 }, D: { pool: 4, quota: 4 } },
      expected: 9,
      needed: 18,
      districts: [{ district: 'Huangpu', pool: 20, grades: { A: 4, B: 4, C: 4, D: 4, ungraded: 4 } }],
      // The 6 food inspectors, each with 20 inspections to go under the default cap.
      inspectors: [{ department: food, active: 6, qualified: 6, available: 6, capacity: 120 }],
    });
    await stack.jobs.idle();
    expect(await everything()).toEqual(before);

    // Announced and executed on the same data, the draw selects exactly the previewed quotas.
    const { body: announced } = await api.request('POST', '/draws', { as: foodSupervisor, body });
    await settled(api, stack, announced.id);
    await api.request('POST', `/draws/${announced.id}/execute`, { as: foodSupervisor, body: { beacon: 'lottery 2030-03-01' } });
    const done = await settled(api, stack, announced.id);
    expect(done).toMatchObject({ status: 'executed', poolSize: preview.body.poolSize, strata: preview.body.strata, summary: { selected: preview.body.expected } });

    // The results, a page at a time, with the grade, the inspectors and (for the department) the code.
    const first = await api.request('GET', `/draws/${announced.id}/results?limit=5`, { as: foodSupervisor });
    expect(first.body).toMatchObject({ total: 9, cursor: '5' });
    expect(first.body.companies).toHaveLength(5);
    const [company] = first.body.companies;
    expect(company).toMatchObject({ stratum: expect.stringMatching(/^[ABCD]$/), inspectionId: expect.any(String), code: expect.any(String) });
    expect(company.inspectors).toHaveLength(2);
    expect(company.inspectors[0]).toMatchObject({ name: expect.any(String), department: food });
    const rest = await api.request('GET', `/draws/${announced.id}/results?limit=5&cursor=5`, { as: foodSupervisor });
    expect(rest.body.companies).toHaveLength(4);
    expect(rest.body).not.toHaveProperty('cursor');
    const everyone = new Set([...first.body.companies, ...rest.body.companies].map((c: { entityId: string }) => c.entityId));
    expect(everyone.size).toBe(9);
    // Another department's supervisor reads the results (an auditor) but gets no codes.
    const other = await api.request('GET', `/draws/${announced.id}/results`, { as: { role: 'supervisor', department: equipment } });
    expect(other.body.companies[0]).not.toHaveProperty('code');
    expect((await api.request('GET', `/draws/${announced.id}/results?cursor=next`, { as: foodSupervisor })).status).toBe(400);
  });

  it('counts the pool from the last completed scoring run, at city scale, with the strata execution then draws', async () => {
    const { api, stack } = local;
    await cityDistrict(api, stack, 'buns', 10);
    // Graded by a scoring run (no facts here: each company's grade is whatever the run makes of none).
    await stack.jobs.send([{ kind: 'score-start' }]);
    await stack.jobs.idle();
    const body = drawBody('buns', { rule: { kind: 'ratio', percent: { A: 10, B: 30, C: 50, D: 100 } } });
    const preview = await api.request('POST', '/draws/preview', { as: foodSupervisor, body });
    expect(preview.body).toMatchObject({ poolSize: 10, countedAsOf: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    const { body: announced } = await api.request('POST', '/draws', { as: foodSupervisor, body });
    await settled(api, stack, announced.id);
    await api.request('POST', `/draws/${announced.id}/execute`, { as: foodSupervisor, body: { beacon: 'lottery 2030-03-02' } });
    expect(await settled(api, stack, announced.id)).toMatchObject({ status: 'executed', poolSize: 10, strata: preview.body.strata, summary: { selected: preview.body.expected } });
  });

  it('counts a fixed number as one stratum, and says so when the pool is smaller', async () => {
    const { api, stack } = local;
    await cityDistrict(api, stack, 'dumplings', 3);
    const preview = await api.request('POST', '/draws/preview', { as: foodSupervisor, body: drawBody('dumplings', { rule: { kind: 'count', count: 10 } }) });
    expect(preview.body).toMatchObject({ poolSize: 3, strata: { all: { pool: 3, quota: 3 } }, expected: 3 });
  });

  it('refuses a bad rule with what is wrong, and a supervisor of another department', async () => {
    const { api } = local;
    const bad = await api.request('POST', '/draws/preview', { as: foodSupervisor, body: drawBody('noodles', { rule: { kind: 'ratio', percent: { A: 5, B: 20, C: 50, D: 120 } } }) });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('rule');
    expect((await api.request('POST', '/draws/preview', { as: { role: 'supervisor', department: equipment }, body: drawBody('noodles') })).status).toBe(403);
    expect((await api.request('POST', '/draws/preview', { as: companyCaller('x'), body: drawBody('noodles') })).status).toBe(403);
  });
});
