/**
 * Serves the route table on loopback the way API Gateway (HTTP API, payload 2.0) would: each request becomes an
 * API Gateway v2 event, non-public routes first go through the real authorizer function (no token → 401, denied →
 * 403, with API Gateway's own bodies), then the real handler module of the route is called.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type RequestListener, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { APIGatewayProxyStructuredResultV2, APIGatewayRequestAuthorizerEventV2, Context } from 'aws-lambda';
import { openApiDocument } from '../shared/api/openapi.ts';
import { routes, routeKey, type RouteSpec } from '../shared/api/routes.ts';
import { devTokenBody } from '../shared/api/schemas.ts';
import { errorReply, type ApiEvent, type ApiResult } from '../shared/http/api-handler.ts';
import { json } from '../shared/http/responses.ts';
import { env } from '../shared/store/resources.ts';
import { readBody, send } from './http-io.ts';
import { issuerPath, webClientId, webScope, type LocalIssuer } from './local-issuer.ts';
import { webFiles, type WebReply } from './web-files.ts';

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

interface CompiledRoute {
  route: RouteSpec;
  pattern: RegExp;
  names: string[];
}

const compiled: CompiledRoute[] = Object.values(routes as Record<string, RouteSpec>).map((route) => {
  const names: string[] = [];
  const source = route.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{(\w+)\\?\}/g, (_m, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { route, pattern: new RegExp(`^${source}$`), names };
});

const loadedHandlers = new Map<string, Promise<Handler>>();
const loadHandler = (name: string) => {
  if (!loadedHandlers.has(name)) loadedHandlers.set(name, import(`../functions/${name}.ts`).then((m: { handler: Handler }) => m.handler));
  return loadedHandlers.get(name)!;
};

function lambdaContext(functionName: string): Context {
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

const isText = (contentType: string | undefined) => !contentType || /^(text\/|application\/([a-z.+-]*\+)?(json|xml)|application\/x-www-form-urlencoded)/i.test(contentType);

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
}

/**
 * One origin, as CloudFront arranges it when deployed: the API at the root and again under `/api/*` (prefix
 * stripped), the web app's runtime `/config.json`, the OpenID provider under `/oidc`, and the web build with its
 * page fallback for every other path.
 */
export async function startLocalApi(options: LocalApiOptions): Promise<LocalApi> {
  const host = options.host ?? '127.0.0.1';
  const fileOrigins = () => [process.env.AWS_ENDPOINT_URL_S3].filter((url): url is string => !!url).map((url) => new URL(url).origin);
  const web = webFiles(options.webRoot ?? webBuild, fileOrigins);
  // Imported on first use: the function reads AUTH_ISSUER when it loads, which is known only once we listen.
  let authorizer: Promise<Authorizer> | undefined;
  const authorize = (event: APIGatewayRequestAuthorizerEventV2) =>
    (authorizer ??= import('../functions/authorize.ts').then((m: { handler: Authorizer }) => m.handler)).then((handler) => handler(event));

  async function handle(request: IncomingMessage): Promise<APIGatewayProxyStructuredResultV2 | WebReply> {
    const url = new URL(request.url ?? '/', `http://${request.headers.host ?? host}`);
    const method = request.method ?? 'GET';
    const read = method === 'GET' || method === 'HEAD';
    if (read && url.pathname === '/config.json') {
      // The web contract's runtime configuration; on AWS the deployment writes the same document to the bucket.
      const config = { apiBase: apiPrefix, authority: options.issuer().issuer, clientId: webClientId, timeZone: process.env[env.timeZone], scope: webScope };
      return json(200, config, { 'cache-control': 'no-cache' });
    }
    const viaPrefix = url.pathname === apiPrefix || url.pathname.startsWith(`${apiPrefix}/`);
    const path = viaPrefix ? url.pathname.slice(apiPrefix.length) || '/' : url.pathname;
    const match = compiled.find((c) => c.route.method === method && c.pattern.test(path));
    if (read && !viaPrefix) {
      const owned = apiOwnedPrefixes.some((prefix) => path.startsWith(prefix)) || compiled.some((c) => c.pattern.test(path));
      const wantsPage = /\btext\/html\b/.test(request.headers.accept ?? '');
      if (!owned || (match && pagesOverRoutes.has(match.route) && wantsPage)) {
        const reply = web(path, request.headers);
        if (reply) return reply;
      }
    }
    if (!match) return json(404, { message: 'Not Found' });
    const { route } = match;
    const values = match.pattern.exec(path)!.slice(1).map(decodeURIComponent);
    const pathParameters = Object.fromEntries(match.names.map((name, i) => [name, values[i]!]));
    const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : (v ?? '')]));
    const raw = await readBody(request);
    const textual = isText(headers['content-type']);
    const key = routeKey(route);
    const now = new Date();
    const event: ApiEvent = {
      version: '2.0',
      routeKey: key,
      rawPath: path,
      rawQueryString: url.search.slice(1),
      headers,
      ...(url.search ? { queryStringParameters: Object.fromEntries(url.searchParams) } : {}),
      ...(match.names.length ? { pathParameters } : {}),
      ...(raw.length ? { body: textual ? raw.toString('utf8') : raw.toString('base64') } : {}),
      isBase64Encoded: raw.length > 0 && !textual,
      requestContext: {
        accountId: 'local',
        apiId: 'local',
        domainName: headers.host ?? host,
        domainPrefix: 'local',
        http: { method, path, protocol: 'HTTP/1.1', sourceIp: request.socket.remoteAddress ?? '127.0.0.1', userAgent: headers['user-agent'] ?? '' },
        requestId: randomUUID(),
        routeKey: key,
        stage: '$default',
        time: now.toISOString(),
        timeEpoch: now.getTime(),
        authorizer: { lambda: undefined },
      },
    };

    if (route.localOnly) return serveLocalOnly(route, event);
    // The local stack documents its own extra routes (/dev/tokens) too; the deployed function leaves them out.
    if (route === routes.openApi) return json(200, openApiDocument({ includeLocalOnly: true, serverUrl: `http://${event.requestContext.domainName}${viaPrefix ? apiPrefix : ''}` }));
    if (route.access !== 'public') {
      if (!headers.authorization) return json(401, { message: 'Unauthorized' });
      const decision = await authorize({
        version: '2.0',
        type: 'REQUEST',
        routeArn: `arn:aws:execute-api:local:000000000000:local/$default/${method}${path}`,
        identitySource: [headers.authorization, key],
        cookies: [],
        routeKey: key,
        rawPath: event.rawPath,
        rawQueryString: event.rawQueryString,
        headers,
        requestContext: event.requestContext,
        ...(event.pathParameters ? { pathParameters: event.pathParameters } : {}),
        ...(event.queryStringParameters ? { queryStringParameters: event.queryStringParameters } : {}),
      } as APIGatewayRequestAuthorizerEventV2);
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

  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0]!;
    if (path === issuerPath || path.startsWith(`${issuerPath}/`)) return options.oidc()(request, response);
    handle(request)
      .then((result) => send(response, result, request.method === 'HEAD'))
      .catch((error: unknown) => send(response, errorReply(error, 'local')));
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
