/**
 * A whole draw issued on the local stack: 10,000 companies drawn, each given its inspection and code through the
 * job queue, with progress. Baseline in the same run: issuing codes for inspections already planned, at the same
 * concurrency (what the draw adds is finding, joining or creating the inspection).
 */
import { announceDrawBody } from '../shared/api/schemas.ts';
import { mapInParallel } from '../shared/concurrency.ts';
import { announceDraw, executeDraw, type DrawServices } from '../shared/draws/service.ts';
import type { DynamoStore } from '../shared/store/dynamodb-store.ts';
import { startLocalStack } from '../local/stack.ts';
import { assertInvariants, round } from './measure.ts';
import { issueAll, planInspections } from './seed.ts';

const companies = 10_000;
const districts = ['Huangpu', 'Xuhui', 'Jingan', 'Pudong'];

export async function benchDrawIssuance(log: (line: string) => void) {
  const stack = await startLocalStack({ port: 0 });
  try {
    const store = stack.services.store as DynamoStore;
    const now = new Date().toISOString();
    log(`draw issuance: registering ${companies.toLocaleString()} companies and 64 inspectors ...`);
    await mapInParallel(Array.from({ length: companies }, (_, i) => i), 16, (i) =>
      store.putEntity({ id: `bench-${i}`, name: `Bench company ${i}`, segment: 'catering', district: districts[i % 4]!, updatedAt: now }),
    );
    for (let i = 0; i < 64; i++) {
      await store.putInspector({ id: `bench-insp-${i}`, name: `Inspector ${i}`, department: 'food', district: districts[i % 4]!, certificateNo: `SH-BENCH-${i}`, qualifications: ['catering'], recusals: [], active: true, updatedAt: now });
    }

    log('draw issuance: baseline, codes for 1,000 inspections already planned (8 in flight) ...');
    const planned = await planInspections(stack.drawServices, 1_000);
    const baselineStarted = performance.now();
    const baselineCodes = await issueAll(stack.services, planned, stack.baseUrl, 8);
    assertInvariants('drawIssuance baseline', { distinctCodes: [new Set(baselineCodes).size, 1_000] });
    const baselinePerSecond = 1_000 / ((performance.now() - baselineStarted) / 1000);

    const services: DrawServices = { ...stack.drawServices, log };
    const supervisor = { subject: 'bench', role: 'supervisor' as const, department: 'food' };
    const input = announceDrawBody.parse({
      title: 'Bench draw',
      department: 'food',
      segment: 'catering',
      rule: { kind: 'count', count: companies },
      window: { start: '2031-01-05', end: '2031-01-09' },
      items: ['Kitchen hygiene'],
      contact: { name: 'Duty office', phone: '+86 21 6000 1234' },
      workloadCap: 1_000,
      beaconSource: 'operator',
    });
    const { record } = await announceDraw(services, supervisor, input);
    await stack.jobs.idle();
    log(`draw issuance: executing, ${companies.toLocaleString()} inspections and codes through the job queue ...`);
    const started = performance.now();
    await executeDraw(services, supervisor, record.id, 'bench');
    await stack.jobs.idle();
    const seconds = (performance.now() - started) / 1000;
    const done = (await services.draws.getDraw(record.id))!;

    const inspections = await mapInParallel(Array.from({ length: companies }, (_, i) => `bench-${i}`), 16, async (id) => (await store.inspectionsOfEntity(id, { limit: 5 })).items);
    const codes = inspections.flat().map((i) => i.code);
    const inspectionsPerCompany = { min: Math.min(...inspections.map((i) => i.length)), max: Math.max(...inspections.map((i) => i.length)) };
    assertInvariants('drawIssuance', {
      status: [done.status, 'executed'],
      issued: [done.issuance?.done, companies],
      inspectionsPerCompany: [inspectionsPerCompany, { min: 1, max: 1 }],
      distinctCodes: [new Set(codes.filter(Boolean)).size, companies],
      deadLetters: [stack.jobs.deadLetters.length, 0],
    });
    return {
      companies,
      status: done.status,
      issued: done.issuance?.done,
      seconds: round(seconds, 1),
      codesPerSecond: round(companies / seconds, 0),
      baselinePlainIssuancePerSecond: round(baselinePerSecond, 0),
      ratioToBaseline: round(companies / seconds / baselinePerSecond),
      inspectionsPerCompany,
      distinctCodes: new Set(codes).size,
      deadLetters: stack.jobs.deadLetters.length,
      target: '10,000 codes of a draw issued with no loss and no duplicate, resumable',
    };
  } finally {
    await stack.stop();
  }
}
