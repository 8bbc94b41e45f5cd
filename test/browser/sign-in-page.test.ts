/** The local sign-in page in a real browser at a small phone's width: accessible, and one tap signs in. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useLocalStack } from '../support/api.ts';
import { checkPage, chromiumAvailable, launchChromium } from '../support/browser.ts';
import { authorizeUrl, pkce } from '../support/oidc.ts';

const webRoot = mkdtempSync(join(tmpdir(), 'supervision-web-'));
writeFileSync(join(webRoot, 'index.html'), '<!doctype html><html lang="en"><head><title>callback</title></head><body><h1>callback</h1></body></html>');

const local = useLocalStack({ webRoot });
let browser: Browser;

beforeAll(async () => {
  if (!chromiumAvailable) return;
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

const smallPhone = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

async function openSignIn(locale: string, params: Record<string, string> = {}) {
  const page = await browser.newPage({ ...smallPhone, locale });
  await page.goto(authorizeUrl(local.stack.baseUrl, { code_challenge: pkce().challenge, code_challenge_method: 'S256', ...params }));
  return page;
}

describe.skipIf(!chromiumAvailable)('the sign-in page on a phone', () => {
  it('is accessible in Chinese and English at 360 px, with large buttons', async () => {
    for (const locale of ['zh-CN', 'en-US']) {
      const page = await openSignIn(locale, { login_hint: 'demo-pharmacy' });
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toMatch(locale === 'en-US' ? /^Sign in/ : /^登录/);
      await checkPage(page, `sign-in-${locale}`);
      const heights = await page.locator('button').evaluateAll((buttons) => buttons.map((b) => b.getBoundingClientRect().height));
      expect(Math.min(...heights)).toBeGreaterThanOrEqual(44);
      // The scanned company is offered first and has the focus.
      expect(await page.evaluate(() => (document.activeElement as HTMLButtonElement | null)?.value)).toBe('demo-pharmacy-owner');
      await page.close();
    }
  });

  it('lists the accounts of the kind the visitor chose ("I\'m an inspector") first', async () => {
    const page = await openSignIn('en-US', { role_hint: 'inspector' });
    expect(await page.getByRole('heading', { level: 2 }).allInnerTexts()).toEqual(['Inspectors', 'Companies', 'Supervisors']);
    await page.close();
  });

  it('signs in with one tap and returns to the app with a code', async () => {
    const page = await openSignIn('en-US');
    await page.getByRole('button', { name: /Zhao Lei/ }).tap();
    await page.waitForURL(/\/auth\/callback\?/);
    const callback = new URL(page.url());
    expect(callback.searchParams.get('code')).toBeTruthy();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('callback');
    await page.close();
  });
});
