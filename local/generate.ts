/**
 * `npm run generate -- --entities N [--seed S] [--out DIR]`: writes entities.ndjson and inspectors.ndjson, ready
 * for `npm run import`, deterministic per seed, streamed to disk with a progress line.
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import { once } from 'node:events';
import { join, resolve } from 'node:path';
import { generatedGradeSpread } from '../shared/generate/grade-spread.ts';
import { referenceDay, syntheticEntities, syntheticFactKinds, syntheticFacts, syntheticInspectors } from '../shared/generate/synthetic.ts';

function option(args: string[], name: string, fallback: string) {
  const at = args.indexOf(`--${name}`);
  return at >= 0 && args[at + 1] ? args[at + 1]! : fallback;
}

async function writeLines(path: string, rows: Iterable<unknown>, label: string, total: number) {
  const out = createWriteStream(path);
  let written = 0;
  let lastPrinted = 0;
  for (const row of rows) {
    if (!out.write(`${JSON.stringify(row)}\n`)) await once(out, 'drain');
    written++;
    if (Date.now() - lastPrinted > 1_000) {
      lastPrinted = Date.now();
      process.stderr.write(`\r${label}: ${written.toLocaleString()} / ${total.toLocaleString()}`);
    }
  }
  out.end();
  await once(out, 'finish');
  process.stderr.write(`\r${label}: ${written.toLocaleString()} written to ${path}\n`);
}

const args = process.argv.slice(2);
const entities = Number(option(args, 'entities', '10000'));
const seed = Number(option(args, 'seed', '1'));
const outDir = resolve(option(args, 'out', join(process.env.LOCAL_DATA_DIR ?? '.local-data', 'generated')));
if (!Number.isInteger(entities) || entities < 1 || entities > 10_000_000 || !Number.isInteger(seed)) {
  console.error('usage: npm run generate -- --entities N (1 to 10,000,000) [--seed S] [--out DIR]');
  process.exitCode = 2;
} else {
  mkdirSync(outDir, { recursive: true });
  await writeLines(join(outDir, 'entities.ndjson'), syntheticEntities(entities, seed), 'entities', entities);
  const inspectors = [...syntheticInspectors(entities, seed)];
  await writeLines(join(outDir, 'inspectors.ndjson'), inspectors, 'inspectors', inspectors.length);
  // Facts go to one file per import kind, streamed side by side.
  const kinds = syntheticFactKinds;
  const outs = Object.fromEntries(kinds.map((kind) => [kind, createWriteStream(join(outDir, `${kind}.ndjson`))]));
  let facts = 0;
  for (const { kind, row } of syntheticFacts(syntheticEntities(entities, seed), seed)) {
    if (!outs[kind]!.write(`${JSON.stringify(row)}\n`)) await once(outs[kind]!, 'drain');
    if (++facts % 100_000 === 0) process.stderr.write(`\rfacts: ${facts.toLocaleString()}`);
  }
  await Promise.all(kinds.map((kind) => (outs[kind]!.end(), once(outs[kind]!, 'finish'))));
  process.stderr.write(`\rfacts: ${facts.toLocaleString()} written to ${kinds.map((k) => `${k}.ndjson`).join(', ')}\n`);
  const sample = Math.min(entities, 5_000);
  const grades = generatedGradeSpread(sample, seed);
  const share = (n: number) => `${Math.round((n / sample) * 100)} %`;
  console.log(`Grades of the first ${sample.toLocaleString()} as of ${referenceDay} (the shipped models, in memory): A ${share(grades.A)} · B ${share(grades.B)} · C ${share(grades.C)} · D ${share(grades.D)} · ungraded ${share(grades.ungraded)}`);
  console.log('Import them in this order:');
  for (const kind of ['entities', 'inspectors', ...kinds]) console.log(`  npm run import -- ${kind} ${join(outDir, `${kind}.ndjson`)}`);
}
