/**
 * The web app in a real browser on the real local stack: the company's journey from the scan by clicking, in
 * Chinese and in English; the inspector recording results with a photo; the public verifying a draw. Every page is
 * checked with axe-core and photographed at 390 px and 1280 px (test-results/web/).
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../local/demo-data.ts';
import { inspectorCaller, supervisor, useLocalStack } from '../support/api.ts';
import { buildWebApp, checkPage, chromiumAvailable, launchChromium, newPhone } from '../support/browser.ts';
import { arrivesToday, inspectionBody } from '../support/fixtures.ts';

const local = useLocalStack();
let browser: Browser;
let drawId: string;

beforeAll(async () => {
  if (!chromiumAvailable) return;
  buildWebApp();
  browser = await launchChromium();
  ({ drawId } = (await seedDemoData(local.stack.drawServices, local.stack.riskServices, local.stack.baseUrl)) as { drawId: string });
}, 180_000);
afterAll(async () => browser?.close());

/**
 * A fresh visit to a demo company, planned far enough ahead not to join the seeded ones, with its code; then its
 * day arrives (its window moved to start today), since the company confirms and inspectors record only then.
 */
async function plannedVisit(entityId: string, inspectorIds: string[], departments: string[], startInDays: number) {
  // The demo's people, picked by name for the journey, not by the planner: the district and last-time rules are set
  // aside with a justification, as a supervisor would (department, qualification and recusal still hold).
  const body = { ...inspectionBody(entityId, inspectorIds, departments, startInDays), justification: '演示旅程指定人员 Named for the journey' };
  const created = await local.api.request('POST', '/inspections', { as: supervisor, body });
  expect(created.status).toBe(201);
  const issued = await local.api.request('POST', `/inspections/${created.body.id}/code`, { as: supervisor });
  await arrivesToday(local.stack.drawServices, created.body.id);
  return { inspectionId: created.body.id as string, scanUrl: issued.body.url as string };
}

/** On the local provider's sign-in page, pick the demo account by (part of) its name. */
async function pickAccount(page: Page, name: RegExp) {
  await page.waitForURL(/\/oidc\/interaction\//);
  await page.getByRole('button', { name }).first().click();
}

/** A real (small, plain) PNG, so the reviewer's thumbnails and full-screen view show a picture. */
function photo(name: string) {
  const image = new PNG({ width: 120, height: 90 });
  for (let i = 0; i < image.data.length; i += 4) image.data.set([40 + (i % 200), 120, 90 + name.length * 10, 255], i);
  return { name, mimeType: 'image/png', buffer: PNG.sync.write(image) };
}

const finding = {
  item: 'Food storage',
  description: 'Raw meat above ready-to-eat food.',
  severity: 'major',
  guidance: 'Store raw meat on the lowest shelf, in closed containers.',
  deadline: '2030-01-31',
};

const journeys = [
  {
    language: 'zh-CN' as const,
    entityId: 'demo-canteen',
    company: /Pujiang Demo Catering/,
    inspectors: ['insp-wang', 'insp-li'],
    reviewer: /Wang Min/,
    departments: ['food-safety'],
    say: {
      signIn: '以本企业身份登录',
      scanPage: '扫码页面',
      checkIn: '执法人员已到场',
      confirmed: '已确认到场',
      note: '整改说明',
      photos: '整改照片',
      send: '提交整改',
      allUp: '整改材料已全部上传',
      retry: /重新上传/,
      accept: '通过',
      acceptComment: '说明（可选）',
      confirmAccept: '确认整改合格',
      submissions: '企业提交的整改',
      photo1: '查看照片 1',
      close: '关闭',
      closed: '已结束',
      awaiting: '待审核',
    },
  },
  {
    language: 'en-US' as const,
    entityId: 'demo-lifts',
    company: /Shencheng Lift Services/,
    inspectors: ['insp-zhao', 'insp-chen'],
    reviewer: /Zhao Lei/,
    departments: ['special-equipment'],
    say: {
      signIn: 'Sign in as this company',
      scanPage: 'Scan page',
      checkIn: 'The inspectors are here',
      confirmed: 'Visit confirmed',
      note: 'What you fixed',
      photos: 'Rectification photos',
      send: 'Send rectification',
      allUp: 'Everything is uploaded',
      retry: /Upload .* again/,
      accept: 'Accept',
      acceptComment: 'Comment (optional)',
      confirmAccept: 'Confirm acceptance',
      submissions: "The company's submissions",
      photo1: 'View photo 1',
      close: 'Close',
      closed: 'Closed',
      awaiting: 'Awaiting review',
    },
  },
];

describe.skipIf(!chromiumAvailable)('the company on a phone, from the scan', () => {
  for (const [n, journey] of journeys.entries()) {
    const { say } = journey;
    it(`scans, signs in, checks in, sends two photos, and sees the visit closed once accepted (${journey.language})`, async () => {
      const { inspectionId, scanUrl } = await plannedVisit(journey.entityId, journey.inspectors, journey.departments, 20 + 5 * n);
      const lang = journey.language === 'en-US' ? 'en' : 'zh';
      const context = await newPhone(browser, journey.language);
      const page = await context.newPage();

      // The inspection code is a secret of the visit: no request after the scan page (the provider, the app's own
      // calls) carries it, and the address bar keeps nothing of the sign-in link's parameters.
      const code = decodeURIComponent(new URL(scanUrl).pathname.split('/').pop()!);
      const carried: string[] = [];
      page.on('request', (request) => {
        if (request.url() !== scanUrl && decodeURIComponent(request.url()).includes(code)) carried.push(request.url());
      });
      await page.goto(scanUrl);
      await checkPage(page, `${lang}-1-scan`);
      await page.getByRole('link', { name: say.signIn }).click();
      await page.waitForURL(/\/oidc\/interaction\//);
      await checkPage(page, `${lang}-2-provider`);
      // Districts and departments named in the page's language (shared/labels.ts), not by their ids.
      if (lang === 'zh') expect(await page.locator('body').textContent()).not.toMatch(/Huangpu|Food safety/);
      await pickAccount(page, journey.company);

      await expect.poll(() => page.getByRole('button', { name: say.checkIn }).count(), { timeout: 15_000 }).toBe(1);
      expect(new URL(page.url()).pathname).toBe(`/app/inspections/${inspectionId}`);
      await expect.poll(() => new URL(page.url()).search).toBe('');
      expect(carried).toEqual([]);
      await page.getByRole('link', { name: say.scanPage }).waitFor();
      await checkPage(page, `${lang}-3-inspection`);
      await page.getByRole('button', { name: say.checkIn }).click();
      await page.getByText(say.confirmed).waitFor();

      // The inspector records the findings on site (their own screen is tested below).
      const recorded = await local.api.request('POST', `/inspections/${inspectionId}/results`, {
        as: inspectorCaller(journey.inspectors[0]!),
        body: { outcome: 'rectify', findings: [finding] },
      });
      expect(recorded.status).toBe(200);
      await page.reload();
      await page.getByText(finding.guidance).waitFor();
      await checkPage(page, `${lang}-4-findings`);

      // The first upload of the second photo meets a dropped connection; a retry sends it.
      let dropped = false;
      await page.route('**/*-second.png*', (route) => {
        if (dropped) return route.continue();
        dropped = true;
        return route.abort('connectionreset');
      });
      await page.getByLabel(say.note).fill(lang === 'en' ? 'Shelves reorganised; photos attached.' : '已重新整理货架，附照片。');
      await page.getByLabel(say.photos).setInputFiles([photo('first.png'), photo('second.png')]);
      await page.getByRole('button', { name: say.send }).click();
      await page.getByRole('button', { name: say.retry }).click();
      await page.getByRole('status').filter({ hasText: say.allUp }).waitFor();
      expect(dropped).toBe(true);
      await checkPage(page, `${lang}-5-sent`);

      const reviewer = await newPhone(browser, journey.language);
      const inspector = await reviewer.newPage();
      await inspector.goto(`${new URL(scanUrl).origin}/app/inspections/${inspectionId}`);
      await pickAccount(inspector, journey.reviewer);
      await inspector.getByRole('button', { name: say.photo1 }).click();
      await inspector.getByRole('dialog').waitFor();
      await checkPage(inspector, `${lang}-6-review-photo`);
      await inspector.getByRole('button', { name: say.close }).click();
      await checkPage(inspector, `${lang}-7-review`);
      await inspector.getByRole('heading', { name: say.submissions }).waitFor();
      // Accepting asks once more, with room for an optional word, and the photos stay in view afterwards.
      await inspector.getByRole('button', { name: say.accept, exact: true }).click();
      await inspector.getByLabel(say.acceptComment).fill('OK');
      await checkPage(inspector, `${lang}-7-review-confirm`);
      await inspector.getByRole('button', { name: say.confirmAccept }).click();
      await inspector.getByText(say.closed).first().waitFor();
      await inspector.getByRole('button', { name: say.photo1 }).waitFor();
      await inspector.locator('q').filter({ hasText: /^OK$/ }).waitFor();
      await checkPage(inspector, `${lang}-7-accepted`);
      await reviewer.close();

      for (const [path, name] of [['/', 'home'], ['/app/inspections', 'list'], ['/app/alerts', 'alerts']] as const) {
        await page.goto(new URL(path, scanUrl).href);
        await page.getByRole('heading', { level: 1 }).waitFor();
        await checkPage(page, `${lang}-company-${name}`);
      }
      // On the phone the company's tabs and the sign-out sit on one line, in either language.
      const rows = await page.locator('nav.tabs > *').evaluateAll((items) => items.map((item) => item.getBoundingClientRect()).map(({ top, bottom }) => ({ top, bottom })));
      expect(rows.every((row) => row.top < rows[0]!.bottom)).toBe(true);
      // Another company's inspection is "not found", never "forbidden".
      const { inspectionId: theirs } = await plannedVisit('demo-pharmacy', ['insp-liu', 'insp-zhou'], ['product-quality'], 50 + 5 * n);
      await page.goto(new URL(`/app/inspections/${theirs}`, scanUrl).href);
      await page.getByRole('alert').filter({ hasText: lang === 'en' ? 'Not found' : '未找到' }).waitFor();
      await checkPage(page, `${lang}-company-not-found`);

      // The language switch is remembered, and the language is all the app keeps in localStorage.
      await page.getByRole('button', { name: lang === 'en' ? '中文' : 'English' }).click();
      await page.getByRole('link', { name: lang === 'en' ? '检查' : 'Inspections', exact: true }).waitFor();
      expect(await page.evaluate(() => Object.keys(localStorage))).toEqual(['language']);

      await page.goto(scanUrl);
      expect(await page.getByRole('main').innerText()).toContain(say.closed);
      await checkPage(page, `${lang}-8-scan-closed`);
      await context.close();
    }, 120_000);
  }
});

describe.skipIf(!chromiumAvailable)('the inspector on a phone', () => {
  it('records results with a photo and signs out; an inspector not assigned sees no such button, and the API refuses them', async () => {
    const { inspectionId, scanUrl } = await plannedVisit('demo-bakery', ['insp-li', 'insp-wang'], ['food-safety'], 40);
    const origin = new URL(scanUrl).origin;
    const context = await newPhone(browser, 'en-US');
    const page = await context.newPage();
    await page.goto(`${origin}/app/inspections`);
    await pickAccount(page, /Li Qiang/);
    await page.getByRole('heading', { name: 'My assignments' }).waitFor();
    // The page names its icon, and it is there (no 404 in the console).
    const icon = await page.locator('link[rel=icon]').getAttribute('href');
    expect((await page.request.get(new URL(icon!, origin).href)).headers()['content-type']).toContain('image/svg+xml');
    // The seeded visit whose code was revoked reads as cancelled, not "scheduled", and offers nothing.
    await page.getByRole('link', { name: /Code revoked: visit cancelled/ }).first().click();
    await page.getByText("This visit's code was revoked by the authority").waitFor();
    expect(await page.getByRole('button', { name: /Show the code|Record results/ }).count()).toBe(0);
    await checkPage(page, 'en-inspector-revoked');
    await page.goBack();
    await page.getByRole('heading', { name: 'My assignments' }).waitFor();
    await checkPage(page, 'en-inspector-assignments');
    await page.goto(`${origin}/app/inspections/${inspectionId}`);
    await page.getByRole('button', { name: 'Show the code' }).click();
    await page.getByRole('img', { name: /Inspection code/ }).waitFor();
    await checkPage(page, 'en-inspector-code');

    await page.getByRole('button', { name: 'Record results' }).click();
    // No outcome is chosen for the inspector: saving without one says so and sends nothing.
    expect(await page.getByRole('radio', { checked: true }).count()).toBe(0);
    await page.getByRole('button', { name: 'Save the results' }).click();
    await page.getByRole('alert').filter({ hasText: 'Choose the outcome of the inspection.' }).waitFor();
    await page.getByRole('radio', { name: 'Rectification required' }).check();
    // Sent empty, the finding is refused here by the route's own schema, each field named as it is labelled.
    await page.getByRole('button', { name: 'Save the results' }).click();
    await page.getByRole('button', { name: 'Confirm and save' }).click();
    await page.getByRole('alert').filter({ hasText: 'Finding 1 · What was found: required' }).waitFor();
    await page.getByLabel('What was found').fill(finding.description);
    await page.getByLabel('Severity').selectOption('major');
    await page.getByLabel('What to fix').fill(finding.guidance);
    await page.getByLabel('Fix by').fill('2030-01-31');
    await page.getByLabel('Photos on site').setInputFiles([photo('shelf.png')]);
    await checkPage(page, 'en-inspector-results-form');
    await page.getByRole('button', { name: 'Save the results' }).click();
    // A second look at what will be saved, for good, before anything is sent.
    await page.getByRole('group', { name: 'Check before saving' }).getByText('Outcome: Rectification required. Findings: 1. Photos: 1.').waitFor();
    await checkPage(page, 'en-inspector-results-confirm');
    await page.getByRole('button', { name: 'Confirm and save' }).click();
    await page.getByRole('heading', { name: 'Results: Rectification required' }).waitFor();
    await page.getByRole('button', { name: 'View photo 1' }).waitFor();
    await checkPage(page, 'en-inspector-recorded');

    // Signing out from a page behind sign-in ends the provider's session too (the app's own sign-out confirms
    // itself) and lands on the home page signed out, with no token in the tab; the app's pages then ask to sign in.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${origin}/`);
    await page.getByRole('button', { name: "I'm a company" }).waitFor();
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
    expect(await page.evaluate(() => Object.keys(sessionStorage).filter((key) => key.startsWith('oidc.user')))).toEqual([]);
    await page.goto(`${origin}/app/inspections`);
    await page.waitForURL(/\/oidc\/interaction\//);
    await page.getByRole('button', { name: /Li Qiang/ }).waitFor();
    await context.close();

    const other = await newPhone(browser, 'zh-CN');
    const stranger = await other.newPage();
    await stranger.goto(`${origin}/app/inspections/${inspectionId}`);
    await pickAccount(stranger, /Sun Li/);
    await stranger.getByRole('alert').waitFor();
    expect(await stranger.getByRole('button', { name: '录入检查结果' }).count()).toBe(0);
    await checkPage(stranger, 'zh-inspector-unassigned');
    await other.close();
    const refused = await local.api.request('POST', `/inspections/${inspectionId}/results`, { as: inspectorCaller('insp-sun'), body: { outcome: 'compliant', findings: [] } });
    expect(refused.status).toBe(403);
  }, 120_000);
});

describe.skipIf(!chromiumAvailable)('the public, in a browser', () => {
  for (const language of ['zh-CN', 'en-US'] as const) {
    it(`verifies a draw in the browser, check by check (${language})`, async () => {
      const context = await browser.newContext({ locale: language, viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const lang = language === 'en-US' ? 'en' : 'zh';
      await page.goto(`${local.stack.baseUrl}/draws`);
      await page.getByRole('link', { name: /last round|上期/ }).click();
      await page.waitForURL(`**/draws/${drawId}`);
      await checkPage(page, `${lang}-draws-record`);
      await page.getByRole('button', { name: language === 'en-US' ? 'Verify' : '开始核验' }).click();
      const verdict = page.getByRole('status').filter({ hasText: language === 'en-US' ? 'Verified' : '核验通过' });
      await verdict.waitFor();
      expect(await page.getByRole('listitem').filter({ hasText: '✓' }).count()).toBeGreaterThanOrEqual(6);
      expect(await page.getByRole('listitem').filter({ hasText: '✗' }).count()).toBe(0);
      // Each check's finding in the reader's language; lists joined as the language joins them.
      const details = (await page.locator('.checks .detail').allTextContents()).join('\n');
      if (lang === 'zh') expect(details).not.toMatch(/\b(The|Every|Each|Recomputed|beacon)\b/);
      else expect(await page.locator('main').textContent()).not.toContain('、');
      // The outcome file downloads under its name rather than opening in the tab.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /outcome\.json/ }).click()]);
      expect(download.suggestedFilename()).toBe(`${drawId}-outcome.json`);
      expect(new URL(page.url()).pathname).toBe(`/draws/${drawId}`);
      await checkPage(page, `${lang}-draws-verified`);
      await page.goto(`${local.stack.baseUrl}/draws`);
      await checkPage(page, `${lang}-draws-list`);
      await context.close();
    }, 60_000);
  }

  it('downloads the announcement receipt and checks the draw against it, naming a changed field', async () => {
    const context = await browser.newContext({ locale: 'en-US', acceptDownloads: true, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${local.stack.baseUrl}/draws/${drawId}`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the receipt' }).click()]);
    const receipt = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(receipt).toMatchObject({ format: 'sc-draw-receipt/1', id: drawId, poolHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const upload = (text: string) => page.getByLabel('Check against a receipt you kept').setInputFiles({ name: 'receipt.json', mimeType: 'application/json', buffer: Buffer.from(text) });
    await upload(JSON.stringify(receipt));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('status').filter({ hasText: 'Verified' }).waitFor();
    expect(await page.getByRole('listitem').filter({ hasText: '✓ Matches the receipt kept at announcement: passed' }).count()).toBe(1);
    await upload(JSON.stringify({ ...receipt, commitment: '00'.repeat(32) }));
    await page.getByRole('status').filter({ hasText: 'NOT verified' }).waitFor();
    expect(await page.getByRole('listitem').filter({ hasText: 'Changed since the receipt' }).innerText()).toContain('commitment');
    await context.close();
  }, 60_000);

  it('names the failed check when served a tampered pool snapshot', async () => {
    const context = await browser.newContext({ locale: 'en-US', ...{ viewport: { width: 390, height: 844 } } });
    const page = await context.newPage();
    await page.route('**/pool.ndjson*', async (route) => {
      const original = await (await route.fetch()).text();
      // One company's grade changed after the announcement: a different pool than the one hashed.
      await route.fulfill({ status: 200, contentType: 'application/x-ndjson', body: original.replace(/"A"/, '"D"') });
    });
    await page.goto(`${local.stack.baseUrl}/draws/${drawId}`);
    await page.getByRole('button', { name: 'Verify' }).click();
    const verdict = page.getByRole('status').filter({ hasText: 'NOT verified' });
    await verdict.waitFor();
    expect(await verdict.innerText()).toContain('Pool matches its published hash');
    expect(await page.getByRole('listitem').filter({ hasText: '✗ Pool matches its published hash: failed' }).count()).toBe(1);
    await checkPage(page, 'en-draws-tampered');
    await context.close();
  }, 60_000);
});

describe.skipIf(!chromiumAvailable)('the company’s camera alerts', () => {
  it('answers a rodent alert with what was done and a photo', async () => {
    const context = await newPhone(browser, 'zh-CN');
    const page = await context.newPage();
    await page.goto(`${local.stack.baseUrl}/app/alerts`);
    await pickAccount(page, /Donghu Bakery/);
    await page.getByRole('heading', { name: '发现鼠患' }).first().waitFor();
    await checkPage(page, 'zh-company-alerts-open');
    const before = await page.getByText('已答复', { exact: true }).count();
    await page.getByRole('button', { name: '答复告警' }).first().click();
    await page.getByLabel('处理情况').fill('已请有资质的公司灭鼠，并封堵了库房的墙洞。');
    await page.getByLabel('整改照片').setInputFiles([photo('store-room.png')]);
    await page.getByRole('button', { name: '提交答复' }).click();
    await expect.poll(() => page.getByText('已答复', { exact: true }).count(), { timeout: 15_000 }).toBe(before + 1);
    await checkPage(page, 'zh-company-alerts-answered');
    await context.close();
  }, 60_000);
});
