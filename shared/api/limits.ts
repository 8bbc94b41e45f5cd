/**
 * How many scans (`GET /c/{code}`) one client address may make in a window before it is answered 429 with
 * `Retry-After`: the WAF rate-based rule in front of CloudFront on AWS, the local server's limiter locally. A person
 * scans a code a few times; a carrier's shared address carries many people, hence a generous limit.
 * AWS WAF accepts windows of 60, 120, 300 or 600 seconds and limits of at least 10.
 */
export const scanRateLimit: ScanRateLimit = { requests: 100, windowSeconds: 60 };

export interface ScanRateLimit {
  requests: number;
  windowSeconds: 60 | 120 | 300 | 600;
}

/** The body of that 429, in both languages of the scan page (WAF sends one body whatever the Accept-Language). */
export const tooManyScansMessage = '扫码过于频繁，请稍后再试。Too many scans from this address: please try again in a minute.';
