/**
 * The company's signed-in inspection page on a slow phone: Chromium with DevTools' "Slow 4G" network (562.5 ms RTT,
 * 1.44 Mbit/s down) and a 4× CPU slowdown, fresh cache each run. Reports the compressed JS+CSS bytes of the first
 * load and the time until the page is usable (the check-in button rendered and enabled), beside the server-rendered
 * scan page of the same inspection under the same conditions as the baseline.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { seedDemoData } from '../local/demo-data.ts';
import { startLocalStack } from '../local/stack.ts';
import { arrivesToday, inspectionBody } from '../test/support/fixtures.ts';
import { buildWebApp, launchChromium, phone } from '../test/support/browser.ts';
import { median, round } from './measure.ts';

const runs = 5;
const slow4g = { offline: false, latency: 562.5, downloadThroughput: (1.6 * 1024 * 1024 * 0.9) / 8, uploadThroughput: (750 * 1024 * 0.9) / 8 };
const checkInLabel = '执法人员已到场';

async function throttle(context: BrowserContext, page: Page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', slow4g);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
}

/**
 * Compressed bytes of the scripts and style sheets the page loaded and how many; when the app script had arrived
 * and when the inspection's data had (ms since navigation), to see where the time goes.
 */
const assetBytes = (page: Page) =>
  page.evaluate(() => {
    const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    const assets = resources.filter((r) => /\.(js|css)(\?|$)/.test(r.name));
    const main = assets.find((r) => /\/assets\/index-.*\.js/.test(r.name));
    const data = resources.find((r) => /\/api\/inspections\//.test(r.name));
    return { bytes: assets.reduce((sum, r) => sum + r.encodedBodySize, 0), files: assets.length, scriptMs: main?.responseEnd ?? NaN, dataMs: data?.responseEnd ?? NaN };
  });

export async function benchWeb(log: (line: string) => void) {
  buildWebApp();
  const stack = await startLocalStack({ port: 0 });
  const browser = await launchChromium();
  try {
    log('web: seeding the demo data and a scheduled visit to the demo canteen ...');
    await seedDemoData(stack.drawServices, stack.riskServices, stack.baseUrl);
    const token = await stack.token({ role: 'supervisor', subject: 'bench' });
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const created = await (
      await fetch(`${stack.baseUrl}/inspections`, { method: 'POST', headers, body: JSON.stringify(inspectionBody('demo-canteen', ['insp-wang', 'insp-li'], ['food-safety'], 30)) })
    ).json();
    const issued = await (await fetch(`${stack.baseUrl}/inspections/${created.id}/code`, { method: 'POST', headers })).json();
    // Confirmed only on a day of the visit's window: the page offers check-in once that day has come.
    await arrivesToday(stack.drawServices, created.id);
    const appUrl = `${stack.baseUrl}/app/inspections/${created.id}`;

    // Sign in once at full speed; each measured run starts a fresh context holding only that session.
    const signing = await browser.newContext({ ...phone, locale: 'zh-CN' });
    const first = await signing.newPage();
    await first.goto(appUrl);
    await first.getByRole('button', { name: /Pujiang Demo Catering/ }).first().click();
    await first.getByRole('button', { name: checkInLabel }).waitFor();
    const session = await first.evaluate(() => JSON.stringify(Object.entries(sessionStorage)));
    await signing.close();

    const app: { ms: number; bytes: number; files: number; scriptMs: number; dataMs: number }[] = [];
    const scan: { ms: number; bytes: number }[] = [];
    for (let run = 0; run < runs; run++) {
      log(`web: run ${run + 1}/${runs}, app page then scan page ...`);
      const context = await browser.newContext({ ...phone, locale: 'zh-CN' });
      await context.addInitScript(
        ({ entries, label }) => {
          if (location.pathname.startsWith('/app/')) for (const [key, value] of JSON.parse(entries) as [string, string][]) sessionStorage.setItem(key, value);
          // The moment the DOM first holds the enabled check-in button (React renders it only once data and handlers are in).
          const found = new MutationObserver(() => {
            if (!Array.from(document.querySelectorAll('button')).some((b) => b.textContent === label && !b.disabled)) return;
            (window as unknown as { interactiveAt: number }).interactiveAt = performance.now();
            found.disconnect();
          });
          found.observe(document, { subtree: true, childList: true, attributes: true });
        },
        { entries: session, label: checkInLabel },
      );
      const page = await context.newPage();
      await throttle(context, page);
      await page.goto(appUrl);
      await page
        .waitForFunction(() => (window as unknown as { interactiveAt?: number }).interactiveAt !== undefined, undefined, { timeout: 60_000 })
        .catch(async (error: Error) => {
          throw new Error(`${error.message} at ${page.url()}: ${(await page.locator('body').innerText()).slice(0, 300)}`);
        });
      const ms = await page.evaluate(() => (window as unknown as { interactiveAt: number }).interactiveAt);
      app.push({ ms, ...(await assetBytes(page)) });

      const scanPage = await context.newPage();
      await throttle(context, scanPage);
      await scanPage.goto(issued.url, { waitUntil: 'load' });
      const timing = await scanPage.evaluate(() => {
        const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
        return { ms: navigation.domInteractive, bytes: navigation.encodedBodySize };
      });
      scan.push(timing);
      await context.close();
    }
    return {
      conditions: { network: 'Slow 4G (562.5 ms RTT, 1.44 Mbit/s down, 675 kbit/s up)', cpuSlowdown: 4, runs, viewport: '390×844' },
      companyInspectionPage: {
        interactiveMsMedian: round(median(app.map((r) => r.ms)), 0),
        appScriptArrivedMsMedian: round(median(app.map((r) => r.scriptMs)), 0),
        inspectionDataArrivedMsMedian: round(median(app.map((r) => r.dataMs)), 0),
        jsCssKBCompressed: round(app[0]!.bytes / 1024, 1),
        jsCssFiles: app[0]!.files,
        budget: { jsCssKB: 170, interactiveMs: 3000 },
      },
      baselineScanPage: { interactiveMsMedian: round(median(scan.map((r) => r.ms)), 0), htmlKBCompressed: round(scan[0]!.bytes / 1024, 1), jsCssKB: 0 },
    };
  } finally {
    await browser.close();
    await stack.stop();
  }
}
