/**
 * The request half of an API Gateway v2 (HTTP API, payload 2.0) event, built from what arrived on the socket the way
 * API Gateway builds it, so that a handler cannot work locally and fail deployed:
 * - repeated query parameters and repeated headers reach the function joined with a comma (`?lang=en&lang=en` is
 *   `"en,en"`); `rawQueryString` is the query exactly as sent, still percent-encoded;
 * - header names are lower case; cookies leave the headers for the `cookies` array, one `name=value` each;
 * - the path (`rawPath`) and path parameters arrive percent-decoded; a path that does not decode is refused.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

export type GatewayRequest = Pick<APIGatewayProxyEventV2, 'rawPath' | 'rawQueryString' | 'headers' | 'cookies' | 'queryStringParameters'>;

/** Name/value pairs of a query, decoded, each name once with its values joined by commas. */
export function joinedQuery(rawQueryString: string): Record<string, string> | undefined {
  if (!rawQueryString) return undefined;
  const joined: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(rawQueryString)) joined[name] = name in joined ? `${joined[name]},${value}` : value;
  return joined;
}

/** Headers from Node's `rawHeaders` (name, value, name, value, ...): lower-case names, repeats joined by commas, cookies apart. */
export function joinedHeaders(rawHeaders: readonly string[]): { headers: Record<string, string>; cookies: string[] } {
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!.toLowerCase();
    const value = rawHeaders[i + 1]!;
    if (name === 'cookie') cookies.push(...value.split(';').map((c) => c.trim()).filter(Boolean));
    else headers[name] = name in headers ? `${headers[name]},${value}` : value;
  }
  return { headers, cookies };
}

/** Percent-decodes a path or path parameter; undefined when it does not decode (`%ff`, a lone `%`). */
export function decodedPath(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

/** The request fields of the event for a request target (`/c/x?lang=en`) and its raw headers; undefined for a path that does not decode. */
export function gatewayRequest(target: string, rawHeaders: readonly string[]): GatewayRequest | undefined {
  const withoutFragment = target.split('#')[0]!;
  const queryAt = withoutFragment.indexOf('?');
  const path = queryAt < 0 ? withoutFragment : withoutFragment.slice(0, queryAt);
  const rawQueryString = queryAt < 0 ? '' : withoutFragment.slice(queryAt + 1);
  const rawPath = decodedPath(path);
  if (rawPath === undefined) return undefined;
  const { headers, cookies } = joinedHeaders(rawHeaders);
  const queryStringParameters = joinedQuery(rawQueryString);
  return { rawPath, rawQueryString, headers, ...(cookies.length ? { cookies } : {}), ...(queryStringParameters ? { queryStringParameters } : {}) };
}
