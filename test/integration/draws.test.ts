/**
 * Double-random draws over HTTP on the local stack: announce (commitment first), snapshot, execute with a beacon,
 * issue inspections and codes, verify, publish; tampering is caught; a crash half-way through issuance resumes
 * without duplicates; a second department's draw joins the first one's visit.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { announceDrawBody } from '../../shared/api/schemas.ts';
import { announceDraw, drawFiles, executeDraw, runDrawJob, type DrawServices } from '../../shared/draws/service.ts';
import type { DrawJob } from '../../shared/draws/record.ts';
import { DynamoDrawStore } from '../../shared/store/dynamodb-draw-store.ts';
import type { DynamoStore } from '../../shared/store/dynamodb-store.ts';
import { S3FileStore } from '../../shared/store/s3-file-store.ts';
import { companyCaller, inspectorCaller, supervisor, useLocalStack } from '../support/api.ts';
import { cityDistrict, drawBody, equipment, food, isoDay, pastWindow, settled } from '../support/draws.ts';

const local = useLocalStack();

/** Runs the standalone verifier asynchronously: the local stack it calls is served from this very process. */
const verifyCli = (...args: string[]) =>
  new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'bin/verify-draw.ts', ...args], { timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ status: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
/** The second implementation (Python, standard library only, written from docs/sc-draw-1.md), on the same URL. */
const pythonVerifier = (url: string) =>
  new Promise<{ status: number | null; stdout: string }>((resolve) => {
    execFile('python3', ['conformance/verify_draw.py', url], { timeout: 60_000 }, (error, stdout) => resolve({ status: error ? ((error as { code?: number }).code ?? 1) : 0, stdout }));
  });
const foodSupervisor = { role: 'supervisor' as const, department: food, subject: 'food-chief' };

describe('a double-random draw', () => {
  it('commits, freezes the pool, executes, issues scannable codes, verifies and publishes', async () => {
    const { api, stack } = local;
    const { entityIds } = await cityDistrict(api, stack, 'bakery', 20);

    // A window that ended yesterday: its files are public (the next test covers a draw whose visits lie ahead).
    const announced = await api.request('POST', '/draws', { as: foodSupervisor, body: drawBody('bakery', { window: pastWindow }) });
    expect(announced.status).toBe(202);
    expect(announced.body).toMatchObject({ status: 'preparing', commitment: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(announced.body).not.toHaveProperty('seed');

    const ready = await settled(api, stack, announced.body.id);
    // A food draw without joint departments freezes the 6 food inspectors, not the equipment ones.
    expect(ready).toMatchObject({ status: 'announced', poolSize: 20, inspectorCount: 6 });
    expect(ready).not.toHaveProperty('seed');
    const pool = await (await fetch(ready.files.pool)).text();
    expect(createHash('sha256').update(pool).digest('hex')).toBe(ready.poolHash);
    // A citizen keeps the announcement before anything is drawn.
    const receiptFile = join(mkdtempSync(join(tmpdir(), 'receipt-')), 'receipt.json');
    const kept = await verifyCli('--save-receipt', receiptFile, `${stack.baseUrl}/draws/${ready.id}`);
    expect(kept.status).toBe(0);
    expect(JSON.parse(readFileSync(receiptFile, 'utf8'))).toMatchObject({ format: 'sc-draw-receipt/1', id: ready.id, commitment: ready.commitment, poolHash: ready.poolHash, beaconSpec: ready.beaconSpec });

    const executed = await api.request('POST', `/draws/${ready.id}/execute`, { as: foodSupervisor, body: { beacon: 'lottery 2030-03-01: 07 12 19 23 31 +05' } });
    expect(executed.status).toBe(202);
    const done = await settled(api, stack, ready.id);
    // 4 A, 8 B (4 graded + 4 ungraded), 4 C, 4 D at 5 / 20 / 50 / 100 percent, rounded up.
    expect(done.strata).toEqual({ A: { pool: 4, quota: 1 }, B: { pool: 8, quota: 2 }, C: { pool: 4, quota: 2 }, D: { pool: 4, quota: 4 } });
    expect(done).toMatchObject({ status: 'executed', summary: { selected: 9, assigned: 9, unassigned: 0 }, issuance: { total: 9, done: 9 } });
    expect(done.seed).toMatch(/^[0-9a-f]{64}$/);

    const results = await api.request('GET', `/draws/${ready.id}/results`);
    expect(results.body.companies).toHaveLength(9);
    const drawn = results.body.companies[0];
    expect(entityIds).toContain(drawn.entityId);
    const { body: list } = await api.request('GET', '/inspections', { as: companyCaller(drawn.entityId) });
    const [inspection] = list.items;
    expect(inspection).toMatchObject({ status: 'scheduled', departments: [food] });
    expect((await api.request('GET', `/c/${inspection.code}`, { headers: { accept: 'application/json' } })).body.registered).toBe(true);

    const verified = await api.request('GET', `/draws/${ready.id}/verify`);
    expect(verified.body.verified).toBe(true);
    expect(verified.body.checks.map((c: { name: string }) => c.name)).toEqual(['algorithm', 'commitment', 'pool', 'inspectors', 'outcome', 'beacon', 'counts', 'order', 'districts', 'strata', 'selection', 'workload', 'assignment', 'inspections']);

    const again = await api.request('POST', `/draws/${ready.id}/execute`, { as: foodSupervisor, body: { beacon: 'lottery 2030-03-01: 07 12 19 23 31 +05' } });
    expect(again.status).toBe(200);
    const otherBeacon = await api.request('POST', `/draws/${ready.id}/execute`, { as: foodSupervisor, body: { beacon: 'something luckier' } });
    expect(otherBeacon.status).toBe(409);

    const listed = await api.request('GET', '/draws');
    expect(listed.body.draws.map((d: { id: string }) => d.id)).toContain(ready.id);

    // The standalone verifier, trusting nothing but the published files.
    const cli = await verifyCli(`${stack.baseUrl}/draws/${ready.id}`);
    expect(cli.stdout).toContain('verified: every check passed');
    expect(cli.status).toBe(0);
    const python = await pythonVerifier(`${stack.baseUrl}/draws/${ready.id}`);
    expect(python.stdout).toContain('verified: every check passed');
    expect(python.status).toBe(0);
    const againstReceipt = await verifyCli('--receipt', receiptFile, `${stack.baseUrl}/draws/${ready.id}`);
    expect(againstReceipt.stdout).toContain('✓ receipt');
    expect(againstReceipt.status).toBe(0);
    // A saved folder made consistent with itself — a company dropped from the pool, its hash and size rewritten —
    // still recomputes, but not against the receipt.
    const folder = mkdtempSync(join(tmpdir(), 'draw-'));
    expect((await verifyCli('--save', folder, `${stack.baseUrl}/draws/${ready.id}`)).status).toBe(0);
    const savedPool = readFileSync(join(folder, 'pool.ndjson'), 'utf8').split('\n');
    const drawnIds = new Set(JSON.parse(readFileSync(join(folder, 'outcome.json'), 'utf8')).selected.map((s: { entityId: string }) => s.entityId));
    const forgedPool = savedPool.filter((line) => !line || drawnIds.has(JSON.parse(line)[0])).join('\n');
    const savedRecord = JSON.parse(readFileSync(join(folder, 'record.json'), 'utf8'));
    writeFileSync(join(folder, 'pool.ndjson'), forgedPool);
    writeFileSync(join(folder, 'record.json'), JSON.stringify({ ...savedRecord, poolHash: createHash('sha256').update(forgedPool).digest('hex'), poolSize: drawnIds.size }));
    const forged = await verifyCli('--receipt', receiptFile, folder);
    expect(forged.stdout).toMatch(/✗ receipt: Changed since the receipt kept at .*: poolHash .*; poolSize/);
    expect(forged.status).toBe(1);

    // The stored record's items changed behind the API: the receipt names the field.
    const draws = stack.drawServices.draws;
    const stored = (await draws.getDraw(ready.id))!;
    await draws.saveDraw({ ...stored, parameters: { ...stored.parameters, items: ['Nothing much'] }, version: stored.version + 1 });
    const changed = await verifyCli('--receipt', receiptFile, `${stack.baseUrl}/draws/${ready.id}`);
    expect(changed.status).toBe(1);
    expect(changed.stdout).toMatch(/✗ receipt: Changed since the receipt kept at .*: parameters/);
    await draws.saveDraw({ ...stored, version: stored.version + 2 });

    // Tamper with the stored outcome: swap one selected company for one that was not drawn.
    const files = stack.services.files as S3FileStore;
    const outcome = JSON.parse(await files.getText(drawFiles(ready.id).outcome));
    const notDrawn = entityIds.find((id) => !outcome.selected.some((s: { entityId: string }) => s.entityId === id))!;
    outcome.selected[0].entityId = notDrawn;
    await files.putText(drawFiles(ready.id).outcome, JSON.stringify(outcome), 'application/json');
    const tampered = await api.request('GET', `/draws/${ready.id}/verify`);
    expect(tampered.body.verified).toBe(false);
    expect(tampered.body.checks.find((c: { name: string }) => c.name === 'selection').passed).toBe(false);
    expect(tampered.body.checks.find((c: { name: string }) => c.name === 'outcome').passed).toBe(false);
    const cliTampered = await verifyCli(`${stack.baseUrl}/draws/${ready.id}`);
    expect(cliTampered.status).toBe(1);
    expect(cliTampered.stdout).toContain('✗ selection');
    const pythonTampered = await pythonVerifier(`${stack.baseUrl}/draws/${ready.id}`);
    expect(pythonTampered.status).toBe(1);
    expect(pythonTampered.stdout).toContain('✗ selection');
  });

  it('keeps who is drawn, and who inspects them, private until the visit window has ended; hashes are public at once', async () => {
    const { api, stack } = local;
    const { entityIds, inspectorIds } = await cityDistrict(api, stack, 'pastry', 10);
    const window = { start: isoDay(7), end: isoDay(9) };
    const { body } = await api.request('POST', '/draws', { as: foodSupervisor, body: drawBody('pastry', { window, rule: { kind: 'count', count: 4 } }) });
    await settled(api, stack, body.id);
    await api.request('POST', `/draws/${body.id}/execute`, { as: foodSupervisor, body: { beacon: 'lottery 2030-03-02' } });
    const forSupervisor = await settled(api, stack, body.id, foodSupervisor);
    expect(forSupervisor.status).toBe('executed');
    const publicFrom = isoDay(10);
    const stated = `files are published on ${publicFrom} (Asia/Shanghai, the authority's calendar)`;
    const names = [...entityIds, ...inspectorIds];
    const leaks = (reply: { text: string }) => names.filter((id) => reply.text.includes(`"${id}"`));

    // Anyone, and a company or an inspector with a token, reads the hashes and when the files come, and nothing else.
    for (const as of [undefined, companyCaller(entityIds[0]!), { role: 'inspector' as const, inspectorId: inspectorIds[0]! }]) {
      const record = await api.request('GET', `/draws/${body.id}`, as ? { as } : {});
      expect(record.status).toBe(200);
      expect(record.body).toMatchObject({
        algorithm: 'sc-draw/1',
        commitment: forSupervisor.commitment,
        poolHash: forSupervisor.poolHash,
        inspectorsHash: forSupervisor.inspectorsHash,
        outcomeHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        files: {},
        publication: { published: false, filesPublicFrom: publicFrom, timeZone: 'Asia/Shanghai' },
      });
      expect(record.body).not.toHaveProperty('seed');
      expect(record.body.publication.note).toContain(stated);
      expect(record.body.publication.files).toEqual([
        expect.objectContaining({ name: 'pool', fileName: 'pool.ndjson', sha256: forSupervisor.poolHash }),
        expect.objectContaining({ name: 'inspectors', fileName: 'inspectors.ndjson', sha256: forSupervisor.inspectorsHash }),
        expect.objectContaining({ name: 'outcome', fileName: 'outcome.json', sha256: forSupervisor.outcomeHash }),
      ]);
      expect(record.body.publication.files.some((f: { url?: string }) => f.url)).toBe(false);

      const results = await api.request('GET', `/draws/${body.id}/results`, as ? { as } : {});
      expect(results.body).toMatchObject({ companies: [], filesPublicFrom: publicFrom });
      expect(leaks(results)).toEqual([]);
      const verification = await api.request('GET', `/draws/${body.id}/verify`, as ? { as } : {});
      expect(verification.body).toMatchObject({ verified: false, checks: [{ name: 'published', passed: false }] });
      expect(verification.body.checks[0].detail).toContain(stated);
      const listed = (await api.request('GET', '/draws?limit=200', as ? { as } : {})).body.draws.find((d: { id: string }) => d.id === body.id);
      expect(listed).toMatchObject({ files: {}, publication: { published: false } });
      expect(listed).not.toHaveProperty('seed');
      expect([record, verification].flatMap(leaks)).toEqual([]);
    }

    const cli = await verifyCli(`${stack.baseUrl}/draws/${body.id}`);
    expect(cli.status).toBe(2);
    expect(cli.stderr).toContain(stated);

    // A supervisor (an auditor) reads and verifies before the window has passed.
    expect(forSupervisor.seed).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.keys(forSupervisor.files)).toEqual(['pool', 'inspectors', 'outcome']);
    const outcome = await (await fetch(forSupervisor.files.outcome)).text();
    expect(createHash('sha256').update(outcome).digest('hex')).toBe(forSupervisor.outcomeHash);
    expect((await api.request('GET', `/draws/${body.id}/results`, { as: foodSupervisor })).body.companies).toHaveLength(4);
    expect((await api.request('GET', `/draws/${body.id}/verify`, { as: supervisor })).body.verified).toBe(true);
    // A bad token is refused, not read as the public.
    expect((await api.request('GET', `/draws/${body.id}`, { headers: { authorization: 'Bearer forged' } })).status).toBe(401);
  });

  it('fails the stored record’s verification when its figures or an issued inspection are changed behind the API', async () => {
    const { api, stack } = local;
    await cityDistrict(api, stack, 'congee', 10);
    const { body } = await api.request('POST', '/draws', { as: foodSupervisor, body: drawBody('congee', { window: pastWindow }) });
    await settled(api, stack, body.id);
    await api.request('POST', `/draws/${body.id}/execute`, { as: foodSupervisor, body: { beacon: 'lottery' } });
    await settled(api, stack, body.id);
    const draws = stack.drawServices.draws;
    const failedChecks = async () => {
      const { body: result } = await api.request('GET', `/draws/${body.id}/verify`);
      return result.checks.filter((c: { passed: boolean }) => !c.passed).map((c: { name: string }) => c.name);
    };
    expect(await failedChecks()).toEqual([]);
    const original = (await draws.getDraw(body.id))!;
    const tamper = async (change: (r: typeof original) => typeof original) => {
      const current = (await draws.getDraw(body.id))!;
      await draws.saveDraw({ ...change(current), version: current.version + 1 });
    };
    await tamper((r) => ({ ...r, summary: { ...r.summary!, selected: 400 }, strata: { ...r.strata!, D: { pool: 2, quota: 400 } } }));
    expect(await failedChecks()).toEqual(['strata']);
    await tamper((r) => ({ ...r, strata: original.strata, summary: original.summary, poolSize: 11, parameters: { ...r.parameters, districts: ['Jing’an'] } }));
    expect(await failedChecks()).toEqual(['counts', 'districts']);
    await tamper((r) => ({ ...r, poolSize: original.poolSize, parameters: { ...r.parameters, districts: [], window: { start: isoDay(-30), end: isoDay(-20) }, items: ['Something else'] } }));
    expect(await failedChecks()).toEqual(['inspections']);
    await tamper((r) => ({ ...r, parameters: original.parameters }));
    expect(await failedChecks()).toEqual([]);

    // An issued inspection whose inspector was replaced by one not drawn.
    const { body: results } = await api.request('GET', `/draws/${body.id}/results`);
    const entityId = results.companies[0].entityId;
    const store = stack.services.store;
    const [inspection] = (await store.inspectionsOfEntity(entityId, { limit: 10 })).items;
    await store.saveInspection({ ...inspection!, inspectors: [{ ...inspection!.inspectors[0]!, id: 'someone-not-drawn' }, ...inspection!.inspectors.slice(1)], version: inspection!.version + 1 }, inspection!);
    expect(await failedChecks()).toEqual(['inspections']);
  });

  it('holds the workload cap across draws announced before either runs and executed at the same time', async () => {
    const { api, stack } = local;
    await cityDistrict(api, stack, 'hotpot', 30);
    // 6 food inspectors, 2 per company, cap 3: 9 companies at most between the two draws, whatever each draws.
    const body = drawBody('hotpot', { window: pastWindow, rule: { kind: 'count', count: 8, weights: { A: 1, B: 1, C: 1, D: 1, ungraded: 1 } }, workloadCap: 3 });
    const first = (await api.request('POST', '/draws', { as: foodSupervisor, body })).body;
    const second = (await api.request('POST', '/draws', { as: foodSupervisor, body })).body;
    await stack.jobs.idle();
    await Promise.all([first, second].map((d) => api.request('POST', `/draws/${d.id}/execute`, { as: foodSupervisor, body: { beacon: 'b' } })));
    await stack.jobs.idle();
    const outcomes = await Promise.all([first, second].map(async (d) => JSON.parse(await stack.drawServices.files.getText(drawFiles(d.id).outcome))));
    const perInspector = new Map<string, number>();
    for (const outcome of outcomes) for (const a of outcome.assignments) for (const id of a.inspectorIds) perInspector.set(id, (perInspector.get(id) ?? 0) + 1);
    expect(Math.max(...perInspector.values())).toBeLessThanOrEqual(3);
    // 18 slots fill 9 pairs, or 8 when the last free capacity is left on a single inspector (the seeds are fresh each run).
    expect(outcomes.map((o) => o.assignments.length).reduce((a, b) => a + b)).toBeGreaterThanOrEqual(8);
    // Those left without inspectors are listed by their registered names, as the drawn ones are.
    const unassigned = (await Promise.all([first, second].map(async (d) => (await api.request('GET', `/draws/${d.id}/results`, { as: foodSupervisor })).body.unassigned))).flat();
    expect(unassigned.length).toBe(outcomes.map((o) => o.unassigned.length).reduce((a, b) => a + b));
    expect(unassigned.length).toBeGreaterThan(0);
    for (const { entityId, entityName } of unassigned) {
      expect(entityName, entityId).toMatch(/\S/);
      expect(entityName).not.toBe(entityId);
    }
    // The one that ran second says what it counted, and still verifies.
    const later = outcomes.find((o) => o.counted.draws.length > 0)!;
    expect(Object.values(later.counted.loads).reduce((a: number, b) => a + (b as number), 0)).toBeGreaterThan(0);
    for (const d of [first, second]) {
      const { body: verification } = await api.request('GET', `/draws/${d.id}/verify`);
      expect(verification.checks.filter((c: { passed: boolean }) => !c.passed)).toEqual([]);
    }
  });

  it('fixes the beacon when the pool is frozen, refuses any other value, and keeps the seed sealed until then', async () => {
    const { api, stack } = local;
    await cityDistrict(api, stack, 'tea', 5);
    const { body } = await api.request('POST', '/draws', { as: foodSupervisor, body: drawBody('tea', { beaconSource: 'drand-quicknet' }) });
    const ready = await settled(api, stack, body.id);
    const frozenAt = Date.parse(ready.announcedAt);
    expect(ready.beaconSpec).toMatchObject({ source: 'drand-quicknet', chainHash: '52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971', round: expect.any(Number) });
    expect(Date.parse(ready.beaconSpec.at)).toBeGreaterThanOrEqual(frozenAt + 60_000);
    // Not in the table in clear: sealed with the key only execution opens.
    const sealed = await stack.drawServices.draws.getSeed(ready.id);
    expect(sealed).toMatch(/^aes:/);
    expect(sealed).not.toContain(await stack.drawServices.seeds.open(ready.id, sealed!));

    // Whoever executes cannot choose: before its round, and with anything but that round's signature, it is refused.
    for (const beacon of ['something luckier', 'b713718a38ae728dfd477991af2822e08d2f305e47718cef9f7848ce4050e7be41076862b98fad56e91a6b85b89cd97b']) {
      const refused = await api.request('POST', `/draws/${ready.id}/execute`, { as: foodSupervisor, body: { beacon } });
      expect(refused.status).toBe(422);
      expect(refused.body.error.message).toContain(`round ${ready.beaconSpec.round}`);
    }
    expect((await settled(api, stack, ready.id)).status).toBe('announced');

    // The operator's beacon, the named fallback, is fixed in time from the freezing on.
    const { body: fallback } = await api.request('POST', '/draws', { as: foodSupervisor, body: drawBody('tea') });
    expect(await settled(api, stack, fallback.id)).toMatchObject({ beaconSource: 'operator', beaconSpec: { source: 'operator', at: expect.any(String) } });
    expect((await api.request('POST', `/draws/${fallback.id}/execute`, { as: foodSupervisor, body: { beacon: '' } })).status).toBe(422);
  });

  it('keeps an abandoned draw on the public list, and refuses to execute it', async () => {
    const { api, stack } = local;
    await cityDistrict(api, stack, 'tea', 5);
    const { body } = await api.request('POST', '/draws', { as: foodSupervisor, body: drawBody('tea') });
    await settled(api, stack, body.id);
    const abandoned = await api.request('POST', `/draws/${body.id}/abandon`, { as: foodSupervisor, body: { reason: 'Wrong window' } });
    expect(abandoned.body).toMatchObject({ status: 'abandoned', abandoned: { reason: 'Wrong window' } });
    expect((await api.request('POST', `/draws/${body.id}/execute`, { as: foodSupervisor })).status).toBe(409);
    const listed = (await api.request('GET', '/draws')).body.draws.find((d: { id: string }) => d.id === body.id);
    expect(listed.status).toBe('abandoned');
  });

  it('lets only a supervisor of the drawing department announce and execute', async () => {
    const { api } = local;
    const other = { role: 'supervisor' as const, department: equipment };
    expect((await api.request('POST', '/draws', { as: other, body: drawBody('tea') })).status).toBe(403);
    expect((await api.request('POST', '/draws', { as: companyCaller('x'), body: drawBody('tea') })).status).toBe(403);
  });

  it('joins a second department’s drawn visit to the visit already planned: one inspection, one code, visits saved', async () => {
    const { api, stack } = local;
    await cityDistrict(api, stack, 'noodles', 3);
    const all = { kind: 'count', count: 3 };
    const first = (await api.request('POST', '/draws', { as: foodSupervisor, body: drawBody('noodles', { rule: all }) })).body;
    await settled(api, stack, first.id);
    await api.request('POST', `/draws/${first.id}/execute`, { as: foodSupervisor, body: { beacon: 'b' } });
    await settled(api, stack, first.id);

    const equipmentSupervisor = { role: 'supervisor' as const, department: equipment, subject: 'equipment-chief' };
    const second = (
      await api.request('POST', '/draws', {
        as: equipmentSupervisor,
        body: drawBody('noodles', { department: equipment, rule: all, items: ['Boiler inspection'], inspectorsPerCompany: 2, crossDistrict: true }),
      })
    ).body;
    await settled(api, stack, second.id);
    await api.request('POST', `/draws/${second.id}/execute`, { as: equipmentSupervisor, body: { beacon: 'b' } });
    const done = await settled(api, stack, second.id);
    expect(done.issuance).toEqual({ total: 3, done: 3, joined: 3 });

    const { body } = await api.request('GET', '/inspections', { as: companyCaller('noodles-co-0') });
    expect(body.items).toHaveLength(1);
    const inspection = (await api.request('GET', `/inspections/${body.items[0].id}`, { as: supervisor })).body;
    expect(inspection.departments).toEqual([food, equipment]);
    expect(inspection.items).toEqual(['Kitchen hygiene', 'Food storage', 'Boiler inspection']);
    expect(inspection.drawIds).toEqual([first.id, second.id]);
    expect(new Set(inspection.inspectors.map((i: { department: string }) => i.department))).toEqual(new Set([food, equipment]));
    // Every inspector on the visit finds it in their own list, the ones the joining draw added as well.
    for (const { id: inspectorId } of inspection.inspectors as Array<{ id: string }>) {
      const own = await api.request('GET', '/inspections', { as: inspectorCaller(inspectorId) });
      expect(own.body.items.map((i: { id: string }) => i.id), inspectorId).toContain(inspection.id);
    }
  });

  it('resumes issuance after a crash half-way: exactly one inspection and one code per drawn company', async () => {
    const { api, stack } = local;
    const { entityIds } = await cityDistrict(api, stack, 'dumplings', 12);
    const store = stack.services.store as DynamoStore;
    const draws = new DynamoDrawStore(store.client, store.tableName);
    const sent: DrawJob[] = [];
    const next = () => sent.shift()!;
    const files = stack.services.files as S3FileStore;
    let putsBeforeCrash = 7;
    const crashing = Object.assign(Object.create(files) as S3FileStore, {
      put: async (key: string, body: string | Uint8Array, type: string) => {
        if (--putsBeforeCrash < 0) throw new Error('power cut');
        return files.put(key, body, type);
      },
    });
    const services = (filesStore: S3FileStore): DrawServices => ({ ...stack.services, draws, files: filesStore, jobs: { send: async (jobs) => void sent.push(...(jobs as DrawJob[])) }, seeds: stack.drawServices.seeds, publicBaseUrl: stack.baseUrl, timeZone: 'Asia/Shanghai' });

    const input = announceDrawBody.parse(drawBody('dumplings', { rule: { kind: 'count', count: 12 } }));
    const { record } = await announceDraw(services(files), foodSupervisor, input);
    await runDrawJob(services(files), next());
    await executeDraw(services(files), foodSupervisor, record.id, 'b');
    await runDrawJob(services(files), next());
    const batch = next();
    await expect(runDrawJob(services(crashing), batch)).rejects.toThrow('power cut');
    expect((await draws.getDraw(record.id))!.issuance!.done).toBe(0);

    await runDrawJob(services(files), batch);
    await runDrawJob(services(files), batch);
    const finished = (await draws.getDraw(record.id))!;
    expect(finished).toMatchObject({ status: 'executed', issuance: { total: 12, done: 12 } });
    for (const entityId of entityIds) {
      const { items } = await store.inspectionsOfEntity(entityId, { limit: 10 });
      expect(items, entityId).toHaveLength(1);
      expect((await store.getCode(items[0]!.code!))?.state).toBe('active');
    }
  });
});

describe('stats', () => {
  it('counts visits saved by joint inspections and the detection rate, publicly; supervisors also see raw counters', async () => {
    const { api } = local;
    const figures = (await api.request('GET', '/stats')).body;
    expect(figures.drawsExecuted).toBeGreaterThanOrEqual(3);
    expect(figures.visitsSaved).toBeGreaterThanOrEqual(3);
    expect(figures.inspectionsFromDraws).toBeGreaterThanOrEqual(9 + 3 + 12);
    expect(figures).not.toHaveProperty('counters');
    const forSupervisor = (await api.request('GET', '/stats', { as: supervisor })).body;
    expect(forSupervisor.counters.codesIssued).toBeGreaterThanOrEqual(figures.inspectionsFromDraws);
  });
});
