/**
 * The public scan's route and its schemas, declared here rather than in routes.ts/schemas.ts so that the scan
 * function, the one every QR code reaches, bundles neither the route table nor every other schema (DESIGN §6's
 * 300 KB budget). What the edge runs on is here; its documentation (summary, responses) is in the route table,
 * which includes this entry like any other.
 */
import * as z from 'zod/mini';
import type { RuntimeRouteSpec } from './routes.ts';
import './zod-locale.ts';

/**
 * What follows `/c/`: a code, perhaps with what a chat app pasted around it (`ABC123。`, a trailing slash or
 * space). The scan handler finds the code in it (`codeInScanPath`), so that a browser always gets a page.
 */
export const codeParams = z.object({ code: z.string() });

/** The scan page's query: `lang` is zh-CN or en (anything else falls back); other parameters are ignored, not refused. */
export const scanQuery = z.object({ lang: z.optional(z.string().check(z.maxLength(20))) });

export const scanRoute = {
  method: 'GET',
  // Greedy, so that `/c/<code>/` and codes pasted with a slash reach the handler and a browser gets a page, not API Gateway's 404.
  path: '/c/{code+}',
  handler: 'resolve-code',
  access: 'public',
  params: codeParams,
  query: scanQuery,
} as const satisfies RuntimeRouteSpec;
