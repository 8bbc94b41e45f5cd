/**
 * No personal data or secrets in logs: phone numbers, bearer tokens and JWTs, presigned or evidence URLs and scan
 * codes are masked in every string a log line carries (messages, error messages and stacks, attributes), and
 * values under keys that name such things are dropped whole. Used as the logger's JSON replacer.
 */

const hiddenKeys = /phone|mobile|contact|authorization|cookie|token|secret|password|signature|credential|url$/i;

const patterns: ReadonlyArray<[RegExp, string]> = [
  // JWTs (ID and access tokens, device tokens) and any bearer credential.
  [/\beyJ[\w-]*\.[\w-]*\.[\w-]*/g, '[token]'],
  [/\bBearer\s+\S+/gi, 'Bearer [token]'],
  // URLs that grant access (presigned S3 links, anything signed) or point at stored files.
  [/https?:\/\/[^\s"'<>]*(?:X-Amz-|amazonaws\.com|\/evidence\/|\/snapshots\/)[^\s"'<>]*/gi, '[url]'],
  // A scan code in a path: the code is the credential of its page.
  [/\/c\/[\w-]{8,}/g, '/c/[code]'],
  // Mainland mobiles (with or without +86), landlines with an area code, and other international numbers.
  [/(?<![\w.:-])(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d{4}){2}(?![\w])/g, '[phone]'],
  [/(?<![\w.:-])0\d{2,3}[\s-]\d{7,8}(?![\w])/g, '[phone]'],
  [/(?<![\w.:-])\+\d{1,3}[\s-]?\d(?:[\s-]?\d){6,13}(?![\w])/g, '[phone]'],
];

export const redactText = (text: string) => patterns.reduce((out, [pattern, mask]) => out.replace(pattern, mask), text);

/** A `JSON.stringify` replacer: masks what `redactText` finds and drops values under sensitive keys. */
export function redactingReplacer(key: string, value: unknown): unknown {
  if (key && hiddenKeys.test(key) && value !== undefined && value !== null && value !== '') return '[redacted]';
  // A scan code as a value of its own (the path parameter), not an error code such as "invalid_body".
  if (key === 'code' && typeof value === 'string' && /^[\w-]{16,}$/.test(value)) return '[code]';
  if (typeof value === 'string') return redactText(value);
  if (value instanceof Error) {
    // Powertools formats errors after the replacer; hand it an error whose texts are already masked.
    const masked = new Error(redactText(value.message), value.cause === undefined ? undefined : { cause: value.cause });
    masked.name = value.name;
    masked.stack = value.stack && redactText(value.stack);
    return masked;
  }
  return value;
}
