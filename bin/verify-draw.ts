/**
 * `npm run verify-draw -- <draw URL | folder>`: re-computes a published draw with no trust in the server. From a
 * URL (GET /draws/{id}) it downloads the record, the pool and inspector snapshots and the outcome through the links
 * the record publishes (from the day after the draw's visit window; before that it says from which day); `--save <folder>` keeps them, and a folder holding those four files verifies offline.
 * Exit code 0: verified; 1: a check failed; 2: could not be read.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DrawOutcome } from '../shared/draws/model.ts';
import { verifyDraw, type PublishedDraw } from '../shared/draws/verify.ts';

const files = { record: 'record.json', pool: 'pool.ndjson', inspectors: 'inspectors.ndjson', outcome: 'outcome.json' } as const;

async function download(url: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url.split('?')[0]} answered ${response.status}`);
  return response.text();
}

async function load(source: string): Promise<Record<keyof typeof files, string>> {
  if (/^https?:\/\//.test(source)) {
    const record = await download(source);
    const published = JSON.parse(record) as { files?: Partial<Record<'pool' | 'inspectors' | 'outcome', string>>; publication?: { published: boolean; note?: string } };
    const links = published.files ?? {};
    if (!links.pool || !links.inspectors || !links.outcome) {
      // Files are public only after the visit window; the record says from when.
      if (published.publication && !published.publication.published && published.publication.note) throw new Error(published.publication.note);
      throw new Error('The record publishes no snapshot or outcome links yet: is the draw executed?');
    }
    const [pool, inspectors, outcome] = await Promise.all([download(links.pool), download(links.inspectors), download(links.outcome)]);
    return { record, pool, inspectors, outcome };
  }
  const read = (name: string) => {
    const path = join(source, name);
    if (!existsSync(path)) throw new Error(`${path} is missing; a folder to verify holds ${Object.values(files).join(', ')}.`);
    return readFileSync(path, 'utf8');
  };
  return { record: read(files.record), pool: read(files.pool), inspectors: read(files.inspectors), outcome: read(files.outcome) };
}

async function main(args: string[]): Promise<number> {
  const saveAt = args.indexOf('--save');
  const saveDir = saveAt >= 0 ? args[saveAt + 1] : undefined;
  const source = args.find((a, i) => !a.startsWith('--') && (saveAt < 0 || i !== saveAt + 1));
  if (!source || (saveAt >= 0 && !saveDir)) {
    console.error('usage: npm run verify-draw -- <draw URL | folder> [--save <folder>]');
    return 2;
  }
  let loaded: Record<keyof typeof files, string>;
  try {
    loaded = await load(source);
  } catch (error) {
    console.error(`Could not read the draw: ${(error as Error).message}`);
    return 2;
  }
  if (saveDir) {
    mkdirSync(saveDir, { recursive: true });
    for (const [name, file] of Object.entries(files)) writeFileSync(join(saveDir, file), loaded[name as keyof typeof files]);
  }
  const record = JSON.parse(loaded.record) as PublishedDraw;
  const outcome = JSON.parse(loaded.outcome) as DrawOutcome;
  const { verified, checks } = verifyDraw({ ...record, outcome }, loaded.pool, loaded.inspectors, loaded.outcome);
  console.log(`Draw ${record.id} (${record.algorithm}), pool of ${record.poolSize}, ${outcome.selected.length} selected`);
  for (const check of checks) console.log(`  ${check.passed ? '✓' : '✗'} ${check.name}: ${check.detail}`);
  console.log(verified ? 'verified: every check passed' : 'NOT verified');
  return verified ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
