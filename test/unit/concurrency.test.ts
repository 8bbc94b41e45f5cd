import { describe, expect, it } from 'vitest';
import { mapInParallel } from '../../shared/concurrency.ts';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('mapInParallel', () => {
  it('keeps the input order and never exceeds the limit in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const results = await mapInParallel([5, 1, 4, 2, 3, 0], 3, async (n) => {
      most = Math.max(most, ++inFlight);
      await tick(n);
      inFlight--;
      return n * 10;
    });
    expect(results).toEqual([50, 10, 40, 20, 30, 0]);
    expect(most).toBe(3);
  });

  it('after a failure starts nothing new and rejects only when the calls in flight have finished', async () => {
    const finished: number[] = [];
    const started: number[] = [];
    await expect(
      mapInParallel([0, 1, 2, 3, 4, 5], 3, async (n) => {
        started.push(n);
        if (n === 0) throw new Error('power cut');
        await tick(20);
        finished.push(n);
      }),
    ).rejects.toThrow('power cut');
    // 1 and 2 were in flight when 0 failed: they finished before the rejection; 3, 4 and 5 never started.
    expect(started).toEqual([0, 1, 2]);
    expect(finished.sort()).toEqual([1, 2]);
  });
});
