/**
 * The 81-indicator general model over 1,000,000 entities on one core: columnar (a Float64Array per indicator)
 * against the same arithmetic over plain objects read by metric name, in the same run.
 */
import { loadModels } from '../shared/scoring/models.ts';
import { compileModel, normalise, scoreColumns } from '../shared/scoring/score.ts';
import { seededRandom } from '../shared/generate/synthetic.ts';
import { assertInvariants, median, round } from './measure.ts';

const count = 1_000_000;

export async function benchScoring(log: (line: string) => void) {
  const compiled = compileModel(loadModels().general);
  const { indicators } = compiled.model;
  const random = seededRandom(42);
  log(`scoring: ${count.toLocaleString()} entities × ${indicators.length} indicators ...`);
  const columns = indicators.map(() => Float64Array.from({ length: count }, () => (random() < 0.05 ? NaN : random() * 10)));

  let columnarTotals: Float64Array = new Float64Array(0);
  // CPU time beside the wall time: "per core" on a shared machine, where the wall time includes waiting for one.
  const columnarCpu: number[] = [];
  const columnar = [0, 1, 2].map(() => {
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    columnarTotals = scoreColumns(compiled, columns, count).scores;
    const cpu = process.cpuUsage(cpuStarted);
    columnarCpu.push((cpu.user + cpu.system) / 1e6);
    return (performance.now() - started) / 1000;
  });

  const objectsCount = 200_000;
  const objects = Array.from({ length: objectsCount }, (_, e) => Object.fromEntries(indicators.map((indicator, i) => [indicator.metric, columns[i]![e]!])));
  let byNameTotals = new Float64Array(0);
  const byName = [0, 1, 2].map(() => {
    const started = performance.now();
    const totals = (byNameTotals = new Float64Array(objectsCount));
    const sums = new Float64Array(compiled.categoryWeights.length);
    const weights = new Float64Array(compiled.categoryWeights.length);
    objects.forEach((entity, e) => {
      sums.fill(0);
      weights.fill(0);
      indicators.forEach((indicator, i) => {
        const value = entity[indicator.metric]!;
        if (Number.isNaN(value)) return;
        sums[compiled.categoryOf[i]!]! += compiled.inner[i]! * normalise(indicator.normalise, value);
        weights[compiled.categoryOf[i]!]! += compiled.inner[i]!;
      });
      let total = 0;
      let weight = 0;
      compiled.categoryWeights.forEach((w, c) => {
        if (weights[c]! > 0) {
          total += (w * sums[c]!) / weights[c]!;
          weight += w;
        }
      });
      totals[e] = total / weight;
    });
    return (performance.now() - started) / 1000;
  });
  // Both ways compute the same scores, or the comparison says nothing.
  const differing = byNameTotals.filter((total, e) => !(Math.abs(total - columnarTotals[e]!) <= 1e-9 * Math.max(1, Math.abs(total)))).length;
  assertInvariants('scoring', { scored: [columnarTotals.length, count], notANumber: [columnarTotals.filter(Number.isNaN).length, 0], differingFromBaseline: [differing, 0] });
  const columnarRate = count / median(columnar);
  const byNameRate = objectsCount / median(byName);
  return {
    indicators: indicators.length,
    columnarEntityScoresPerSecond: round(columnarRate, 0),
    columnarEntityScoresPerCpuSecond: round(count / median(columnarCpu), 0),
    baselineObjectsByNamePerSecond: round(byNameRate, 0),
    speedup: round(columnarRate / byNameRate, 1),
    nightly2_9MillionOnOneCoreSeconds: round(2_900_000 / columnarRate, 2),
    target: '≥ 3M entity-scores/s/core (columnar)',
  };
}
