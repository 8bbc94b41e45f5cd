import { ConcurrentChangeError } from './store/ports.ts';

const attempts = 4;

/**
 * Optimistic concurrency for any versioned record: read it, apply `change` (which may read what it depends on, e.g. the
 * state of the record's code, afresh on each attempt), and save it at the next version only
 * if nobody saved it meanwhile; on a lost race, read again and re-apply. When `change` returns the record as it was
 * (an idempotent retry, nothing to do), nothing is written.
 */
export async function changeVersioned<R extends { version: number }>(
  read: () => Promise<R>,
  save: (next: R, current: R) => Promise<void>,
  change: (current: R) => R | Promise<R>,
): Promise<{ record: R; changed: boolean }> {
  for (let attempt = 1; ; attempt++) {
    const current = await read();
    const changed = await change(current);
    if (changed === current) return { record: current, changed: false };
    const next = { ...changed, version: current.version + 1 };
    try {
      await save(next, current);
      return { record: next, changed: true };
    } catch (error) {
      if (!(error instanceof ConcurrentChangeError) || attempt >= attempts) throw error;
    }
  }
}
