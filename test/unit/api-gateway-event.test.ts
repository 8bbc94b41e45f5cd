/** The local server hands functions what API Gateway v2 hands them, and the handlers read it as deployed. */
import type { Context } from 'aws-lambda';
import { routes } from '../../shared/api/routes.ts';
import { describe, expect, it } from 'vitest';
import { apiHandler, type ApiEvent } from '../../shared/http/api-handler.ts';
import { json } from '../../shared/http/responses.ts';
import { gatewayRequest } from '../../local/api-gateway-event.ts';

describe('the event API Gateway v2 builds', () => {
  it('joins a repeated query parameter with a comma and keeps the raw query string as sent', () => {
    const request = gatewayRequest('/c/abc?lang=en&lang=en&q=a%20b', ['Host', 'x']);
    expect(request?.queryStringParameters).toEqual({ lang: 'en,en', q: 'a b' });
    expect(request?.rawQueryString).toBe('lang=en&lang=en&q=a%20b');
  });

  it('joins repeated headers with a comma, lower-cases names, and moves cookies to their own array', () => {
    const request = gatewayRequest('/x', ['Accept', 'text/html', 'X-Tag', 'a', 'x-tag', 'b', 'Cookie', 'a=1; b=2', 'cookie', 'c=3']);
    expect(request?.headers).toEqual({ accept: 'text/html', 'x-tag': 'a,b' });
    expect(request?.cookies).toEqual(['a=1', 'b=2', 'c=3']);
  });

  it('decodes the path, leaves out an absent query, and refuses a path that does not decode', () => {
    const request = gatewayRequest('/c/%E4%B8%AD', []);
    expect(request?.rawPath).toBe('/c/中');
    expect(request).not.toHaveProperty('queryStringParameters');
    expect(gatewayRequest('/c/%ff', [])).toBeUndefined();
  });
});

describe('a handler given such an event', () => {
  const echoQuery = apiHandler(routes.resolveCode, async ({ query }) => json(200, query));
  const context = { awsRequestId: 'r1', getRemainingTimeInMillis: () => 10_000 } as Context;
  const event = (rawQueryString: string, queryStringParameters: Record<string, string>) =>
    ({ routeKey: 'GET /c/{code+}', rawQueryString, queryStringParameters, pathParameters: { code: 'abc' }, headers: {}, requestContext: {} }) as unknown as ApiEvent;

  it('reads ?lang=en&lang=en as "en", not as the "en,en" API Gateway passes', async () => {
    const reply = await echoQuery(event('lang=en&lang=en', { lang: 'en,en' }), context);
    expect(JSON.parse(reply.body!)).toEqual({ lang: 'en' });
  });

  it('reads a comma sent inside one value as part of it', async () => {
    const reply = await echoQuery(event('lang=en%2Czh', { lang: 'en,zh' }), context);
    expect(JSON.parse(reply.body!)).toEqual({ lang: 'en,zh' });
  });
});
