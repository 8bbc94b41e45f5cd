/**
 * `npm run fit -- --before 2017-01-01 [--segment catering] [--data-dir DIR] [--metrics M,M…] [--lambda L,L…] [--alpha A,A…] [--anchors N] [--version V] [--out FILE]`:
 * fits the learned model of a segment on LIVES history before the cut-off (shared/scoring/fit.ts: labels from
 * inspections before it only; features the metrics named, by default every metric defined, less those that shift
 * between training and the cut-off; λ and α chosen on a validation day before it among the values given, by default
 * a grid) and writes it as a versioned model file (version V, default 1.0.0), by default models/learned/<segment>.v1.json.
 * Exit code 2 on bad arguments or unreadable data.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { readLives } from '../shared/scoring/backtest.ts';
import { fitSegment } from '../shared/scoring/fit.ts';
import { loadModels, shippedModelFiles } from '../shared/scoring/models.ts';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');

try {
  const { values } = parseArgs({
    options: { before: { type: 'string' }, segment: { type: 'string' }, 'data-dir': { type: 'string' }, metrics: { type: 'string' }, lambda: { type: 'string' }, alpha: { type: 'string' }, anchors: { type: 'string' }, version: { type: 'string' }, out: { type: 'string' } },
  });
  const before = values.before ?? '';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(before) || Number.isNaN(Date.parse(before))) throw new Error('--before YYYY-MM-DD is required: no inspection from that day on is read.');
  const numbers = (name: string, text: string | undefined) => {
    if (text === undefined) return undefined;
    const list = text.split(',').map(Number);
    if (list.some((n) => !Number.isFinite(n) || n < 0)) throw new Error(`--${name} is a number ≥ 0, or several separated by commas.`);
    return list;
  };
  const lambdas = numbers('lambda', values.lambda);
  const alphas = numbers('alpha', values.alpha);
  if (alphas?.some((a) => a > 1)) throw new Error('--alpha is between 0 (ridge) and 1 (lasso).');
  const anchors = Number(values.anchors ?? 6);
  if (!Number.isInteger(anchors) || anchors < 1) throw new Error('--anchors is a whole number ≥ 1: anchor days 91 days apart back from the cut-off.');
  if (values.version !== undefined && !/^\d+\.\d+\.\d+$/.test(values.version)) throw new Error('--version is MAJOR.MINOR.PATCH.');
  const metrics = values.metrics?.split(',').map((m) => m.trim());
  const segment = values.segment ?? 'catering';
  const dataDir = resolve(values['data-dir'] ?? resolve(repo, '../shared/data/lives-sf'));
  const out = resolve(values.out ?? resolve(repo, `models/learned/${segment}.v1.json`));

  const data = await readLives(dataDir);
  // The weighted models only: the learned file this replaces may be stale or invalid.
  const model = fitSegment({ data, models: loadModels(shippedModelFiles, {}, { segments: {} }), segment, before, anchors, ...(lambdas ? { lambdas } : {}), ...(alphas ? { alphas } : {}), ...(metrics ? { metrics } : {}), ...(values.version ? { version: values.version } : {}), dataName: relative(repo, dataDir) });
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(model, null, 2)}\n`);
  const { validation } = model.training;
  for (const v of validation.grid) console.log(`  validation as of ${validation.on} (${validation.examples} businesses): λ ${v.lambda} α ${v.alpha} AUC ${v.auc.toFixed(4)}`);
  console.log(`${model.id}@${model.version}: λ ${model.regularisation.lambda}, α ${model.regularisation.alpha}; ${model.fittedOn.examples} examples (${model.fittedOn.positives} failed) as of ${model.fittedOn.anchors.join(', ')}; training AUC ${model.training.auc.toFixed(3)}`);
  for (const s of model.training.shifted ?? []) console.log(`  left out, shifted ${s.shift} sd by the cut-off: ${s.metric}`);
  for (const f of model.features) console.log(`  ${f.coefficient >= 0 ? '+' : ''}${f.coefficient.toFixed(3)}  ${f.metric}`);
  console.log(`grades: A ≥ ${model.grades.A.toFixed(2)}, B ≥ ${model.grades.B.toFixed(2)}, C ≥ ${model.grades.C.toFixed(2)}\nwritten to ${out}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 2;
}
