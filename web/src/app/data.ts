/** Server state through one data layer (TanStack Query): every screen reads and changes data through these hooks. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useState } from 'react';
import type { Api, CalledRoute, Input, Responses } from './api.ts';

export const ApiContext = createContext<Api | undefined>(undefined);

export function useApi(): Api {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside ApiContext');
  return api;
}

/** Reads a route; the cache key is the route and its input, so two screens asking the same share one request. */
export function useRead<K extends CalledRoute>(route: K, input: Input<K>, options: { enabled?: boolean } = {}) {
  const api = useApi();
  return useQuery<Responses[K], Error>({ queryKey: [route, input], queryFn: () => api.call(route, input), ...options });
}

/**
 * Starts reading a route before the screen that shows it has loaded its code, so code and data arrive together
 * (the same cache key as useRead, which then finds the answer on its way).
 */
export function usePrefetch<K extends CalledRoute>(route: K, input: Input<K>): void {
  const api = useApi();
  const client = useQueryClient();
  useState(() => void client.prefetchQuery({ queryKey: [route, input], queryFn: () => api.call(route, input) }));
}

/** Re-reads everything shown (the inspection, the lists) after a change. */
export function useRefresh(): () => void {
  const client = useQueryClient();
  return () => void client.invalidateQueries();
}

/**
 * Changes something, then re-reads what is shown. `refresh: false` leaves that to the caller, for a change
 * followed by uploads: the screen must not move on before the photos are up.
 */
export function useChange<K extends CalledRoute>(route: K, { refresh = true }: { refresh?: boolean } = {}) {
  const api = useApi();
  const refreshAll = useRefresh();
  return useMutation<Responses[K], Error, Input<K>>({
    mutationFn: (input) => api.call(route, input),
    onSuccess: () => refresh && refreshAll(),
  });
}
