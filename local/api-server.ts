/**
 * Serves the route table on loopback the way API Gateway (HTTP API, payload 2.0) would: each request becomes an
 * API Gateway v2 event, non-public routes first go through the real authorizer function (no token, or the
 * authorizer throwing "Unauthorized" → 401; denied → 403; with API Gateway's own bodies), then the real handler module
 * of the route is called.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { APIGatewayProxyStructuredResultV2, APIGatewayRequestAuthorizerEventV2, Context } from 'aws-lambda';
import { openApiDocument } from '../shared/api/openapi.ts';
import { routes, routeKey, type RouteSpec } from '../shared/api/routes.ts';
import { devTokenBody } from '../shared/api/schemas.ts';
import { unauthorizedSignal } from '../shared/auth/authorize.ts';
import { errorReply, type ApiEvent, type ApiResult } from '../shared/http/api-handler.ts';
import { HttpError, json } from '../shared/http/responses.ts';
import { env } from '../shared/store/resources.ts';
import { logger } from '../shared/telemetry/powertools.ts';
import { decodedPath, gatewayRequest } from './api-gateway-event.ts';
import { issuerPath, webClientId, webScope, type LocalIssuer } from './local-issuer.ts';
import { webFiles, type WebReply } from './web-files.ts';
import { perAddressLimit } from './rate-limit.ts';
import { scanRateLimit } from '../shared/api/limits.ts';

type Handler = (event: ApiEvent, context: Context) => Promise<ApiResult>;
type Authorizer = (event: APIGatewayRequestAuthorizerEventV2) => Promise<{ isAuthorized: boolean; context?: Record<string, unknown> }>;

/** Where `npm run build:web` puts the web app. */
export const webBuild = fileURLToPath(new URL('../web/dist', import.meta.url));
/** The API's prefix on the web origin (CloudFront strips it when deployed). */
const apiPrefix = '/api';
/** Paths the API owns beyond its route table, never answered with the web app. */
const apiOwnedPrefixes = ['/c/', '/dev/', `${issuerPath}/`];
/** Public JSON routes whose URL is also a page of the web app: a browser asking for HTML gets the page. */
const pagesOverRoutes = new Set<RouteSpec>([routes.listDraws, routes.getDraw]);

/**
 * One JSON line per request, API Gateway's access log locally, its id named `apiRequestId` as in the handlers' lines.
 * Written by a child of the functions' logger: the same masking of codes, tokens and phone numbers, and the same
 * level (`POWERTOOLS_LOG_LEVEL` or `LOG_LEVEL`; WARN turns these lines off).
 */
const accessLog = logger.createChild({ persistentKeys: { source: 'local-server' } });

/**
 * What a request is logged under: the route's key (`GET /c/{code+}`), never the path itself, which may hold a scan
 * code; or else the part of the origin that answered it (the method is then a field of its own).
 */
const servedBy = { web: 'web app', config: '/config.json', oidc: `${issuerPath}/*`, none: 'no route' } as const;
interface Served {
  route: string;
}

/** Lambda's synchronous payload limit; API Gateway refuses larger bodies too. */
const maxBodyBytes = 6 * 1024 * 1024;

interface CompiledRoute {
  route: RouteSpec;
  pattern: RegExp;
  names: string[];
}

const compiled: CompiledRoute[] = Object.values(routes as Record<string, RouteSpec>).map((route) => {
  const names: string[] = [];
  // `{name}` is one path segment; API Gateway's greedy `{name+}` is the rest of the path, slashes included.
  const source = route.path.replace(/[.*?^$()|[\]\\]/g, '\\$&').replace(/\\?\{(\w+)(\+?)\\?\}/g, (_m, name: string, greedy: string) => {
    names.push(name);
    return greedy ? '(.+)' : '([^/]+)';
  });
  return { route, pattern: new RegExp(`^${source}$`), names };
});

const loadedHandlers = new Map<string, Promise<Handler>>();
const loadHandler = (name: string) => {
  if (!loadedHandlers.has(name)) loadedHandlers.set(name, import(`../functions/${name}.ts`).then((m: { handler: Handler }) => m.handler));
  return loadedHandlers.get(name)!;
};

/** What Lambda passes a handler beside the event, for the handlers run locally (the API's and the job worker). */
export function lambdaContext(functionName: string): Context {
  const deadline = Date.now() + 29_000;
  return {
    awsRequestId: randomUUID(),
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: false,
    getRemainingTimeInMillis: () => deadline - Date.now(),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

export function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        reject(new HttpError(413, 'payload_too_large', `Bodies are limited to ${maxBodyBytes} bytes.`));
        request.destroy();
      } else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

const isText = (contentType: string | undefined) => !contentType || /^(text\/|application\/([a-z.+-]*\+)?(json|xml)|application\/x-www-form-urlencoded)/i.test(contentType);

export function send(response: ServerResponse, result: APIGatewayProxyStructuredResultV2 | WebReply, headOnly = false) {
  if ('status' in result) response.writeHead(result.status, result.headers);
  else response.writeHead(result.statusCode ?? 200, result.headers as Record<string, string>);
  const body = 'status' in result ? result.body : result.body === undefined ? '' : result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body;
  response.end(headOnly ? undefined : body);
}

export interface LocalApi {
  server: Server;
  baseUrl: string;
  close(): Promise<void>;
}

export interface LocalApiOptions {
  port: number;
  host?: string;
  /** The token issuer and the OpenID provider exist once the server listens (their URLs carry its port). */
  issuer: () => LocalIssuer;
  oidc: () => RequestListener;
  /** The web build to serve; `web/dist` by default. */
  webRoot?: string;
  /** The per-address scan limit the WAF applies on AWS; `false` only for load benchmarks. */
  scanRateLimit?: false;
}

export async function startLocalApi(options: LocalApiOptions): Promise<LocalApi> {
  const host = options.host ?? '127.0.0.1';
  const fileOrigins = () => [process.env.AWS_ENDPOINT_URL_S3].filter((url): url is string => !!url).map((url) => new URL(url).origin);
  const web = webFiles(options.webRoot ?? webBuild, fileOrigins);
  // Imported on first use: the function reads AUTH_ISSUER when it loads, which is known only once we listen.
  let authorizer: Promise<Authorizer> | undefined;
  const authorize = (event: APIGatewayRequestAuthorizerEventV2) =>
    (authorizer ??= import('../functions/authorize.ts').then((m: { handler: Authorizer }) => m.handler)).then((handler) => handler(event));

  // The per-address scan limit the WAF applies on AWS (off only for load benchmarks).
  const scanLimit = options.scanRateLimit === false ? async () => undefined : perAddressLimit(scanRateLimit);

  async function handle(request: IncomingMessage, requestId: string, served: Served): Promise<APIGatewayProxyStructuredResultV2> {
    const target = request.url ?? '/';
    const method = request.method ?? 'GET';
    // Routes match the path as sent; what reaches the function is decoded (gatewayRequest), as API Gateway does.
    const sentPath = target.split(/[?#]/)[0]!;
    const gateway = gatewayRequest(target, request.rawHeaders);
    if (!gateway) return json(400, { message: 'Bad Request' });
    const match = compiled.find((c) => c.route.method === method && c.pattern.test(sentPath));
    if (!match) return json(404, { message: 'Not Found' });
    const { route } = match;
    const key = routeKey(route);
    served.route = key;
    const values = match.pattern.exec(sentPath)!.slice(1).map((value) => decodedPath(value)!);
    const pathParameters = Object.fromEntries(match.names.map((name, i) => [name, values[i]!]));
    const { headers } = gateway;
    const raw = await readBody(request);
    const textual = isText(headers['content-type']);
    const now = new Date();
    const event: ApiEvent = {
      version: '2.0',
      routeKey: key,
      ...gateway,
      ...(match.names.length ? { pathParameters } : {}),
      ...(raw.length ? { body: textual ? raw.toString('utf8') : raw.toString('base64') } : {}),
      isBase64Encoded: raw.length > 0 && !textual,
      requestContext: {
        accountId: 'local',
        apiId: 'local',
        domainName: headers.host ?? host,
        domainPrefix: 'local',
        http: { method, path: gateway.rawPath, protocol: 'HTTP/1.1', sourceIp: request.socket.remoteAddress ?? '127.0.0.1', userAgent: headers['user-agent'] ?? '' },
        requestId,
        routeKey: key,
        stage: '$default',
        time: now.toISOString(),
        timeEpoch: now.getTime(),
        authorizer: { lambda: undefined },
      },
    };

    if (route === routes.resolveCode) {
      const refusal = await scanLimit(event.requestContext.http.sourceIp);
      if (refusal) return refusal;
    }
    if (route.localOnly) return serveLocalOnly(route, event);
    // The local stack documents its own extra routes (/dev/tokens) too; the deployed function leaves them out.
    if (route === routes.openApi) return json(200, openApiDocument({ includeLocalOnly: true, serverUrl: `http://${event.requestContext.domainName}` }));
    if (route.access !== 'public') {
      if (!headers.authorization) return json(401, { message: 'Unauthorized' });
      const decision = await authorize({
        version: '2.0',
        type: 'REQUEST',
        routeArn: `arn:aws:execute-api:local:000000000000:local/$default/${method}${gateway.rawPath}`,
        identitySource: [headers.authorization, key],
        cookies: gateway.cookies ?? [],
        routeKey: key,
        rawPath: event.rawPath,
        rawQueryString: event.rawQueryString,
        headers,
        requestContext: event.requestContext,
        ...(event.pathParameters ? { pathParameters: event.pathParameters } : {}),
        ...(event.queryStringParameters ? { queryStringParameters: event.queryStringParameters } : {}),
      } as APIGatewayRequestAuthorizerEventV2).catch((error: unknown) => {
        if ((error as Error)?.message === unauthorizedSignal) return 'unauthorized' as const;
        throw error;
      });
      if (decision === 'unauthorized') return json(401, { message: 'Unauthorized' });
      if (!decision.isAuthorized) return json(403, { message: 'Forbidden' });
      event.requestContext.authorizer = { lambda: decision.context ?? {} };
    }
    const handler = await loadHandler(route.handler!);
    return handler(event, lambdaContext(route.handler!));
  }

  async function serveLocalOnly(route: RouteSpec, event: ApiEvent): Promise<ApiResult> {
    if (route === routes.devToken) {
      let body: unknown;
      try {
        body = JSON.parse(event.body ?? '');
      } catch {
        return json(400, { error: { code: 'invalid_json', message: 'Send a JSON body: {"role", "subject", ...}.' } });
      }
      const parsed = devTokenBody.safeParse(body);
      if (!parsed.success) {
        const details = parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(root)', message: i.message }));
        return json(400, { error: { code: 'invalid_body', message: 'The body is not valid.', details } });
      }
      return json(201, { token: await options.issuer().sign(parsed.data) });
    }
    return json(404, { message: 'Not Found' });
  }

  /**
   * CloudFront's part, locally (one origin with the API and, under `/oidc`, the OpenID provider): the web app's
   * runtime `/config.json`, the API under `/api/*` (the prefix stripped from `request.url`, then as at the root), and
   * the web build for every page that is not the API's. Returns the reply when it is not the API's to give.
   */
  function frontDoor(request: IncomingMessage, served: Served): WebReply | APIGatewayProxyStructuredResultV2 | undefined {
    const target = request.url ?? '/';
    const path = target.split('?')[0]!;
    const read = request.method === 'GET' || request.method === 'HEAD';
    if (read && path === '/config.json') {
      // On AWS the deployment writes the same document beside the app in the bucket.
      served.route = servedBy.config;
      const config = { apiBase: apiPrefix, authority: options.issuer().issuer, clientId: webClientId, timeZone: process.env[env.timeZone], scope: webScope };
      return json(200, config, { 'cache-control': 'no-cache' });
    }
    if (path === apiPrefix || path.startsWith(`${apiPrefix}/`)) {
      const rest = target.slice(apiPrefix.length);
      request.url = rest.startsWith('/') ? rest : `/${rest}`;
      return undefined;
    }
    if (!read) return undefined;
    const owned = apiOwnedPrefixes.some((prefix) => path.startsWith(prefix)) || compiled.some((c) => c.pattern.test(path));
    const wantsPage = /\btext\/html\b/.test(request.headers.accept ?? '');
    const alsoPage = compiled.some((c) => pagesOverRoutes.has(c.route) && c.route.method === 'GET' && c.pattern.test(path));
    if (owned && !(wantsPage && alsoPage)) return undefined;
    served.route = servedBy.web;
    return web(path, request.headers);
  }

  const server = createServer((request, response) => {
    const started = performance.now();
    const requestId = randomUUID();
    const served: Served = { route: servedBy.none };
    // 'close' rather than 'finish': a request whose client went away is logged too.
    response.once('close', () =>
      accessLog.info('request', { method: request.method, route: served.route, status: response.statusCode, durationMs: Math.round(performance.now() - started), apiRequestId: requestId }),
    );
    const path = (request.url ?? '/').split('?')[0]!;
    if (path === issuerPath || path.startsWith(`${issuerPath}/`)) {
      served.route = servedBy.oidc;
      return options.oidc()(request, response);
    }
    const page = frontDoor(request, served);
    (page ? Promise.resolve(page) : handle(request, requestId, served))
      .then((result) => send(response, result, request.method === 'HEAD'))
      .catch((error: unknown) => send(response, errorReply(error, requestId)));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const { port } = server.address() as { port: number };
  return {
    server,
    baseUrl: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
