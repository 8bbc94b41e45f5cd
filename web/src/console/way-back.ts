/**
 * The way back from a record to the console page the reader came from: the link that opened it carries where it
 * was (router state, so the list's filters and page come back too), and the record offers that one way back.
 */
import { useLocation } from 'react-router';

/** The router state a link passes for the page it opens to lead back here. */
export function useHereAsFrom(): { from: string } {
  const location = useLocation();
  return { from: location.pathname + location.search };
}

/** The console page this one was opened from, when a link said so. */
export function useCameFrom(): string | undefined {
  const state: unknown = useLocation().state;
  const from = typeof state === 'object' && state !== null && 'from' in state ? state.from : undefined;
  return typeof from === 'string' && from.startsWith('/console/') ? from : undefined;
}
