/**
 * Maps over items with at most `limit` calls in flight, keeping the input order in the results. After a failure
 * no new item starts, and the error is thrown only once the calls in flight have settled, so a caller that retries
 * never races its own leftovers.
 */
export async function mapInParallel<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length && !failure) {
        const index = next++;
        try {
          results[index] = await fn(items[index]!, index);
        } catch (error) {
          failure ??= { error };
        }
      }
    }),
  );
  if (failure) throw failure.error;
  return results;
}
