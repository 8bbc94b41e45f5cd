import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { tooManyScansMessage, type ScanRateLimit } from '../shared/api/limits.ts';

/**
 * The local stand-in for the WAF rate-based rule: at most `requests` per address in each window. Returns, for a
 * request from `address`, nothing if it may pass, or the 429 to answer with the seconds to wait in `Retry-After`.
 */
export function perAddressLimit(limit: Pick<ScanRateLimit, 'requests'> & { windowSeconds: number }) {
  const limiter = new RateLimiterMemory({ points: limit.requests, duration: limit.windowSeconds });
  return async (address: string): Promise<APIGatewayProxyStructuredResultV2 | undefined> => {
    try {
      await limiter.consume(address);
      return undefined;
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      return {
        statusCode: 429,
        headers: { 'content-type': 'text/plain; charset=utf-8', 'retry-after': String(Math.max(1, Math.ceil(refusal.msBeforeNext / 1000))), 'cache-control': 'no-store' },
        body: tooManyScansMessage,
      };
    }
  };
}
