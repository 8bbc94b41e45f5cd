/**
 * The supervisors' console in a real browser on the real local stack, signed in at the local OpenID provider:
 * a supervisor of another department reads a food-safety clue without being offered a move; the food-safety
 * chief assigns it to herself, marks it handled and closes it with a note; she plans an inspection, the inspector
 * who may not go shown with why, and prints its notice to a PDF; a city-wide supervisor imports a CSV with one bad
 * row from the Imports page and downloads the report naming it. Every console page is checked with
 * axe-core in both languages and photographed at 390 px and 1280 px (test-results/web/console-*).
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../local/demo-data.ts';
import { addDays } from '../../shared/dates.ts';
import { seriesLength } from '../../shared/stats/series.ts';
import { supervisor, useLocalStack } from '../support/api.ts';
import { inspectorBody } from '../support/fixtures.ts';
import { buildWebApp, checkPage, chromiumAvailable, launchChromium, desk as deskScreen, newPhone, pdfText, phone } from '../support/browser.ts';

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

/** Until the page's animations end (a dialog zooming in): axe would read a colour half-way through its fade. */
const animationsDone = (page: Page) => page.waitForFunction(() => document.getAnimations().every((animation) => animation.playState !== 'running'));

/**
 * What a finger can hardly hit at phone width: every visible link, button, field and choice under 44 px high (a
 * radio or checkbox counts by its label, which takes the tap). A link inside a sentence is exempt (WCAG 2.5.8's
 * inline exception): its paragraph says more than the link does.
 */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const targets = document.querySelectorAll<HTMLElement>('main a[href], main button, main select, main input:not([type="hidden"]), main textarea, main summary, main [role="button"]');
    return [...targets].flatMap((element) => {
      const target = (element instanceof HTMLInputElement && (element.type === 'radio' || element.type === 'checkbox') && element.closest('label')) || element;
      const box = target.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || getComputedStyle(target).visibility === 'hidden') return [];
      if (box.height >= 44) return [];
      const sentence = element.tagName === 'A' && element.parentElement?.closest('p, li, dd, td');
      if (sentence && sentence.textContent!.trim().length > element.textContent!.trim().length + 2) return [];
      return [`${element.tagName.toLowerCase()} "${(element.textContent || element.getAttribute('aria-label') || '').trim().slice(0, 40)}" ${Math.round(box.height)} px`];
    });
  });
}

/** The select boxes whose chosen option does not fit their width (its text plus the arrow), each named by its label. */
async function cutSelects(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const context = document.createElement('canvas').getContext('2d')!;
    return [...document.querySelectorAll<HTMLSelectElement>('main select')].flatMap((select) => {
      const style = getComputedStyle(select);
      context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const text = select.selectedOptions[0]?.text ?? '';
      const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 20;
      return context.measureText(text).width > room ? [`${select.labels?.[0]?.textContent ?? select.name}: "${text}"`] : [];
    });
  });
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
    // The preview before anything is committed, then announced and abandoned with a reason.
    await desk.getByLabel('Title', { exact: true }).fill('Catering spot checks (abandoned)');
    await desk.getByRole('combobox', { name: /^Segment/ }).selectOption('catering');
    await desk.getByLabel('What is checked').fill('Kitchen hygiene');
    await desk.getByLabel('Contact', { exact: true }).fill('Duty office');
    await desk.getByLabel('Contact phone').fill('021-60001234');
    await desk.getByRole('radio', { name: /Typed by the operator/ }).check();
    expect(await desk.getByRole('button', { name: 'Announce' }).count()).toBe(0);
    await desk.getByRole('button', { name: 'Preview the draw' }).click();
    await desk.getByRole('table', { name: 'Expected per stratum' }).waitFor();
    await desk.getByRole('table', { name: 'Inspectors who can be sent' }).waitFor();
    await checkPage(desk, 'console-en-draw-preview');
    await desk.getByRole('button', { name: 'Announce' }).click();
    await desk.getByRole('status').filter({ hasText: /announced/i }).waitFor();
    await desk.getByLabel('Why (published)').fill('Wrong window');
    await desk.getByRole('button', { name: 'Abandon' }).click();
    await desk.getByText('Wrong window').waitFor();
    await desk.getByRole('status').filter({ hasText: /abandoned/i }).waitFor();
    await checkPage(desk, 'console-en-draw-abandoned');
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

    // Imports write every segment's data: a department's chief is not offered them (the API refuses her).
    expect(await page.getByRole('navigation', { name: '工作台导航' }).getByRole('link', { name: '数据导入' }).count()).toBe(0);

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
    await page.getByText(/信用分 96\.7（A 级）/).waitFor();
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

  it('plans an inspection, shown who may not go and why, issues the code and prints the notice (中文)', async () => {
    const context = await newPhone(browser, 'zh-CN');
    const page = await context.newPage();
    await signIn(page, /Lin Fang/);
    // The overview counts this week's, the due and the overdue inspections, each a link to its list.
    await page.getByRole('link', { name: /本周检查/ }).waitFor();
    await checkPage(page, 'console-zh-overview-inspections');
    await page.getByRole('link', { name: /逾期检查/ }).click();
    await page.getByRole('heading', { level: 1, name: '检查任务' }).waitFor();
    expect(new URL(page.url()).searchParams.get('due')).toBe('overdue');
    await checkPage(page, 'console-zh-inspections');
    await page.getByRole('link', { name: '计划一次检查' }).click();
    await page.getByRole('heading', { level: 1, name: '计划一次检查' }).waitFor();
    // Sun Li declared a conflict with the bakery: no one may send her there.
    const [sun] = await local.stack.drawServices.store.getInspectors(['insp-sun']);
    const { id: _id, updatedAt: _at, ...sunBody } = sun!;
    expect((await local.api.request('PUT', '/inspectors/insp-sun', { as: supervisor, body: { ...sunBody, recusals: ['demo-bakery'] } })).status).toBe(200);
    // The company found as a supervisor knows it: by part of its Chinese name, then chosen from the matches.
    await page.getByLabel('企业名称（部分）或统一社会信用代码').fill('东湖');
    await page.getByRole('button', { name: '查找企业' }).click();
    await page.getByRole('radio', { name: /东湖烘焙食品有限公司/ }).check();
    await page.getByRole('status').filter({ hasText: '东湖烘焙食品有限公司' }).waitFor();
    // The window offered overlaps the visit the risk trigger planned for the bakery: the form says this plan would
    // join it, adopting its window and contact, and offers a separate visit after it instead, which she takes.
    const joins = page.getByRole('status').filter({ hasText: '本计划将并入该次检查' });
    await joins.waitFor();
    expect(await joins.textContent()).toContain('风险触发检查');
    expect(await page.getByRole('button', { name: /^并入检查 .* 并生成检查码$/ }).count()).toBe(1);
    await checkPage(page, 'console-zh-plan-joins');
    await joins.getByRole('button', { name: /改为另行检查/ }).click();
    await joins.waitFor({ state: 'detached' });
    // Food safety's part only: the API refuses a department's supervisor any other.
    expect(await page.getByRole('checkbox', { name: '食品安全监管处', exact: true }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: '食品安全监管处', exact: true }).isDisabled()).toBe(true);
    // Sun Li is shown, not selectable, and told why; Wang Min works in Huangpu, the bakery is in Xuhui: selectable
    // with a written justification, which the form then asks for.
    const sunBox = page.getByRole('checkbox', { name: /孙丽/ });
    await sunBox.waitFor();
    expect(await sunBox.isDisabled()).toBe(true);
    expect(await page.getByText('不可安排：已申请回避该企业').count()).toBe(1);
    expect(await page.getByText('需书面说明理由方可安排：不在徐汇区工作').count()).toBe(1);
    expect(await page.getByLabel('安排理由（必填）').count()).toBe(0);
    // Sent with no item and no inspector: the refusal names the fields as the form labels them, not as the API does.
    await page.getByLabel('联系人', { exact: true }).fill('徐汇市场监管所');
    await page.getByLabel('联系电话').fill('021-60001234');
    await page.getByRole('button', { name: '保存计划并生成检查码' }).click();
    const refused = page.getByRole('alert').filter({ hasText: '检查事项（按企业所属行业提供）' });
    await refused.filter({ hasText: '执法人员（至少两名，每个部门至少一名）' }).waitFor();
    expect(await refused.textContent()).not.toMatch(/items|inspectorIds/);
    await page.getByRole('checkbox', { name: '生产过程控制' }).check();
    await page.getByRole('checkbox', { name: '出厂检验记录' }).check();
    for (const name of [/李强/, /王敏/]) await page.getByRole('checkbox', { name }).check();
    const justification = '王敏熟悉该厂烘焙线，本次为专项复查。';
    await page.getByLabel('安排理由（必填）').fill(justification);
    await checkPage(page, 'console-zh-plan');
    await page.getByRole('button', { name: '保存计划并生成检查码' }).click();

    // The notice of the visit just planned, with its code: printed to a PDF holding the company and the code's address.
    await page.getByRole('heading', { level: 1, name: '检查通知书' }).waitFor();
    await page.locator('.notice-qr img').waitFor();
    const url = (await page.locator('.notice-qr .hash').textContent())!;
    expect(url).toMatch(/\/c\//);
    await page.getByText('生产过程控制').waitFor();
    await page.emulateMedia({ media: 'print' });
    // The PDF's text runs are placed glyph by glyph: read without the spaces between them.
    const printed = (await pdfText(await page.pdf({ format: 'A4', path: 'test-results/web/console-zh-planned-notice.pdf' }))).replace(/\s+/g, '');
    await page.emulateMedia({ media: 'screen' });
    expect(printed).toContain('东湖烘焙食品有限公司');
    expect(printed).toContain(url);
    await checkPage(page, 'console-zh-planned-notice');
    // The justification is kept with the inspection.
    const planned = decodeURIComponent(new URL(page.url()).pathname.split('/').at(-2)!);
    const stored = await local.api.request('GET', `/inspections/${planned}`, { as: supervisor });
    expect(stored.body.justifications).toMatchObject([{ text: justification, inspectors: [{ id: 'insp-wang', reasons: ['district'] }] }]);
    // And on its record, with whom it justifies and why they needed it.
    await page.goto(`${local.stack.baseUrl}/console/inspections/${encodeURIComponent(planned)}/record`);
    await page.getByRole('heading', { level: 2, name: '安排理由' }).waitFor();
    await page.getByText(/王敏.*（其他区）：王敏熟悉该厂烘焙线/).waitFor();
    await checkPage(page, 'console-zh-plan-record');
    await context.close();
  }, 120_000);

  it('lists inspections and offers the plan form to a city-wide supervisor (English)', async () => {
    const context = await newPhone(browser, 'en-US');
    const page = await context.newPage();
    await signIn(page, /Chen Hua/);
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Inspections' }).click();
    await page.getByRole('heading', { level: 1, name: 'Inspections' }).waitFor();
    await page.getByLabel('Department').selectOption('special-equipment');
    expect(new URL(page.url()).searchParams.get('department')).toBe('special-equipment');
    await checkPage(page, 'console-en-inspections');
    await page.getByRole('link', { name: 'Plan an inspection' }).click();
    await page.getByLabel('Company name (part) or unified social credit code').fill('Shencheng');
    await page.getByRole('button', { name: 'Find the company' }).click();
    await page.getByRole('radio', { name: /Shencheng Lift Services/ }).check();
    await page.getByRole('status').filter({ hasText: 'Shencheng Lift Services' }).waitFor();
    // City-wide: the departments are chosen, starting from the one that supervises lifts.
    expect(await page.getByRole('checkbox', { name: 'Special equipment safety', exact: true }).isChecked()).toBe(true);
    await page.getByRole('checkbox', { name: /Zhao Lei/ }).waitFor();
    await checkPage(page, 'console-en-plan');
    // From a company's page, the form opens with that company chosen.
    await page.goto(`${local.stack.baseUrl}/console/companies/demo-pharmacy`);
    await page.getByRole('main').getByRole('link', { name: 'Plan an inspection' }).click();
    await page.getByRole('status').filter({ hasText: 'Kangning Pharmacy' }).waitFor();
    await context.close();
  }, 120_000);

  it('announces a draw from the wizard, sees its commitment and frozen pool, and draws it (中文)', async () => {
    // Two more food inspectors for Huangpu's caterers: the demo's two inspected the street last time, and are not sent again.
    for (const [id, name] of [['gao-yun', '高云 Gao Yun'], ['xu-ning', '徐宁 Xu Ning']]) await local.api.request('PUT', `/inspectors/${id}`, { as: supervisor, body: inspectorBody(name!) });
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
    // The expected counts first: nothing is committed until announced.
    await page.getByRole('button', { name: '预览抽取' }).click();
    const strata = page.getByRole('table', { name: '各层预计抽取' });
    await strata.waitFor();
    expect(await strata.getByRole('row', { name: /全部企业/ }).getByRole('cell').allTextContents()).toEqual([expect.any(String), '3']);
    await page.getByRole('status').filter({ hasText: /预计抽取 3 家/ }).waitFor();
    // Whether the inspectors can take the companies drawn, per district unless any district will do (as here), last time's excluded at execution.
    const reach = page.getByRole('table', { name: '各区能否安排执法人员' });
    expect(await reach.getByRole('row', { name: /所有区（允许跨区）/ }).getByRole('cell').last().textContent()).toBe('够用');
    await page.getByText(/上次检查过该企业或申请回避的执法人员，实际可派人数可能更少/).waitFor();
    await checkPage(page, 'console-zh-draw-preview');
    // A change to the rule asks for a new preview before announcing.
    await page.getByLabel('抽取企业数').fill('2');
    await page.getByText('条件已修改：请重新预览，再宣布。').waitFor();
    expect(await page.getByRole('button', { name: '宣布抽查' }).count()).toBe(0);
    await page.getByLabel('抽取企业数').fill('3');
    await page.getByRole('button', { name: '预览抽取' }).click();
    await page.getByRole('button', { name: '宣布抽查' }).click();

    // Committed at once; the pool is frozen by a job, then the department draws.
    await page.getByText(/对象库 \d+ 家企业/).waitFor();
    await page.getByRole('status').filter({ hasText: '已宣布，待抽取' }).waitFor();
    expect(await page.locator('.hash').first().textContent()).toMatch(/^[0-9a-f]{64}$/);
    await checkPage(page, 'console-zh-draw-announced');
    // The beacon fixed at announcement, and the value it asks for.
    await page.getByText(/操作员填写，须在 .+ 之后给出/).waitFor();
    // Not offered without the value, saying where it comes from.
    expect(await page.getByRole('button', { name: '开始抽取' }).isDisabled()).toBe(true);
    await page.getByText(/请先在上方填写公开随机信标的值/).waitFor();
    await page.getByLabel('公开随机信标的值（如当期彩票开奖号码）').fill('福彩 2026-11-29');
    // A refusal without fields to list still says what is wrong (the 422 of a beacon given too early).
    const early = 'The announcement fixed the beacon at 2026-11-29T12:00:00.000Z: execute after it.';
    await page.route('**/draws/*/execute', (route) => route.fulfill({ status: 422, contentType: 'application/json', body: JSON.stringify({ error: { code: 'wrong_beacon', message: early } }) }), { times: 1 });
    await page.getByRole('button', { name: '开始抽取' }).click();
    await page.getByRole('dialog', { name: '确认开始抽取？' }).getByRole('button', { name: '确认抽取' }).click();
    await page.getByRole('alert').filter({ hasText: '请修改以下内容后再提交：' }).getByText(early).waitFor();
    await page.getByRole('button', { name: '开始抽取' }).click();
    // Irreversible: said so, and asked once more.
    const confirm = page.getByRole('dialog', { name: '确认开始抽取？' });
    await confirm.getByText('抽取一经执行不可撤销').waitFor();
    // Checked once the dialog has faded in: half-way, its text is paler than it will be.
    await page.waitForFunction(() => document.getAnimations().every((animation) => animation.playState !== 'running'));
    await checkPage(page, 'console-zh-draw-confirm');
    await confirm.getByRole('button', { name: '暂不抽取' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: '开始抽取' }).click();
    await confirm.getByRole('button', { name: '确认抽取' }).click();
    await page.getByRole('status').filter({ hasText: '已抽取' }).waitFor({ timeout: 30_000 });
    await page.getByRole('table', { name: '各层抽取' }).waitFor();
    expect(await page.getByRole('button', { name: '放弃抽查' }).count()).toBe(0);
    // Who was drawn, as previewed: three companies, those with inspectors listed with them and their code.
    await page.getByText('抽中 3 家，已安排执法人员 3 家，无法安排 0 家').waitFor();
    await page.getByText('已生成检查 3 / 3').waitFor();
    await page.getByText('共 3 家').waitFor();
    const drawn = page.getByRole('region', { name: '抽中企业' }).getByRole('row');
    expect(await drawn.count()).toBe(4);
    expect(await drawn.nth(1).getByRole('link').count()).toBe(2);
    // Inspectors named in the reader's language only, on the screen and in the file.
    expect(await drawn.nth(1).getByRole('cell').nth(3).textContent()).toMatch(/\p{Script=Han}/u);
    expect(await drawn.nth(1).getByRole('cell').nth(3).textContent()).not.toMatch(/[A-Za-z]/);
    await checkPage(page, 'console-zh-draw-executed');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 CSV' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.startsWith('\uFEFF企业,entityId,等级,层,执法人员,状态,检查码（通知书）,inspectionId')).toBe(true);
    expect(csv.trim().split('\r\n')).toHaveLength(4);
    expect(csv).not.toMatch(/Gao Yun|Xu Ning/);
    await drawn.nth(1).getByRole('link').nth(1).click();
    await page.getByRole('heading', { level: 1, name: '检查通知书' }).waitFor();
    await context.close();
  }, 120_000);

  it('cancels a visit with a reason, its printed QR then refused, and issues it a new code to print (中文, English)', async () => {
    const context = await newPhone(browser, 'zh-CN');
    const page = await context.newPage();
    await signIn(page, /Lin Fang/);
    await page.goto(`${local.stack.baseUrl}/console/inspections`);
    // The canteen's visit planned for tomorrow, its notice printed with a working code.
    const cancel = page.getByRole('button', { name: '取消本次检查（撤销检查码）：浦江示范餐饮有限公司' }).first();
    // The first such row: an earlier journey of this file may have planned another visit to the canteen.
    const row = page.getByRole('row').filter({ has: cancel }).first();
    const notice = (await row.getByRole('link', { name: '打印检查通知书' }).getAttribute('href'))!;
    const id = decodeURIComponent(notice.split('/').at(-2)!);
    const { body: before } = await local.api.request('GET', `/inspections/${id}`, { as: supervisor });
    const scan = (code: string) => local.api.request('GET', `/c/${code}`, { headers: { accept: 'application/json' } });
    expect((await scan(before.code)).status).toBe(200);

    // Cancelling says what follows and asks why first.
    await cancel.click();
    const dialog = page.getByRole('dialog', { name: '取消对浦江示范餐饮有限公司的检查？' });
    await dialog.getByText('已打印的通知书上的二维码立即失效').waitFor();
    await dialog.getByText('企业将看到本次检查已取消').waitFor();
    const confirm = dialog.getByRole('button', { name: '撤销检查码，取消检查' });
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByLabel('取消原因（必填，记录在案）').fill('企业停业装修');
    await animationsDone(page);
    await checkPage(page, 'console-zh-visit-cancel');
    await confirm.click();
    await dialog.waitFor({ state: 'hidden' });
    // Off the list awaiting results, the printed code refused, the visit listed as cancelled with why.
    await page.locator(`a[href="${notice}"]`).waitFor({ state: 'detached' });
    expect((await scan(before.code)).status).toBe(410);
    const { body: cancelled } = await local.api.request('GET', `/inspections/${id}`, { as: supervisor });
    expect(cancelled.cancelled.reason).toBe('企业停业装修');
    await page.getByLabel('状态').selectOption({ label: '已取消（检查码已撤销）' });
    const cancelledRow = page.getByRole('row').filter({ has: page.locator(`a[href*="${encodeURIComponent('demo-canteen')}"]`) }).filter({ hasText: '检查码已撤销，本次检查已取消' }).first();
    await cancelledRow.waitFor();

    // A new code undoes it, said to need a newly printed notice, which opens with the new QR.
    await page.getByRole('button', { name: '重新生成检查码：浦江示范餐饮有限公司' }).first().click();
    const reissue = page.getByRole('dialog', { name: '为浦江示范餐饮有限公司重新生成检查码？' });
    await reissue.getByText('必须重新打印通知书').waitFor();
    await animationsDone(page);
    await checkPage(page, 'console-zh-visit-reissue');
    await reissue.getByRole('button', { name: '生成新检查码并打开通知书' }).click();
    await page.getByRole('heading', { level: 1, name: '检查通知书' }).waitFor();
    await page.locator('.notice-qr img').waitFor();
    const { body: after } = await local.api.request('GET', `/inspections/${decodeURIComponent(new URL(page.url()).pathname.split('/').at(-2)!)}`, { as: supervisor });
    expect(after.code).not.toBe(before.code);
    expect(after.cancelled).toBeUndefined();
    expect((await page.locator('.notice-qr .hash').textContent())!).toContain(after.code);
    expect((await scan(after.code)).status).toBe(200);
    await context.close();

    // In English, on a company's page: the seeded cancelled visit offers a new code, the visit under way its cancelling.
    const english = await newPhone(browser, 'en-US');
    const desk = await english.newPage();
    await signIn(desk, /Chen Hua/);
    await desk.goto(`${local.stack.baseUrl}/console/companies/demo-bakery`);
    const visits = desk.getByRole('region', { name: 'Inspections' });
    await visits.getByRole('button', { name: 'Issue a new code: Donghu Bakery Ltd.' }).first().waitFor();
    await visits.getByRole('button', { name: 'Cancel this visit (revoke its code): Donghu Bakery Ltd.' }).first().click();
    const confirming = desk.getByRole('dialog', { name: 'Cancel the visit to Donghu Bakery Ltd.?' });
    await confirming.getByText(/QR code on the printed notice stops working/).waitFor();
    await animationsDone(desk);
    await checkPage(desk, 'console-en-visit-cancel');
    await confirming.getByRole('button', { name: 'Go back, change nothing' }).click();
    await confirming.waitFor({ state: 'hidden' });
    await english.close();

    // A joint visit's code binds both its departments: special equipment's supervisor sees the visit and prints its
    // notice, but is offered no cancelling, which the API would refuse him.
    const today = new Date().toISOString().slice(0, 10);
    const joint = await local.api.request('POST', '/inspections', {
      as: supervisor,
      body: {
        entityId: 'demo-lifts',
        departments: ['special-equipment', 'product-quality'],
        items: ['电梯定期检验 Lift periodic test'],
        window: { start: addDays(today, 20), end: addDays(today, 22) },
        inspectorIds: ['insp-zhao', 'insp-liu'],
        contact: { name: 'Duty office', phone: '021-60001234' },
        justification: 'Joint lift and spare-part check.',
      },
    });
    expect(joint.status).toBe(201);
    expect((await local.api.request('POST', `/inspections/${joint.body.id}/code`, { as: supervisor, body: {} })).status).toBe(201);
    const equipment = await newPhone(browser, 'en-US');
    const own = await equipment.newPage();
    await signIn(own, /Zheng Wei/);
    await own.goto(`${local.stack.baseUrl}/console/inspections`);
    const jointRow = own.getByRole('row').filter({ has: own.locator(`a[href="/console/inspections/${encodeURIComponent(joint.body.id)}/notice"]`) });
    await jointRow.waitFor();
    expect(await jointRow.getByRole('button').count()).toBe(0);
    const refused = await local.api.request('POST', `/inspections/${joint.body.id}/code/revoke`, { as: { role: 'supervisor', department: 'special-equipment' }, body: { reason: 'Not mine alone' } });
    expect(refused.status).toBe(403);
    await equipment.close();
  }, 120_000);

  for (const [locale, words] of [
    ['en-US', { nav: 'Imports', title: 'Import data', kind: 'What the file holds', file: 'CSV or NDJSON file', start: 'Upload and import', notCsv: /Save an Excel sheet as "CSV UTF-8/, done: 'Import finished', report: /Download the report of rejected rows \(1\)/, entities: 'Market entities', columns: /id, name, creditCode/ }],
    ['zh-CN', { nav: '数据导入', title: '数据导入', kind: '文件里是什么数据', file: 'CSV 或 NDJSON 文件', start: '上传并导入', notCsv: /另存为”→“CSV UTF-8/, done: '导入完成', report: /下载未导入行的报告（1 行）/, entities: '市场主体', columns: /id、name（名称）、creditCode/ }],
  ] as const) {
    it(`imports a CSV with one bad row from the Imports page and downloads the report naming it (${locale})`, async () => {
      const context = await newPhone(browser, locale);
      const page = await context.newPage();
      await signIn(page, /Chen Hua/);
      await page.getByRole('navigation', { name: /工作台导航|Console/ }).getByRole('link', { name: words.nav }).click();
      await page.getByRole('heading', { level: 1, name: words.title }).waitFor();
      // Each kind by its name in the reader's language, and the columns it expects, from their one declaration.
      await page.getByLabel(words.kind).selectOption({ label: words.entities });
      await page.getByText(words.columns).waitFor();
      await checkPage(page, `console-${locale.slice(0, 2)}-imports`);

      // A spreadsheet is refused before anything is sent, saying how to save it.
      await page.getByLabel(words.file).setInputFiles({ name: 'register.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from('PK') });
      await page.getByRole('button', { name: words.start }).click();
      await page.getByRole('alert').filter({ hasText: words.notCsv }).waitFor();

      const csv = ['id,name,segment,district', `ui-${locale}-1,界面导入餐饮店,catering,Huangpu`, `ui-${locale}-2,,catering,Huangpu`, `ui-${locale}-3,Desk Deli,catering,Xuhui`].join('\n');
      await page.getByLabel(words.file).setInputFiles({ name: `register-${locale}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await page.getByRole('button', { name: words.start }).click();
      await page.getByRole('status').filter({ hasText: words.done }).waitFor({ timeout: 30_000 });
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: words.report }).click()]);
      const report = readFileSync((await download.path())!, 'utf8');
      expect(report.charCodeAt(0)).toBe(0xfeff);
      const lines = report.trim().split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toBe('行号（不含标题行） row (header not counted),字段 field,原因,reason,原始内容 raw,代码 code');
      // Row 2 (after the header), its field, why in Chinese and in English, and the row as read.
      expect(lines[1]).toMatch(new RegExp(`^2,"name","name：必填，此格为空","name: Required",".*ui-${locale}-2`));
      // The list of recent imports shows it finished, with its counts.
      await page.getByRole('row').filter({ hasText: `register-${locale}.csv` }).filter({ hasText: words.done }).filter({ hasText: words.entities }).waitFor();
      await checkPage(page, `console-${locale.slice(0, 2)}-imports-done`);
      expect((await local.stack.services.store.getEntity(`ui-${locale}-1`))?.name).toBe('界面导入餐饮店');
      await context.close();
    }, 120_000);
  }

  it('finds a company by its Chinese name, exports the list, and reads its grade history and timeline (中文, English)', async () => {
    const context = await newPhone(browser, 'zh-CN');
    const page = await context.newPage();
    await signIn(page, /Lin Fang/);
    await page.getByRole('navigation', { name: '工作台导航' }).getByRole('link', { name: '企业' }).click();
    await page.getByRole('heading', { level: 1, name: '企业查询' }).waitFor();
    // Food safety's desk: its own segments only.
    expect(await page.getByLabel('行业').locator('option').allTextContents()).toEqual(['全部', '餐饮服务', '食品生产', '食品流通', '特殊食品', '食品添加剂']);
    await checkPage(page, 'console-zh-companies');

    await page.getByLabel('企业名称或统一社会信用代码').fill('东湖烘焙');
    await page.getByRole('button', { name: '查询' }).click();
    const row = page.getByRole('row').filter({ hasText: '东湖烘焙食品有限公司' });
    await row.waitFor();
    expect(await page.getByRole('row').count()).toBe(2);
    await expect.poll(() => row.innerText()).toMatch(/食品生产\s+徐汇区\s+A\s+96\.7/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 CSV（按当前筛选）' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.trim().split('\r\n')).toHaveLength(2);
    expect(csv).toContain('东湖烘焙食品有限公司,91310104MA1K3YJ12J,食品生产,徐汇区,A,96.7');
    await checkPage(page, 'console-zh-companies-found');

    await row.getByRole('link', { name: '东湖烘焙食品有限公司' }).click();
    await page.getByRole('heading', { level: 1, name: '东湖烘焙食品有限公司' }).waitFor();
    await page.getByText(/共 2 次等级变化.*现为 A/).waitFor();
    await page.locator('#grade-history .chart-canvas svg').waitFor();
    const timeline = page.getByRole('region', { name: '事实时间线' });
    await timeline.getByText('发现鼠患').first().waitFor();
    expect(await timeline.getByRole('listitem').allInnerTexts()).toEqual(
      expect.arrayContaining([expect.stringMatching(/抽检[\s\S]*面包 微生物指标[\s\S]*合格/), expect.stringMatching(/投诉[\s\S]*未核实/)]),
    );
    // Its clues, each a link to work it.
    await page.getByRole('region', { name: '预警线索' }).getByRole('link', { name: '后厨发现鼠患' }).waitFor();
    await checkPage(page, 'console-zh-company-history');
    // One way back, to where it was opened from: the companies found, the search kept.
    expect(await page.getByRole('link', { name: '返回线索列表' }).count()).toBe(0);
    await page.getByRole('link', { name: '返回企业列表' }).click();
    await page.getByRole('row').filter({ hasText: '东湖烘焙食品有限公司' }).waitFor();
    expect(await page.getByLabel('企业名称或统一社会信用代码').inputValue()).toBe('东湖烘焙');
    await context.close();

    // The same in English, for the city-wide supervisor, found by the credit code typed with a space.
    const english = await newPhone(browser, 'en-US');
    const desk = await english.newPage();
    await signIn(desk, /Chen Hua/);
    await desk.goto(`${local.stack.baseUrl}/console/companies`);
    await desk.getByLabel('Company name or unified social credit code').fill('91310104 ma1k3yj12j');
    await desk.getByRole('button', { name: 'Search' }).click();
    await desk.getByRole('link', { name: 'Donghu Bakery Ltd.' }).waitFor();
    await checkPage(desk, 'console-en-companies');
    await desk.getByRole('link', { name: 'Donghu Bakery Ltd.' }).click();
    await desk.getByText(/2 grade changes.*now A/).waitFor();
    await desk.getByRole('region', { name: 'Timeline of facts' }).getByText('Rodent seen').first().waitFor();
    await checkPage(desk, 'console-en-company-history');
    await english.close();
  }, 120_000);
  it("dates a grade history on the authority's calendar, not the reader's clock, and says a company never graded is not graded yet (English, 中文)", async () => {
    // A reader whose computer runs on Los Angeles time: the chart still speaks Shanghai's dates, as the text does.
    const context = await browser.newContext({ ...phone, locale: 'en-US', timezoneId: 'America/Los_Angeles' });
    const page = await context.newPage();
    await signIn(page, /Chen Hua/);
    // Graded by the scoring run minutes ago: its axis shows the day, not the hours since.
    const { body: street } = await local.api.request('GET', '/entities/demo-street-1', { as: supervisor });
    await page.goto(`${local.stack.baseUrl}/console/companies/demo-street-1`);
    const history = page.getByRole('region', { name: 'Grade history' });
    await history.locator('.chart-canvas svg').waitFor();
    const shanghaiDay = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', ...options }).format(new Date(street.gradedAt));
    // The time axis's labels (after the grades'): days, as "Nov 28", never clock times.
    const labels = (await history.locator('.chart-canvas svg text').allTextContents()).filter((label) => !['—', 'D', 'C', 'B', 'A'].includes(label));
    expect(labels.length).toBeGreaterThan(0);
    for (const label of labels) expect(label).toMatch(/^[A-Z][a-z]{2} \d{1,2}$/);
    const description = (await history.locator('#grade-history-description').textContent())!;
    expect(description).toContain(shanghaiDay({ dateStyle: 'medium' }));
    expect(description).not.toMatch(/\d:\d\d/);
    await checkPage(page, 'console-en-company-graded-today');

    // Scored with too little data to grade: said so, not "1 grade change … now Not graded yet".
    await page.goto(`${local.stack.baseUrl}/console/companies/demo-pharmacy`);
    await page.getByRole('region', { name: 'Grade history' }).getByText('Not graded yet: the credit scoring has too little data to give it a grade.').waitFor();
    expect(await page.getByText(/grade change/).count()).toBe(0);
    expect(await page.getByRole('region', { name: "The company's page" }).innerText()).toMatch(/Graded[\s:：]*—/);
    // Scored, with no data at all: not "the scoring job has not scored this company".
    await page.getByRole('region', { name: 'Why this grade' }).getByText('Scored, but no indicator has data about this company yet, so it has no score.').waitFor();
    await checkPage(page, 'console-en-company-ungraded');
    await context.close();

    const chinese = await newPhone(browser, 'zh-CN');
    const desk = await chinese.newPage();
    await signIn(desk, /Chen Hua/);
    await desk.goto(`${local.stack.baseUrl}/console/companies/demo-pharmacy`);
    await desk.getByRole('region', { name: '信用等级变化' }).getByText('尚未评级：数据不足，信用评分尚未给出等级。').waitFor();
    expect(await desk.getByText(/次等级变化/).count()).toBe(0);
    await checkPage(desk, 'console-zh-company-ungraded');
    await chinese.close();
  }, 120_000);

  it('draws the latest periods over time on a phone, and says so, every period on a desk (English, 中文)', async () => {
    const context = await newPhone(browser, 'en-US');
    const page = await context.newPage();
    await signIn(page, /Chen Hua/);
    await page.goto(`${local.stack.baseUrl}/console/figures`);
    const description = page.locator('#over-time-description');
    await page.locator('#over-time .chart-canvas svg').waitFor();
    await expect.poll(() => description.textContent()).toMatch(new RegExp(`^In the last 8 weeks .* A phone shows the last 8 weeks; a wider screen shows ${seriesLength.week}\\.$`));
    await page.getByRole('radio', { name: 'Month' }).check();
    await expect.poll(() => description.textContent()).toMatch(new RegExp(`^In the last 6 months .* A phone shows the last 6 months; a wider screen shows ${seriesLength.month}\\.$`));
    await checkPage(page, 'console-en-figures-months');
    await page.setViewportSize({ width: 1280, height: 900 });
    await expect.poll(() => description.textContent()).toMatch(`In the last ${seriesLength.month} months `);
    expect(await description.textContent()).not.toContain('A phone shows');
    await context.close();

    const chinese = await newPhone(browser, 'zh-CN');
    const desk = await chinese.newPage();
    await signIn(desk, /Chen Hua/);
    await desk.goto(`${local.stack.baseUrl}/console/figures`);
    await expect.poll(() => desk.locator('#over-time-description').textContent()).toMatch(new RegExp(`^近 8 周.*手机屏幕仅显示最近 8 周；在更宽的屏幕上显示 ${seriesLength.week} 周。$`));
    await checkPage(desk, 'console-zh-figures-weeks');
    await chinese.close();
  }, 120_000);

  it('offers a colleague no "Mark handled" on a clue someone else took on, only to take it over first (English)', async () => {
    // A copy of the bakery's clue that the food-safety chief took on herself.
    const { risk } = local.stack.riskServices;
    const original = (await risk.getClue(clue.id))!;
    const chief = { assignee: 'demo-food-chief', assigneeName: '林芳 Lin Fang' };
    const taken = {
      ...original,
      id: 'clue_taken_by_the_chief',
      status: 'assigned' as const,
      ...chief,
      history: [original.history[0]!, { status: 'assigned' as const, by: 'demo-food-chief', byName: '林芳 Lin Fang', at: new Date().toISOString(), ...chief }],
      version: 1,
    };
    await risk.createClue(taken);
    const context = await newPhone(browser, 'en-US');
    const page = await context.newPage();
    await signIn(page, /Chen Hua/);
    await page.goto(`${local.stack.baseUrl}/console/warnings/${taken.id}`);
    await page.getByText(/Lin Fang took this clue on and reports its handling/).waitFor();
    expect(await page.getByRole('button', { name: 'Mark handled' }).count()).toBe(0);
    await checkPage(page, 'console-en-clue-taken');
    await page.getByRole('button', { name: 'Assign to me' }).click();
    await page.getByRole('status').filter({ hasText: 'Updated: Assigned' }).waitFor();
    await page.getByLabel('What was done').fill('Traps set, drain sealed.');
    await page.getByRole('button', { name: 'Mark handled' }).click();
    await page.getByRole('status').filter({ hasText: /Updated: Handled/ }).waitFor();
    expect((await local.api.request('GET', `/warnings/${taken.id}`, { as: supervisor })).body.history.map((step: { by: string; status: string }) => `${step.status} ${step.by}`).slice(1)).toEqual([
      'assigned demo-food-chief',
      'assigned demo-supervisor',
      'handled demo-supervisor',
    ]);
    await context.close();
  }, 120_000);

  for (const [locale, words] of [
    ['zh-CN', { status: '状态', cancelled: '已取消（检查码已撤销）', revoked: '检查码已撤销，本次检查已取消' }],
    ['en-US', { status: 'Status', cancelled: 'Cancelled (code revoked)', revoked: 'Code revoked: visit cancelled' }],
  ] as const) {
    it(`shows every list as cards that fit a 390 px phone, every control a finger high, and a revoked visit as cancelled, not pending (${locale})`, async () => {
      const context = await newPhone(browser, locale);
      const page = await context.newPage();
      await signIn(page, /Chen Hua/);
      const { body: draws } = await local.api.request('GET', '/draws', { as: supervisor });
      const drawn = draws.draws.find((d: { status: string }) => d.status === 'executed');
      const pages = ['/console/companies', '/console/inspections', '/console/warnings', '/console/draws', `/console/draws/${drawn.id}`, '/console/imports'];
      const more = ['/console', '/console/figures', '/console/companies/demo-bakery', '/console/inspections/new', `/console/warnings/${clue.id}`, '/console/draws/new'];
      for (const path of [...pages, ...more]) {
        await page.goto(`${local.stack.baseUrl}${path}`);
        await page.getByRole('heading', { level: 1 }).waitFor();
        await page.waitForLoadState('networkidle');
        const wide = await page.evaluate(() => [...document.querySelectorAll('.ant-table-content')].filter((table) => table.scrollWidth > table.clientWidth).length);
        expect(wide, `${path}: a table scrolls sideways at 390 px`).toBe(0);
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), path).toBe(true);
        expect.soft(await smallTargets(page), `${path}: under 44 px high at 390 px`).toEqual([]);
      }
      // The inspections awaiting results hold no revoked visit; it is listed as cancelled.
      await page.goto(`${local.stack.baseUrl}/console/inspections`);
      await page.locator('.ant-table-content').waitFor();
      expect(await page.getByText(words.revoked).count()).toBe(0);
      await page.getByLabel(words.status).selectOption({ label: words.cancelled });
      await page.getByRole('row').filter({ hasText: words.revoked }).waitFor();
      await checkPage(page, `console-${locale.slice(0, 2)}-inspections-cancelled`);
      // Every filter says what it is set to, the longest choices too.
      for (const status of await page.getByLabel(words.status).locator('option').allTextContents()) {
        await page.getByLabel(words.status).selectOption({ label: status });
        expect(await cutSelects(page), status).toEqual([]);
        await page.setViewportSize(deskScreen.viewport);
        expect(await cutSelects(page), `${status} at 1280 px`).toEqual([]);
        await page.setViewportSize(phone.viewport);
      }
      await context.close();
    }, 120_000);
  }
});
