/**
 * `npm run backtest -- --as-of 2017-01-01 [--data-dir DIR] [--out FILE] [--seed N]`: grades every LIVES business as
 * of the cut-off with the shipped models and measures the grading against each business's next inspection, beside
 * the last-score and random baselines (shared/scoring/backtest.ts). Reads the LIVES CSV files through the
 * production importer, in memory: no stack needed. Prints the tables; writes the report as JSON to `--out`
 * (default bench/results/backtest-<as-of>.json). Exit code 2 on bad arguments or unreadable data.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { backtest, formatReport, readLives } from '../shared/scoring/backtest.ts';
import { loadModels } from '../shared/scoring/models.ts';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');

try {
  const { values } = parseArgs({
    options: { 'as-of': { type: 'string' }, 'data-dir': { type: 'string' }, out: { type: 'string' }, seed: { type: 'string' } },
  });
  const asOf = values['as-of'] ?? '';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(asOf))) throw new Error('--as-of YYYY-MM-DD is required: the cut-off day.');
  const seed = Number(values.seed ?? 1);
  if (!Number.isInteger(seed)) throw new Error('--seed is an integer.');
  const dataDir = resolve(values['data-dir'] ?? resolve(repo, '../shared/data/lives-sf'));
  const out = resolve(values.out ?? resolve(repo, `bench/results/backtest-${asOf}.json`));

  const started = performance.now();
  const data = await readLives(dataDir);
  const models = loadModels();
  const report = backtest(data, { asOf, models, learned: [...models.learned.values()], seed });
  console.log(formatReport(report));
  for (const [file, { count, first }] of Object.entries(data.rejected)) if (count) console.log(`\n${file}: ${count} rows refused (${first.join('; ')})`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify({ dataDir, ...report, rejected: data.rejected, seconds: Math.round(performance.now() - started) / 1000 }, null, 2)}\n`);
  console.log(`\nwritten to ${out}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 2;
}
