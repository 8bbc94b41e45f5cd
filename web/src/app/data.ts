/** Server state through one data layer (TanStack Query): every screen reads and changes data through these hooks. */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import { createContext, useContext, useState } from 'react';
import type { Api, CalledRoute, Input, Responses } from './api.ts';

export const ApiContext = createContext<Api | undefined>(undefined);

export function useApi(): Api {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside ApiContext');
  return api;
}

/** A read of a route as the cache knows it: keyed by the route and its input, so the same read is one request. */
const read = <K extends CalledRoute>(api: Api, route: K, input: Input<K>) => ({ queryKey: [route, input], queryFn: () => api.call(route, input) });

/** `refetchInterval`: read again every so many milliseconds while it answers a number (a job's progress), never once false. */
export function useRead<K extends CalledRoute>(
  route: K,
  input: Input<K>,
  options: { enabled?: boolean; refetchInterval?: (data: Responses[K] | undefined) => number | false } = {},
) {
  const api = useApi();
  const { refetchInterval, ...rest } = options;
  return useQuery<Responses[K], Error>({ ...read(api, route, input), ...rest, ...(refetchInterval ? { refetchInterval: (query) => refetchInterval(query.state.data) } : {}) });
}

type Paged = { [K in CalledRoute]: Responses[K] extends { items: unknown[]; cursor?: string } ? K : never }[CalledRoute];

/** A list read a page at a time by the API's cursor, each further page on `fetchNextPage` ("show more"). */
export function useReadPages<K extends Paged>(route: K, input: Input<K>, options: { enabled?: boolean } = {}) {
  const api = useApi();
  return useInfiniteQuery<Responses[K], Error, InfiniteData<Responses[K]>, unknown[], string | undefined>({
    queryKey: [route, input, 'pages'],
    queryFn: ({ pageParam }) => {
      const { query, ...rest } = input as { query?: Record<string, unknown> };
      return api.call(route, { ...rest, query: { ...query, ...(pageParam ? { cursor: pageParam } : {}) } } as unknown as Input<K>);
    },
    initialPageParam: undefined,
    getNextPageParam: (last) => (last as { cursor?: string }).cursor,
    ...options,
  });
}

/**
 * Starts a read before the screen that shows it is there (its code still loading, or React not yet rendered), so
 * code and data arrive together; the screen's useRead then finds the answer on its way.
 */
export function prefetch<K extends CalledRoute>(client: QueryClient, api: Api, route: K, input: Input<K>): void {
  void client.prefetchQuery(read(api, route, input));
}

export function usePrefetch<K extends CalledRoute>(route: K, input: Input<K>): void {
  const api = useApi();
  const client = useQueryClient();
  useState(() => prefetch(client, api, route, input));
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
