/**
 * The API client, typed from the one route table (shared/api/routes.ts): paths are built from the route specs,
 * bodies are checked with the same zod schemas the handlers use before they leave the browser, and responses are
 * typed from the domain functions the handlers return. Errors become an ApiError the UI turns into what to do next.
 */
import type * as z from 'zod/mini';
import { routes, type RouteId } from '#shared/api/routes.ts';
import type { listAlerts, respondToAlert } from '#shared/alerts/service.ts';
import type { CodeRecord } from '#shared/codes/code.ts';
import type { IssuedCode } from '#shared/codes/issuance.ts';
import type { DrawPreview } from '#shared/draws/preview.ts';
import type { drawResults, listDraws, published, readDraw } from '#shared/draws/service.ts';
import type { importStatus, listImports, requestImport } from '#shared/imports/service.ts';
import type { entityFacts, entityGrades, listEntities } from '#shared/entities/directory.ts';
import type { countInspectionsDue, listInspections, readInspection } from '#shared/inspections/service.ts';
import type { planningOptions } from '#shared/inspections/planning.ts';
import type { listInspectors } from '#shared/entities/registry.ts';
import type { Entity, Inspection } from '#shared/inspections/model.ts';
import type { readStats } from '#shared/stats/stats.ts';
import type { Clue } from '#shared/warnings/clue.ts';
import type { cluesOfEntity, listWarnings } from '#shared/warnings/service.ts';

type Spec<K extends RouteId> = (typeof routes)[K];
type Part<K extends RouteId, P extends 'params' | 'query' | 'body'> = Spec<K> extends { [key in P]: infer S extends z.ZodMiniType } ? z.input<S> : never;

/** What a call of route K takes: its path parameters, query and body, as its schemas declare them. */
export type Input<K extends RouteId> = ([Part<K, 'params'>] extends [never] ? {} : { params: Part<K, 'params'> }) &
  ([Part<K, 'query'>] extends [never] ? {} : { query?: Partial<Part<K, 'query'>> }) &
  ([Part<K, 'body'>] extends [never] ? {} : { body: Part<K, 'body'> });

type Upload = { name: string; method: 'PUT'; url: string; headers: Record<string, string> };

/** What each route the app calls answers (the handlers return these domain results). */
export interface Responses {
  listInspections: Awaited<ReturnType<typeof listInspections>>;
  inspectionCounts: Awaited<ReturnType<typeof countInspectionsDue>>;
  eligibleInspectors: Awaited<ReturnType<typeof planningOptions>>;
  createInspection: { id: string; status: Inspection['status']; joined: boolean; inspection: Inspection };
  getInspection: Awaited<ReturnType<typeof readInspection>>;
  issueCode: IssuedCode;
  revokeCode: Pick<CodeRecord, 'code' | 'state' | 'revokedAt' | 'revokedReason'>;
  checkIn: Pick<Inspection, 'id' | 'status' | 'checkedIn'>;
  recordResults: Pick<Inspection, 'id' | 'status' | 'result'> & { uploads: Upload[] };
  submitRectification: { id: string; status: string; uploads: Upload[] };
  reviewRectification: Pick<Inspection, 'id' | 'status' | 'rectifications'>;
  listAlerts: Awaited<ReturnType<typeof listAlerts>>;
  respondToAlert: { id: string; status: string; uploads: Awaited<ReturnType<typeof respondToAlert>>['uploads'] };
  listDraws: { draws: Awaited<ReturnType<typeof listDraws>> };
  getDraw: Awaited<ReturnType<typeof readDraw>> & { files: { pool?: string; inspectors?: string; outcome?: string } };
  drawResults: Awaited<ReturnType<typeof drawResults>>;
  getEntity: Entity;
  listEntities: Awaited<ReturnType<typeof listEntities>>;
  entityGrades: Awaited<ReturnType<typeof entityGrades>>;
  entityFacts: Awaited<ReturnType<typeof entityFacts>>;
  entityWarnings: Awaited<ReturnType<typeof cluesOfEntity>>;
  announceDraw: ReturnType<typeof published>;
  previewDraw: DrawPreview;
  executeDraw: ReturnType<typeof published>;
  abandonDraw: ReturnType<typeof published>;
  stats: Awaited<ReturnType<typeof readStats>>;
  listWarnings: Awaited<ReturnType<typeof listWarnings>>;
  listInspectors: Awaited<ReturnType<typeof listInspectors>>;
  getWarning: Clue;
  transitionWarning: Clue;
  requestImport: Awaited<ReturnType<typeof requestImport>>;
  getImport: Awaited<ReturnType<typeof importStatus>>;
  listImports: Awaited<ReturnType<typeof listImports>>;
}
export type CalledRoute = keyof Responses;

export type ApiProblem = 'network' | 'sign-in' | 'forbidden' | 'not-found' | 'conflict' | 'invalid' | 'server';

/**
 * One field refused: the schema's message (English) and, when the schema here refused it, what its rule was (a
 * bound, a format), so the reader is told in their language what is wrong.
 */
export interface FieldProblem {
  path: string;
  message: string;
  rule?: { code: string; origin?: string; minimum?: number; maximum?: number };
}

export class ApiError extends Error {
  constructor(
    readonly problem: ApiProblem,
    message: string,
    /** Field by field, when the input was refused. */
    readonly details: FieldProblem[] = [],
    /** Refused by the schema here, before sending: the message is the schema's, in English. */
    readonly checkedHere = false,
    /** The API's error code (`inspectors_rejected`…), for a screen that says a refusal its own way. */
    readonly code = '',
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const problemOf = (status: number): ApiProblem =>
  status === 401 ? 'sign-in' : status === 403 ? 'forbidden' : status === 404 ? 'not-found' : status === 409 ? 'conflict' : status === 400 || status === 422 ? 'invalid' : 'server';

/** `/inspections/{id}/code` with `{ id: 'a b' }` → `/inspections/a%20b/code`. */
export function buildPath(path: string, params: Record<string, string> = {}): string {
  return path.replace(/\{(\w+)\}/g, (_whole, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`Missing path parameter ${name} for ${path}`);
    return encodeURIComponent(value);
  });
}

export interface Api {
  call<K extends CalledRoute>(route: K, input: Input<K>): Promise<Responses[K]>;
}

export function createApi(apiBase: string, idToken: () => string | undefined): Api {
  return {
    async call(routeId, input) {
      const route = routes[routeId];
      const { params, query, body } = input as { params?: Record<string, string>; query?: Record<string, unknown>; body?: unknown };
      if ('body' in route && body !== undefined) {
        const checked = route.body.safeParse(body);
        if (!checked.success) {
          const problems = checked.error.issues.map((i): FieldProblem => {
            const { code, origin, minimum, maximum } = i as { code: string; origin?: string; minimum?: number | bigint; maximum?: number | bigint };
            const rule = { code, ...(origin ? { origin } : {}), ...(minimum !== undefined ? { minimum: Number(minimum) } : {}), ...(maximum !== undefined ? { maximum: Number(maximum) } : {}) };
            return { path: i.path.join('.'), message: i.message, rule };
          });
          throw new ApiError('invalid', 'invalid body', problems, true);
        }
      }
      const search = new URLSearchParams(Object.entries(query ?? {}).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]));
      const url = `${apiBase}${buildPath(route.path, params)}${search.size ? `?${search}` : ''}`;
      const token = idToken();
      const headers: Record<string, string> = { accept: 'application/json' };
      if (token && (route.access !== 'public' || ('tokenWidens' in route && route.tokenWidens))) headers.authorization = `Bearer ${token}`;
      if (body !== undefined) headers['content-type'] = 'application/json';
      let response: Response;
      try {
        response = await fetch(url, { method: route.method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
      } catch (error) {
        throw new ApiError('network', (error as Error).message);
      }
      const text = await response.text();
      const parsed = text ? (JSON.parse(text) as unknown) : undefined;
      if (!response.ok) {
        const error = (parsed as { error?: { code?: string; message?: string; details?: { path: string; message: string }[] } } | undefined)?.error;
        throw new ApiError(problemOf(response.status), error?.message ?? response.statusText, Array.isArray(error?.details) ? error.details : [], false, error?.code);
      }
      return parsed as never;
    },
  };
}
