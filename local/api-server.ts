/**
 * Serves the route table on loopback the way API Gateway (HTTP API, payload 2.0) would: each request becomes an
 * API Gateway v2 event, non-public routes first go through the real authorizer function (no token → 401, denied →
 * 403, with API Gateway's own bodies), then the real handler module of the route is called.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyStructuredResultV2, APIGatewayRequestAuthorizerEventV2, Context } from 'aws-lambda';
import { openApiDocument } from '../shared/api/openapi.ts';
import { routes, routeKey, type RouteSpec } from '../shared/api/routes.ts';
import { devTokenBody } from '../shared/api/schemas.ts';
import { errorReply, type ApiEvent, type ApiResult } from '../shared/http/api-handler.ts';
import { HttpError, json } from '../shared/http/responses.ts';
import { issuerPath, type LocalIssuer } from './local-issuer.ts';
import { perAddressLimit } from './rate-limit.ts';
import { scanRateLimit } from '../shared/api/limits.ts';

type Handler = (event: ApiEvent, context: Context) => Promise<ApiResult>;
type Authorizer = (event: APIGatewayRequestAuthorizerEventV2) => Promise<{ isAuthorized: boolean; context?: Record<string, unknown> }>;

/** Lambda's synchronous payload limit; API Gateway refuses larger bodies too. */
const maxBodyBytes = 6 * 1024 * 1024;

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

function readBody(request: IncomingMessage): Promise<Buffer> {
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

function send(response: ServerResponse, result: APIGatewayProxyStructuredResultV2) {
  const body = result.body === undefined ? '' : result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body;
  response.writeHead(result.statusCode ?? 200, result.headers as Record<string, string>);
  response.end(body);
}

export interface LocalApi {
  server: Server;
  baseUrl: string;
  close(): Promise<void>;
}

export async function startLocalApi(options: { port: number; issuer: () => LocalIssuer; host?: string; scanRateLimit?: false }): Promise<LocalApi> {
  const host = options.host ?? '127.0.0.1';
  // Imported on first use: the function reads AUTH_ISSUER when it loads, which is known only once we listen.
  let authorizer: Promise<Authorizer> | undefined;
  const authorize = (event: APIGatewayRequestAuthorizerEventV2) =>
    (authorizer ??= import('../functions/authorize.ts').then((m: { handler: Authorizer }) => m.handler)).then((handler) => handler(event));

  // The per-address scan limit the WAF applies on AWS (off only for load benchmarks).
  const scanLimit = options.scanRateLimit === false ? async () => undefined : perAddressLimit(scanRateLimit);

  async function handle(request: IncomingMessage): Promise<APIGatewayProxyStructuredResultV2> {
    const url = new URL(request.url ?? '/', `http://${request.headers.host ?? host}`);
    const method = request.method ?? 'GET';
    if (method === 'GET' && url.pathname === `${issuerPath}/.well-known/jwks.json`) return json(200, options.issuer().jwks);
    const match = compiled.find((c) => c.route.method === method && c.pattern.test(url.pathname));
    if (!match) return json(404, { message: 'Not Found' });
    const { route } = match;
    const values = match.pattern.exec(url.pathname)!.slice(1).map(decodeURIComponent);
    const pathParameters = Object.fromEntries(match.names.map((name, i) => [name, values[i]!]));
    const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : (v ?? '')]));
    const raw = await readBody(request);
    const textual = isText(headers['content-type']);
    const key = routeKey(route);
    const now = new Date();
    const event: ApiEvent = {
      version: '2.0',
      routeKey: key,
      rawPath: url.pathname,
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
        http: { method, path: url.pathname, protocol: 'HTTP/1.1', sourceIp: request.socket.remoteAddress ?? '127.0.0.1', userAgent: headers['user-agent'] ?? '' },
        requestId: randomUUID(),
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
        routeArn: `arn:aws:execute-api:local:000000000000:local/$default/${method}${url.pathname}`,
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
    handle(request)
      .then((result) => send(response, result))
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
