/** The scan page in a real browser (Debian's Chromium, driven by playwright-core) at a phone's size. */
import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { supervisor, useLocalStack } from '../support/api.ts';
import { buildWebApp, chromiumAvailable as available, launchChromium, phone } from '../support/browser.ts';
import { planned } from '../support/fixtures.ts';

const local = useLocalStack();
let browser: Browser;
let scanUrl: string;

beforeAll(async () => {
  if (!available) return;
  // The page's icon is the web app's (served beside it, as CloudFront does).
  buildWebApp();
  browser = await launchChromium();
  const { inspectionId } = await planned(local.api);
  scanUrl = (await local.api.request('POST', `/inspections/${inspectionId}/code`, { as: supervisor })).body.url;
}, 180_000);
afterAll(async () => browser?.close());

describe.skipIf(!available)('the scan page on a phone', () => {
  it('shows a Chinese-speaking phone that the inspection is registered, without sideways scrolling', async () => {
    const page = await browser.newPage({ ...phone, locale: 'zh-CN' });
    await page.goto(scanUrl);
    await expect.poll(() => page.getByRole('status').innerText()).toContain('这是一次已登记的合法检查');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toMatch(/^Company \d+$/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/scan-page-zh.png', fullPage: true });
    await page.close();
  });

  it('loads without a failed request or a console error (its icon included), and writes its days in words', async () => {
    const page = await browser.newPage({ ...phone, locale: 'zh-CN' });
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
    });
    await page.goto(scanUrl);
    await page.getByRole('status').waitFor();
    // The browser asks for the icon after the page loads.
    await page.waitForLoadState('networkidle');
    expect(await page.evaluate(() => (document.querySelector('link[rel="icon"]') as HTMLLinkElement | null)?.href)).toMatch(/\/favicon\.svg$/);
    expect(problems).toEqual([]);
    expect(await page.locator('time').first().innerText()).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/);
    await page.close();
  });

  it('speaks English to an English phone, and switches language with one tap', async () => {
    const page = await browser.newPage({ ...phone, locale: 'en-US' });
    await page.goto(scanUrl);
    expect(await page.getByRole('status').innerText()).toContain('This is a registered, legitimate inspection');
    await page.getByRole('link', { name: '中文' }).tap();
    await expect.poll(() => page.getByRole('status').innerText()).toContain('已登记');
    await page.close();
  });

  it('exposes its structure to screen readers: a status, a heading, labelled sections', async () => {
    const page = await browser.newPage({ ...phone, locale: 'en-US' });
    await page.goto(scanUrl);
    const tree = await page.locator('main').ariaSnapshot();
    expect(tree).toContain('status');
    expect(tree).toMatch(/heading "Company \d+" \[level=1\]/);
    expect(tree).toContain('link "+86 21 6000 1234"');
    await page.close();
  });
});
