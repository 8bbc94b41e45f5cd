/**
 * The edge every handler shares, as middy middlewares: structured logs carrying the request id and route, the
 * invocation's metrics flushed, errors become the contract's JSON (never a bare 500 for bad input), roles are
 * checked again after the authorizer, and params and bodies are validated by the route's zod schemas before the
 * handler runs. A handler is then: call one use case, shape the reply.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy, { type MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2WithLambdaAuthorizer, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type * as z from 'zod/mini';
import { principalFromContext, type Principal } from '../auth/principal.ts';
import type { RuntimeRouteSpec as RouteSpec } from '../api/routes.ts';
import { DomainError, type DomainErrorKind } from '../domain-error.ts';
import { env } from '../store/resources.ts';
import { flushMetrics, logger } from '../telemetry/powertools.ts';
import { errorBody, HttpError, json } from './responses.ts';

export type ApiEvent = APIGatewayProxyEventV2WithLambdaAuthorizer<Record<string, unknown> | undefined>;
export type ApiResult = APIGatewayProxyStructuredResultV2;

type Infer<S> = S extends z.ZodMiniType ? z.infer<S> : undefined;

export interface ApiRequest<R extends RouteSpec> {
  params: Infer<R extends { params: infer S } ? S : undefined>;
  query: Infer<R extends { query: infer S } ? S : undefined>;
  body: Infer<R extends { body: infer S } ? S : undefined>;
  /** Present on every route that is not public (the role guard saw to it). */
  principal: R['access'] extends 'public' ? undefined : Principal;
  header: (name: string) => string | undefined;
  event: ApiEvent;
}

const statusOfKind: Record<DomainErrorKind, number> = { 'not-found': 404, forbidden: 403, conflict: 409, gone: 410, 'too-large': 413, invalid: 422 };

/** SDK errors that mean "busy, try again", after the SDK's own retries gave up. */
const isThrottling = (error: unknown) => {
  const e = error as { name?: string; $retryable?: { throttling?: boolean } };
  return Boolean(e?.$retryable?.throttling) || ['ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded', 'SlowDown'].includes(e?.name ?? '');
};

export function errorReply(error: unknown, requestId: string): ApiResult {
  if (error instanceof HttpError) return json(error.status, errorBody(error.code, error.message, error.details), error.headers);
  if (error instanceof DomainError) return json(statusOfKind[error.kind], errorBody(error.code, error.message, error.details));
  if (isThrottling(error)) {
    return json(503, errorBody('busy', 'The service is busy right now; retry in a few seconds. Your request was not applied.'), { 'retry-after': '2' });
  }
  logger.error('unhandled error', { error: error as Error });
  return json(500, errorBody('internal', 'Something went wrong on our side. Retry; if it persists, report this request id.', { requestId }));
}

/**
 * Every line logged while serving a request names it: the request id a 500 reply gives the caller, API Gateway's
 * (as in its access log), and the route's template — never the raw path, which may hold a code.
 */
const requestLogKeys = (route: RouteSpec): MiddlewareObj<ApiEvent, ApiResult, Error, Context> => ({
  before: async function appendRequestKeys({ event, context }) {
    logger.appendKeys({ requestId: context.awsRequestId, apiRequestId: event.requestContext?.requestId, route: `${route.method} ${route.path}` });
  },
});

const errorResponses = (): MiddlewareObj<ApiEvent, ApiResult, Error, Context> => ({
  onError: async function replyWithContractError(request) {
    request.response = errorReply(request.error, request.context.awsRequestId);
  },
});

/** Roles are enforced by the authorizer; this second check keeps a misconfigured route from opening up. */
const roleGuard = (route: RouteSpec): MiddlewareObj<ApiEvent, ApiResult, Error, Context> => ({
  before: async function requireRole({ event }) {
    if (route.access === 'public') return;
    const principal = principalFromContext(event.requestContext.authorizer?.lambda);
    if (!principal) throw new HttpError(401, 'unauthorized', 'Sign in: send "Authorization: Bearer <token>".');
    if (!route.access.includes(principal.role)) {
      throw new HttpError(403, 'forbidden', `This route is for ${route.access.join(' or ')}; your token's role is ${principal.role}.`);
    }
  },
});

const issuesOf = (error: z.core.$ZodError) => error.issues.map((issue) => ({ path: issue.path.join('.') || '(root)', message: issue.message }));

function readBody(event: ApiEvent, route: RouteSpec): unknown {
  const contentType = event.headers?.['content-type'] ?? '';
  if (!event.body && route.bodyOptional) return {};
  if (!event.body) throw new HttpError(400, 'body_required', 'This route needs a JSON body.');
  if (!/^application\/([a-z.+-]*\+)?json\b/i.test(contentType)) {
    throw new HttpError(415, 'unsupported_media_type', 'Send the body as JSON with "Content-Type: application/json".');
  }
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new HttpError(400, 'invalid_json', `The body is not valid JSON: ${(error as Error).message}`);
  }
}

/**
 * The query as the caller sent it. API Gateway joins a repeated parameter's values with commas (`?lang=en&lang=en`
 * reaches the function as "en,en"), which no single-valued field can read back; the raw query string keeps them
 * apart, and the last one counts, as when a link appends a parameter the URL already had.
 */
const queryOf = (event: ApiEvent): Record<string, string> => Object.fromEntries(new URLSearchParams(event.rawQueryString ?? ''));

interface Parsed {
  params: unknown;
  query: unknown;
  body: unknown;
}

const inputValidation = (route: RouteSpec, parsed: WeakMap<object, Parsed>): MiddlewareObj<ApiEvent, ApiResult, Error, Context> => ({
  before: async function validateInput({ event }) {
    const params = route.params?.safeParse(event.pathParameters ?? {});
    if (params && !params.success) throw new HttpError(400, 'invalid_path', 'The path is not valid.', issuesOf(params.error));
    const query = route.query?.safeParse(queryOf(event));
    if (query && !query.success) throw new HttpError(400, 'invalid_query', 'The query string is not valid.', issuesOf(query.error));
    const body = route.body?.safeParse(readBody(event, route));
    if (body && !body.success) throw new HttpError(400, 'invalid_body', 'The body is not valid.', issuesOf(body.error));
    parsed.set(event, { params: params?.data, query: query?.data, body: body?.data });
  },
});

/**
 * Wraps a route's handler in the shared edge; the route's schemas type the request it receives. It takes the
 * route's entry (`routes.putEntity`), not its id, so that a function bundles only the entries it serves: the
 * public scan imports its own (shared/api/scan-route.ts), without the route table.
 */
export function apiHandler<R extends RouteSpec>(route: R, handle: (request: ApiRequest<R>) => Promise<ApiResult>) {
  const parsed = new WeakMap<object, Parsed>();
  return middy<ApiEvent, ApiResult, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(requestLogKeys(route))
    .use(flushMetrics())
    .use(errorResponses())
    .use(roleGuard(route))
    .use(inputValidation(route, parsed))
    .handler(async (event) => {
      const { params, query, body } = parsed.get(event)!;
      const headers = Object.fromEntries(Object.entries(event.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
      return handle({
        params,
        query,
        body,
        principal: principalFromContext(event.requestContext.authorizer?.lambda),
        header: (name) => headers[name.toLowerCase()],
        event,
      } as ApiRequest<R>);
    });
}

/** The base URL the caller used, for links in QR codes when no public base URL is configured. */
export const requestBaseUrl = (event: ApiEvent) => `https://${event.requestContext.domainName}`;

/** Where QR codes point: the configured public base URL (a custom domain), else the URL the request came in on. */
export const publicBaseUrl = (event: ApiEvent) => process.env[env.publicBaseUrl] ?? requestBaseUrl(event);
