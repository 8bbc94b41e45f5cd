/**
 * The supervisors' console over a generated city of 100,000 companies: the overview and the clue queue in Chromium at
 * desk size, signed in as the city-wide demo supervisor, fresh context each run (the session restored, the cache empty). For each page: first contentful
 * paint and largest contentful paint (PerformanceObserver), and the moment it is usable (its figures or its first
 * clues rendered, nothing left loading), beside the API's own response time for the very requests the page made,
 * replayed with the same token in the same run. Every list request the pages make is checked to be a server page:
 * a `limit`, at most that many items back, and a cursor where there are more.
 */
import type { Browser } from 'playwright-core';
import { referenceDay } from '../shared/generate/synthetic.ts';
import { sweepEntities } from '../shared/risk/jobs.ts';
import type { DynamoStore } from '../shared/store/dynamodb-store.ts';
import { startLocalStack } from '../local/stack.ts';
import { buildWebApp, desk, launchChromium } from '../test/support/browser.ts';
import { catalogues } from '../web/src/app/messages.ts';
import { assertInvariants, median, round } from './measure.ts';
import { importGeneratedCity } from './seed.ts';

/** The city's size: 100,000 by default (the figure); BENCH_CONSOLE_COMPANIES for a quick look. */
const count = Number(process.env.BENCH_CONSOLE_COMPANIES ?? 100_000);
const runs = 5;
const loading = catalogues['zh-CN'].loading;

/** What makes each page usable: its content is on screen and nothing on it still says it is loading. */
const pages = {
  overview: { path: '/console', ready: 'main .figure-link' },
  clueQueue: { path: '/console/warnings?status=open', ready: 'main a[href^="/console/warnings/clue_"]' },
} as const;

interface ApiCall {
  url: string;
  status: number;
  items?: number;
  limit?: number;
  cursor: boolean;
}

/** Signs in once at the local provider as the city-wide supervisor; returns the session the app keeps. */
async function signIn(browser: Browser, baseUrl: string): Promise<string> {
  const context = await browser.newContext({ ...desk, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/console`);
  await page.waitForURL(/\/oidc\/interaction\//);
  await page.getByRole('button', { name: /Chen Hua/ }).click();
  await page.waitForURL(`${baseUrl}/console`);
  const session = await page.evaluate(() => JSON.stringify(Object.entries(sessionStorage)));
  await context.close();
  return session;
}

/** One page load in a fresh context: paints, the usable moment, and every API call it made (with a bearer token). */
async function load(browser: Browser, url: string, session: string, ready: string) {
  const context = await browser.newContext({ ...desk, locale: 'zh-CN' });
  await context.addInitScript(
    ({ entries, ready, loading }) => {
      for (const [key, value] of JSON.parse(entries) as [string, string][]) sessionStorage.setItem(key, value);
      const marks: Record<string, number> = {};
      (window as unknown as { benchMarks: Record<string, number> }).benchMarks = marks;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) if (entry.name === 'first-contentful-paint') marks.fcp = entry.startTime;
      }).observe({ type: 'paint', buffered: true });
      new PerformanceObserver((list) => {
        marks.lcp = list.getEntries().at(-1)!.startTime;
      }).observe({ type: 'largest-contentful-paint', buffered: true });
      const usable = new MutationObserver(() => {
        const main = document.querySelector('main');
        if (!main || !document.querySelector(ready) || main.innerText.includes(loading)) return;
        marks.usable = performance.now();
        usable.disconnect();
      });
      usable.observe(document, { subtree: true, childList: true, characterData: true });
    },
    { entries: session, ready, loading },
  );
  const page = await context.newPage();
  const calls: Promise<ApiCall>[] = [];
  page.on('response', (response) => {
    const request = response.request();
    // The API's calls (the app's are under /api/; public ones go without a token), not the page's files.
    if (request.method() !== 'GET' || !new URL(request.url()).pathname.startsWith('/api/')) return;
    calls.push(
      (async () => {
        const body = (await response.json().catch(() => undefined)) as { items?: unknown[]; draws?: unknown[]; cursor?: string } | undefined;
        // A list answers `items` (paged by cursor) or, for the draws, the newest `draws` up to the limit.
        const listed = body?.items ?? body?.draws;
        const limit = new URL(request.url()).searchParams.get('limit');
        return { url: request.url(), status: response.status(), ...(Array.isArray(listed) ? { items: listed.length } : {}), ...(limit ? { limit: Number(limit) } : {}), cursor: Boolean(body?.cursor) };
      })(),
    );
  });
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { benchMarks: { usable?: number } }).benchMarks.usable !== undefined, undefined, { timeout: 120_000 }).catch(async (error: Error) => {
    throw new Error(`${error.message} at ${page.url()}: ${(await page.locator('body').innerText()).slice(0, 300)}`);
  });
  // The largest paint settles once the page stops changing; read it after a quiet moment.
  await page.waitForTimeout(300);
  const marks = await page.evaluate(() => (window as unknown as { benchMarks: { fcp: number; lcp: number; usable: number } }).benchMarks);
  const made = await Promise.all(calls);
  await context.close();
  return { ...marks, calls: made };
}

/** The same requests, straight to the API with the same token, all at once as the page sends them: wall time in ms. */
async function replay(urls: string[], token: string): Promise<number> {
  const started = performance.now();
  await Promise.all(urls.map(async (url) => (await fetch(url, { headers: { authorization: `Bearer ${token}` } })).arrayBuffer()));
  return performance.now() - started;
}

const summary = (values: number[]) => ({ medianMs: round(median(values), 0), minMs: round(Math.min(...values), 0), maxMs: round(Math.max(...values), 0) });

async function measure(browser: Browser, baseUrl: string, session: string, token: string, which: keyof typeof pages, log: (line: string) => void) {
  const { path, ready } = pages[which];
  const loads: Awaited<ReturnType<typeof load>>[] = [];
  const api: number[] = [];
  for (let run = 0; run < runs; run++) {
    log(`console: ${which}, run ${run + 1}/${runs} ...`);
    const loaded = await load(browser, baseUrl + path, session, ready);
    loads.push(loaded);
    api.push(await replay(loaded.calls.map((call) => call.url), token));
  }
  const usable = median(loads.map((l) => l.usable));
  const apiMs = median(api);
  return {
    firstContentfulPaint: summary(loads.map((l) => l.fcp)),
    largestContentfulPaint: summary(loads.map((l) => l.lcp)),
    usable: summary(loads.map((l) => l.usable)),
    apiSameRequests: summary(api),
    usableToApiRatio: round(usable / apiMs, 1),
    requests: loads[0]!.calls.map(({ url, ...call }) => ({ path: url.replace(baseUrl, ''), ...call })),
  };
}

export async function benchConsole(log: (line: string) => void) {
  buildWebApp();
  const stack = await startLocalStack({ port: 0 });
  const browser = await launchChromium();
  try {
    log(`console: importing a generated city of ${count.toLocaleString()} companies (npm run generate's rows, through the import path) ...`);
    const { facts } = await importGeneratedCity(stack.services.store as DynamoStore, count, 2026);
    log('console: the warning sweep opens the clues the queue shows ...');
    const swept = await sweepEntities(stack.riskServices, { sweep: 'warnings', asOf: referenceDay });
    const session = await signIn(browser, stack.baseUrl);
    const token = await stack.token({ role: 'supervisor', subject: 'demo-supervisor' });
    const overview = await measure(browser, stack.baseUrl, session, token, 'overview', log);
    const clueQueue = await measure(browser, stack.baseUrl, session, token, 'clueQueue', log);
    const lists = [...overview.requests, ...clueQueue.requests].filter((call) => call.items !== undefined);
    const queueList = clueQueue.requests.find((call) => call.path.includes('/warnings'));
    assertInvariants('console', {
      everyRequestAnswered: [[...overview.requests, ...clueQueue.requests].every((call) => call.status === 200), true],
      everyListAsksForAPage: [lists.every((call) => call.limit !== undefined && call.limit <= 200), true],
      noListAnswersMoreThanItAsked: [lists.every((call) => call.items! <= call.limit!), true],
      // More clues than one page: the queue shows the first and holds a cursor to the next, rather than all of them.
      queueIsOnePageOfMany: [Boolean(queueList && queueList.items === queueList.limit && queueList.cursor && swept.clues > queueList.limit!), true],
    });
    return {
      city: { companies: count, facts, openClues: swept.clues, asOf: referenceDay },
      conditions: { viewport: '1280×900', network: 'loopback, no throttling', runs, browser: 'Chromium (Debian), headless', engine: 'DynamoDB Local 1.25, in memory' },
      overview,
      clueQueue,
    };
  } finally {
    await browser.close();
    await stack.stop();
  }
}
