/**
 * Importing the real San Francisco LIVES data on the local stack: every row is imported or rejected with its
 * reason, a second import adds nothing, and an import killed half-way resumes without losing or doubling a row.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createReadStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { importKinds } from '../../shared/imports/kinds.ts';
import { readRows } from '../../shared/imports/read-rows.ts';
import { runImport, type BadRow } from '../../shared/imports/run-import.ts';
import { DynamoImportSink } from '../../shared/store/dynamodb-import-sink.ts';
import type { DynamoStore } from '../../shared/store/dynamodb-store.ts';
import { useLocalStack } from '../support/api.ts';

const local = useLocalStack();
const lives = (file: string) => new URL(`../../../shared/data/lives-sf/${file}`, import.meta.url).pathname;
const lineCount = (file: string) => readFileSync(lives(file), 'latin1').split('\n').filter((l) => l.trim() !== '').length - 1;

async function importFile(kind: keyof typeof importKinds, file: string) {
  const store = local.stack.services.store as DynamoStore;
  const bad: BadRow[] = [];
  const counts = await runImport({
    kind: importKinds[kind],
    rows: readRows('csv', createReadStream(lives(file))),
    sink: new DynamoImportSink(store.client, store.tableName, () => '2030-01-01T00:00:00.000Z'),
    onCommitted: ({ badRows }) => void bad.push(...badRows),
  });
  return { counts, bad };
}

async function itemCount() {
  const store = local.stack.services.store as DynamoStore;
  let count = 0;
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await store.client.send(new ScanCommand({ TableName: store.tableName, Select: 'COUNT', ExclusiveStartKey }));
    count += page.Count ?? 0;
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return count;
}

describe('importing the LIVES restaurant data of San Francisco', () => {
  it('imports every good row and explains every rejected one; a second import adds nothing', async () => {
    const businesses = await importFile('lives-businesses', 'businesses.csv');
    expect(businesses.counts.rows).toBe(lineCount('businesses.csv'));
    // Seven names were saved in Latin-1 (TROPISUEÑO, CAFÉ ...): reported with the encoding and the text they would read as.
    expect(businesses.bad).toHaveLength(7);
    for (const row of businesses.bad) expect(row).toMatchObject({ field: 'name', reason: expect.stringContaining('not valid UTF-8: it looks like Windows-1252/Latin-1') });
    expect(businesses.bad.map((b) => b.reason).join()).toContain('TROPISUEÑO');
    expect(businesses.counts.imported + businesses.bad.length).toBe(businesses.counts.rows);

    const inspections = await importFile('lives-inspections', 'inspections.csv');
    const violations = await importFile('lives-violations', 'violations.csv');
    // Facts of those seven (and of businesses not in the file) are reported, not stored where no one sees them.
    const rejectedBusinesses = new Set(businesses.bad.map((b) => `sf-${b.raw.split(',')[0]}`));
    for (const { counts, bad } of [inspections, violations]) {
      expect(counts.imported + bad.length).toBe(counts.rows);
      for (const row of bad) expect(row.reason).toMatch(/^duplicate of row \d+|^business_id: no company "sf-\w+" is registered/);
    }
    const orphans = violations.bad.filter((b) => b.field === 'business_id').map((b) => /"(sf-\w+)"/.exec(b.reason)![1]!);
    expect(orphans.some((entityId) => rejectedBusinesses.has(entityId))).toBe(true);
    for (const entityId of new Set(orphans)) expect(await local.stack.services.store.getEntity(entityId)).toBeUndefined();
    expect(inspections.counts.rows).toBe(lineCount('inspections.csv'));
    expect(violations.counts.rows).toBe(lineCount('violations.csv'));

    const entity = await local.stack.services.store.getEntity('sf-19');
    expect(entity).toMatchObject({ name: 'NRGIZE LIFESTYLE CAFE', segment: 'catering', district: '94109' });

    const before = await itemCount();
    await importFile('lives-businesses', 'businesses.csv');
    await importFile('lives-violations', 'violations.csv');
    expect(await itemCount()).toBe(before);
  }, 240_000);

  it('keeps a grade the scoring wrote when the registry row is imported again', async () => {
    const { store } = local.stack.services;
    await store.setGrade('sf-24', 'C');
    await importFile('lives-businesses', 'businesses.csv');
    expect((await store.getEntity('sf-24'))?.grade).toBe('C');
  });
});

describe('npm run import', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'supervision-import-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const runCli = (args: string[], killAfterProgress = false) =>
    new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'local/import.ts', ...args], { env: { ...process.env, LOCAL_DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      const collect = (chunk: Buffer) => {
        output += chunk;
        if (killAfterProgress && /rows\/s/.test(output) && child.exitCode === null) child.kill('SIGKILL');
      };
      child.stdout!.on('data', collect);
      child.stderr!.on('data', collect);
      child.on('exit', (code) => resolve({ code, output }));
    });

  it('resumes after being killed half-way: every row imported exactly once', async () => {
    const businesses = join(dataDir, 'businesses.ndjson');
    writeFileSync(businesses, Array.from({ length: 300 }, (_, i) => JSON.stringify({ business_id: String(i), name: `BUSINESS ${i}` })).join('\n'));
    expect((await runCli(['lives-businesses', businesses])).output).toContain('Imported 300 of 300 rows; none rejected');
    const file = join(dataDir, 'facts.ndjson');
    const rows = Array.from({ length: 6_000 }, (_, i) => JSON.stringify({ business_id: String(i % 300), date: '20240101', description: `violation ${i}` }));
    rows.splice(100, 0, '{"business_id": "1", "date": "2024/01/01", "description": "bad date"}', 'not json at all');
    writeFileSync(file, rows.join('\n'));

    const killed = await runCli(['lives-violations', file], true);
    expect(killed.code).toBeNull();
    // The DynamoDB Local the killed import had started goes with it.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(spawnSync('pgrep', ['-f', `DynamoDBLocal.jar.*${dataDir}`], { encoding: 'utf8' }).stdout.trim()).toBe('');
    const resumed = await runCli(['lives-violations', file]);
    expect(resumed.output).toMatch(/Resuming after row [\d,]+/);
    expect(resumed.code).toBe(0);
    const report = readFileSync(join(dataDir, 'imports', 'facts.ndjson.lives-violations.errors.csv'), 'utf8').trim().split('\n');
    // The header, then the two bad rows, once each although the first run may have read past them.
    expect(report).toHaveLength(3);
    expect(report[1]).toContain('date: A date is written YYYYMMDD');
    expect(report[2]).toContain('not valid JSON');
    const again = await runCli(['lives-violations', file]);
    expect(again.output).toContain('Imported 6,000 of 6,002 rows; 2 rejected');
  }, 300_000);
});
