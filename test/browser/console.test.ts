/**
 * The supervisors' console in a real browser on the real local stack, signed in at the local OpenID provider:
 * a supervisor of another department reads a food-safety clue without being offered a move; the food-safety
 * chief assigns it to herself, marks it handled and closes it with a note. Every console page is checked with
 * axe-core in both languages and photographed at 390 px and 1280 px (test-results/web/console-*).
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../local/demo-data.ts';
import { supervisor, useLocalStack } from '../support/api.ts';
import { buildWebApp, checkPage, chromiumAvailable, launchChromium, newPhone } from '../support/browser.ts';

const local = useLocalStack();
let browser: Browser;
let clue: { id: string; entityName: string };

beforeAll(async () => {
  if (!chromiumAvailable) return;
  buildWebApp();
  browser = await launchChromium();
  await seedDemoData(local.stack.drawServices, local.stack.riskServices, local.stack.baseUrl);
  // The seeded smart-kitchen clue: rodents at the bakery, a food maker (food safety's).
  const queue = await local.api.request('GET', '/warnings?status=open', { as: supervisor });
  clue = queue.body.items.find((item: { entityId: string }) => item.entityId === 'demo-bakery');
  expect(clue).toBeDefined();
}, 180_000);
afterAll(async () => browser?.close());

/** Opens the console as a demo supervisor: the app sends the browser to the provider, the account is clicked. */
async function signIn(page: Page, account: RegExp) {
  await page.goto(`${local.stack.baseUrl}/console`);
  await page.waitForURL(/\/oidc\/interaction\//);
  await page.getByRole('button', { name: account }).first().click();
  await page.waitForURL(`${local.stack.baseUrl}/console`);
}

/** The console's own pages, visited through its navigation (link name → page heading), each checked and photographed. */
async function visitEveryPage(page: Page, prefix: string, pages: Record<'overview' | 'figures' | 'draws' | 'warnings', [string, string]>) {
  const nav = page.getByRole('navigation', { name: /工作台导航|Console/ });
  await page.getByRole('heading', { level: 1, name: pages.overview[1] }).waitFor();
  await checkPage(page, `${prefix}-overview`);
  for (const name of ['figures', 'draws', 'warnings'] as const) {
    const [link, heading] = pages[name];
    await nav.getByRole('link', { name: link }).click();
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    if (name === 'figures') await page.locator('.chart-canvas svg').first().waitFor();
    if (name !== 'warnings') await checkPage(page, `${prefix}-${name}`);
  }
}

describe.skipIf(!chromiumAvailable)('the supervisors console', () => {
  it('offers a supervisor of another department none of the food-safety clue; a city-wide one works it (English)', async () => {
    const context = await newPhone(browser, 'en-US');
    const page = await context.newPage();
    await signIn(page, /Zheng Wei/);
    await page.getByText('Department: Special equipment safety').waitFor();
    await visitEveryPage(page, 'console-en', {
      overview: ['Overview', 'Overview'],
      figures: ['Figures', 'Figures'],
      draws: ['Draws', 'Double-random draws'],
      warnings: ['Warnings', 'Warning clues'],
    });
    // Special equipment's queue does not hold food safety's clue, and its filters offer only its own segments.
    await page.getByText('No clues match.').waitFor();
    expect(await page.getByLabel('Segment').locator('option').allTextContents()).toEqual(['All', 'Special equipment']);
    await checkPage(page, 'console-en-warnings');

    // Straight to the food-safety clue, as from a link someone shared: refused, and not one move offered.
    await page.goto(`${local.stack.baseUrl}/console/warnings/${clue.id}`);
    await page.getByRole('alert').filter({ hasText: 'Your account may not do this' }).waitFor();
    expect(await page.getByRole('button', { name: 'Assign to me' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Dismiss' }).count()).toBe(0);
    await checkPage(page, 'console-en-clue-refused');
    await context.close();

    // A city-wide supervisor is offered the moves, and reaches the company from the clue.
    const cityWide = await newPhone(browser, 'en-US');
    const desk = await cityWide.newPage();
    await signIn(desk, /Chen Hua/);
    await desk.getByText('City-wide (every department)').waitFor();
    await desk.goto(`${local.stack.baseUrl}/console/warnings/${clue.id}`);
    await desk.getByRole('button', { name: 'Assign to me' }).waitFor();
    await checkPage(desk, 'console-en-clue-open');
    await desk.getByRole('link', { name: 'Donghu Bakery Ltd.' }).click();
    await desk.getByText(/Trigger: Repeated smart-kitchen alerts/).waitFor();
    await checkPage(desk, 'console-en-company');
    // The printed documents and the draw pages, in English too.
    await desk.getByRole('listitem').filter({ hasText: /Trigger:/ }).getByRole('link', { name: 'Print the inspection notice' }).click();
    await desk.getByRole('heading', { level: 1, name: 'Inspection notice' }).waitFor();
    await desk.locator('.notice-qr img').waitFor();
    await checkPage(desk, 'console-en-notice');
    await desk.goBack();
    await desk.getByRole('listitem').filter({ hasText: 'Inspection under way' }).getByRole('link', { name: 'Print the on-site record' }).click();
    await desk.getByRole('heading', { level: 1, name: 'On-site inspection record' }).waitFor();
    await checkPage(desk, 'console-en-record');
    await desk.goto(`${local.stack.baseUrl}/console/draws`);
    await desk.getByRole('link', { name: /last round/ }).click();
    await desk.getByRole('status').filter({ hasText: /Drawn/i }).waitFor();
    await checkPage(desk, 'console-en-draw');
    await desk.goto(`${local.stack.baseUrl}/console/draws/new`);
    await desk.getByRole('heading', { level: 1, name: 'Announce a double-random draw' }).waitFor();
    // City-wide: the drawing department is chosen, joint departments may be added.
    expect(await desk.getByLabel('Drawing department').isEnabled()).toBe(true);
    await desk.getByRole('group', { name: 'Joint departments (optional)' }).waitFor();
    await checkPage(desk, 'console-en-draw-announce');
    await cityWide.close();
  }, 120_000);

  it('lets the food-safety chief assign the clue to herself and close it with a note (中文)', async () => {
    const context = await newPhone(browser, 'zh-CN');
    const page = await context.newPage();
    await signIn(page, /Lin Fang/);
    await page.getByText('所属部门：食品安全监管处').waitFor();
    await visitEveryPage(page, 'console-zh', {
      overview: ['概览', '概览'],
      figures: ['统计图表', '统计图表'],
      draws: ['双随机抽查', '双随机抽查'],
      warnings: ['预警线索', '预警线索'],
    });

    // The queue, filtered on the server: the bakery's clue is among the open ones, and among food production's.
    await page.getByLabel('行业').selectOption('food-production');
    await page.getByRole('link', { name: /东湖烘焙/ }).waitFor();
    expect(new URL(page.url()).searchParams.get('segment')).toBe('food-production');
    await checkPage(page, 'console-zh-warnings');

    // The queue as it is filtered, to a CSV file Excel opens in Chinese.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 CSV（按当前筛选）' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain('东湖烘焙食品有限公司,后厨发现鼠患,高,食品生产,徐汇区');
    await page.getByRole('link', { name: /东湖烘焙/ }).click();
    await page.getByRole('heading', { level: 1, name: /线索：东湖烘焙/ }).waitFor();
    // Its evidence in Chinese, not the API's English sentence.
    await page.getByText(/近 7 天内智慧厨房告警（发现鼠患） \d+ 次/).waitFor();
    expect(await page.locator('#clue-evidence ~ *, section[aria-labelledby="clue-evidence"]').first().innerText()).not.toMatch(/in the last|alert \(rodent\)/);
    await checkPage(page, 'console-zh-clue-open');

    // The company behind it: the trigger inspection the same rodents fired is listed with its trigger.
    await page.getByRole('link', { name: /东湖烘焙/ }).click();
    await page.getByText(/触发：.*厨房/).waitFor();
    // Its grade A is the scoring run's, with the score and the explanation behind it (not a grade from nowhere).
    await page.getByText(/信用分 96\.9（A 级）/).waitFor();
    await checkPage(page, 'console-zh-company');
    // The company's inspections have no filters, and its button says none.
    const [inspectionsFile] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 CSV', exact: true }).click()]);
    expect(readFileSync((await inspectionsFile.path())!, 'utf8')).toContain('智慧厨房告警反复');

    // Its notice, to print or file as a PDF: the company's name and the address the QR code leads to are on it.
    await page.getByRole('listitem').filter({ hasText: /触发：/ }).getByRole('link', { name: '打印检查通知书' }).click();
    await page.getByRole('heading', { level: 1, name: '检查通知书' }).waitFor();
    const url = (await page.locator('.notice-qr .hash').textContent())!;
    expect(url).toMatch(/\/c\//);
    await checkPage(page, 'console-zh-notice');
    await page.emulateMedia({ media: 'print' });
    const printed = await page.locator('main').innerText();
    expect(printed).toContain('东湖烘焙食品有限公司');
    expect(printed).toContain(url);
    expect(await page.getByRole('button', { name: '打印 / 存为 PDF' }).isVisible()).toBe(false);
    const pdf = await page.pdf({ format: 'A4', path: 'test-results/web/console-zh-notice.pdf' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.emulateMedia({ media: 'screen' });
    await page.goBack();
    // The visit under way: its on-site record, with room for both signatures.
    await page.getByRole('listitem').filter({ hasText: '检查进行中' }).getByRole('link', { name: '打印现场检查笔录' }).click();
    await page.getByRole('heading', { level: 1, name: '现场检查笔录' }).waitFor();
    await page.getByText('被检查单位负责人签名：').waitFor();
    await checkPage(page, 'console-zh-record');
    await page.goBack();
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: /线索：东湖烘焙/ }).waitFor();

    await page.getByRole('button', { name: '分派给我' }).click();
    await page.getByRole('status').filter({ hasText: '已更新：处理中' }).waitFor();
    // Shown by name, not by account id; handed over by picking a person of the department near the company.
    await page.getByText('分派给 林芳').waitFor();
    await page.getByLabel('执法人员').selectOption({ label: '孙丽（徐汇区）' });
    await page.getByRole('button', { name: '转交他人' }).click();
    await page.getByText('分派给 孙丽').waitFor();
    expect(await page.locator('.ant-descriptions').innerText()).toContain('孙丽');
    await page.getByRole('button', { name: '分派给我' }).click();
    await expect.poll(() => page.getByText('分派给 林芳').count()).toBe(2);
    await page.getByLabel('处理情况').fill('已约谈企业，完成灭鼠并封堵墙洞。');
    await page.getByRole('button', { name: '标记为已处理' }).click();
    await page.getByRole('status').filter({ hasText: '已更新：已处理待审核' }).waitFor();
    await page.getByRole('button', { name: '审核通过并关闭' }).click();
    await page.getByRole('status').filter({ hasText: '已更新：已关闭' }).waitFor();
    // Every step is on the page, the note with it; a closed clue offers no move.
    await page.getByText('已约谈企业，完成灭鼠并封堵墙洞。').waitFor();
    await expect.poll(() => page.getByRole('button', { name: '审核通过并关闭' }).count()).toBe(0);
    await checkPage(page, 'console-zh-clue-closed');

    const stored = await local.api.request('GET', `/warnings/${clue.id}`, { as: supervisor });
    expect(stored.body.status).toBe('closed');
    expect(stored.body.history.map((step: { status: string; by: string }) => `${step.status} ${step.by}`).slice(1)).toEqual([
      'assigned demo-food-chief',
      'assigned demo-food-chief',
      'assigned demo-food-chief',
      'handled demo-food-chief',
      'closed demo-food-chief',
    ]);
    expect(stored.body.assignee).toBe('demo-food-chief');
    await context.close();
  }, 120_000);

  it('announces a draw from the wizard, sees its commitment and frozen pool, and draws it (中文)', async () => {
    const context = await newPhone(browser, 'zh-CN');
    const page = await context.newPage();
    await signIn(page, /Lin Fang/);
    await page.getByRole('navigation', { name: '工作台导航' }).getByRole('link', { name: '双随机抽查' }).click();
    await page.getByRole('link', { name: '宣布新的抽查' }).click();
    await page.getByRole('heading', { level: 1, name: '宣布双随机抽查' }).waitFor();
    await page.getByLabel('抽查名称').fill('黄浦区餐饮双随机抽查（测试）');
    await page.getByLabel('行业').selectOption('catering');
    await page.getByRole('checkbox', { name: '黄浦区' }).check();
    await page.getByRole('radio', { name: '抽取固定数量（按信用等级加权）' }).check();
    await page.getByLabel('抽取企业数').fill('3');
    await page.getByLabel('检查事项').fill('后厨卫生 Kitchen hygiene\n食品贮存 Food storage');
    await page.getByLabel('联系人', { exact: true }).fill('市场监管所值班室');
    await page.getByLabel('联系电话').fill('021-60001234');
    // drand is the default; with no network here the operator's beacon, named as the weaker fallback, is chosen.
    expect(await page.getByRole('radio', { name: /drand quicknet/ }).isChecked()).toBe(true);
    await page.getByRole('radio', { name: /操作员填写（较弱的备选）/ }).check();
    await checkPage(page, 'console-zh-draw-announce');
    await page.getByRole('button', { name: '宣布抽查' }).click();

    // Committed at once; the pool is frozen by a job, then the department draws.
    await page.getByText(/对象库 \d+ 家企业/).waitFor();
    await page.getByRole('status').filter({ hasText: '已宣布，待抽取' }).waitFor();
    expect(await page.locator('.hash').first().textContent()).toMatch(/^[0-9a-f]{64}$/);
    await checkPage(page, 'console-zh-draw-announced');
    // The beacon fixed at announcement, and the value it asks for.
    await page.getByText(/操作员填写，须在 .+ 之后给出/).waitFor();
    await page.getByLabel('公开随机信标的值（如当期彩票开奖号码）').fill('福彩 2026-11-29');
    await page.getByRole('button', { name: '开始抽取' }).click();
    await page.getByRole('status').filter({ hasText: '已抽取' }).waitFor({ timeout: 30_000 });
    await page.getByRole('table', { name: '各层抽取' }).waitFor();
    expect(await page.getByRole('button', { name: '放弃抽查' }).count()).toBe(0);
    await checkPage(page, 'console-zh-draw-executed');
    await context.close();
  }, 120_000);
});
