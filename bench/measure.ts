/** Small measuring tools shared by the benchmarks. */

export interface LoadResult {
  requests: number;
  errors: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
export const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);

/**
 * Runs `task` from `concurrency` loops for `durationMs` (after a warm-up), and reports throughput and latency.
 * Bounded in time and count, so a benchmark always stops by itself.
 */
export async function closedLoopLoad(task: (i: number) => Promise<boolean>, options: { concurrency: number; durationMs: number; warmupMs?: number }): Promise<LoadResult> {
  const run = async (durationMs: number, record: boolean) => {
    const latencies: number[] = [];
    let errors = 0;
    let counter = 0;
    const end = performance.now() + durationMs;
    await Promise.all(
      Array.from({ length: options.concurrency }, async () => {
        while (performance.now() < end && counter < 5_000_000) {
          const started = performance.now();
          const ok = await task(counter++).catch(() => false);
          if (!ok) errors++;
          if (record) latencies.push(performance.now() - started);
        }
      }),
    );
    return { latencies, errors };
  };
  await run(options.warmupMs ?? 1_000, false);
  const started = performance.now();
  const { latencies, errors } = await run(options.durationMs, true);
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { requests: latencies.length, errors, perSecond: latencies.length / elapsed, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99) };
}

export const round = (value: number, digits = 2) => Number(value.toFixed(digits));

/**
 * What a benchmark reports must hold, or its figures measure something else: a run that lost, duplicated or failed
 * work, or re-did the same work, is not a throughput. Each invariant is [actual, expected]; one that differs throws,
 * naming every one that failed, and the figures of that run are not reported.
 */
export function assertInvariants(bench: string, invariants: Record<string, readonly [actual: unknown, expected: unknown]>) {
  const failed = Object.entries(invariants).filter(([, [actual, expected]]) => JSON.stringify(actual) !== JSON.stringify(expected));
  if (failed.length > 0) {
    const detail = failed.map(([name, [actual, expected]]) => `${name} is ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`).join('; ');
    throw new Error(`${bench}: the run broke its invariants, so its figures are not reported: ${detail}`);
  }
}
