/**
 * `npm run verify-draw -- <draw URL | folder>`: re-computes a published draw with no trust in the server. From a
 * URL (GET /draws/{id}) it downloads the record, the pool and inspector snapshots and the outcome through the links
 * the record publishes (from the day after the draw's visit window; before that it says from which day); `--save <folder>` keeps them, and a folder holding those four files verifies offline.
 * `--save-receipt <file>` keeps the announcement (commitment, hashes, parameters, beacon) as soon as the draw is
 * announced; `--receipt <file>` later checks the draw against it and names every field changed since.
 * Exit code 0: verified; 1: a check failed; 2: could not be read.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DrawOutcome } from '../shared/draws/model.ts';
import { checkReceipt, parseReceipt, receiptOf } from '../shared/draws/receipt.ts';
import { verifyDraw, type Check, type PublishedDraw } from '../shared/draws/verify.ts';

const files = { record: 'record.json', pool: 'pool.ndjson', inspectors: 'inspectors.ndjson', outcome: 'outcome.json' } as const;

async function download(url: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url.split('?')[0]} answered ${response.status}`);
  return response.text();
}

const isUrl = (source: string) => /^https?:\/\//.test(source);

async function loadRecord(source: string): Promise<string> {
  return isUrl(source) ? download(source) : readFileSync(join(source, files.record), 'utf8');
}

async function load(source: string): Promise<Record<keyof typeof files, string>> {
  if (isUrl(source)) {
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

const options = ['--save', '--save-receipt', '--receipt'] as const;
const usage = 'usage: npm run verify-draw -- <draw URL | folder> [--save <folder>] [--save-receipt <file> | --receipt <file>]';

const report = (checks: Check[]) => {
  for (const check of checks) console.log(`  ${check.passed ? '✓' : '✗'} ${check.name}: ${check.detail}`);
};

/** Keeps the announcement: possible from the moment the pool is frozen, long before anything else is public. */
async function saveReceipt(source: string, file: string): Promise<number> {
  const record = JSON.parse(await loadRecord(source)) as PublishedDraw;
  const receipt = receiptOf(record, new Date().toISOString(), isUrl(source) ? source : undefined);
  writeFileSync(file, `${JSON.stringify(receipt, null, 2)}\n`);
  console.log(`Receipt of draw ${receipt.id} saved to ${file}: commitment ${receipt.commitment}, pool ${receipt.poolHash} (${receipt.poolSize} companies), announced ${receipt.announcedAt}.`);
  console.log(`Keep it. Later: npm run verify-draw -- --receipt ${file} ${source}`);
  return 0;
}

async function main(args: string[]): Promise<number> {
  const value = (name: (typeof options)[number]) => (args.includes(name) ? (args[args.indexOf(name) + 1] ?? '') : undefined);
  const optionValues = new Set(options.map((name) => args.indexOf(name)).filter((i) => i >= 0).map((i) => i + 1));
  const source = args.find((a, i) => !a.startsWith('--') && !optionValues.has(i));
  const [saveDir, saveReceiptTo, receiptFile] = options.map(value);
  if (!source || [saveDir, saveReceiptTo, receiptFile].includes('')) {
    console.error(usage);
    return 2;
  }
  let loaded: Record<keyof typeof files, string>;
  try {
    if (saveReceiptTo) return await saveReceipt(source, saveReceiptTo);
    const receipt = receiptFile ? parseReceipt(readFileSync(receiptFile, 'utf8')) : undefined;
    if (receipt) {
      // The record is public at once: compare it with the receipt even while the files are not.
      const check = checkReceipt(receipt, JSON.parse(await loadRecord(source)) as PublishedDraw);
      if (!check.passed) {
        report([check]);
        console.log('NOT verified: the draw changed since the receipt was kept');
        return 1;
      }
    }
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
  const result = verifyDraw({ ...record, outcome }, loaded.pool, loaded.inspectors, loaded.outcome);
  const checks = receiptFile ? [...result.checks, checkReceipt(parseReceipt(readFileSync(receiptFile, 'utf8')), record)] : result.checks;
  const verified = checks.every((c) => c.passed);
  console.log(`Draw ${record.id} (${record.algorithm}), pool of ${record.poolSize}, ${outcome.selected.length} selected`);
  report(checks);
  console.log(verified ? 'verified: every check passed' : 'NOT verified');
  return verified ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
