/**
 * Debian's Chromium driven by playwright-core, and what every browser journey needs around it: phone and desk
 * contexts, axe-core injected by evaluate (the scan page's CSP refuses script tags), and screenshots kept under
 * test-results/ at both sizes.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { buildWebIfStale } from '../../local/web-build.ts';

export const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumAvailable = existsSync(executablePath);
if (!chromiumAvailable && process.env.CI) throw new Error(`Chromium is missing at ${executablePath}; .ci/run installs it with apt-get install -y chromium.`);

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });

/** Builds web/ into web/dist when stale, as `npm start` does, so the journeys run the app as it is now. */
export function buildWebApp(): void {
  if (!buildWebIfStale()) throw new Error('npm run build:web failed');
}

export const phone = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
export const desk = { viewport: { width: 1280, height: 900 } };

export function newPhone(browser: Browser, locale: 'zh-CN' | 'en-US'): Promise<BrowserContext> {
  return browser.newContext({ ...phone, locale });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[] }[];
}

/** WCAG 2.1 A and AA rules; what a page breaks seriously or critically. */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/**
 * Every page a journey passes: no serious accessibility fault; at 360 px (the narrowest phone we serve) no
 * sideways scrolling; screenshots at 390 px and 1280 px kept in test-results/web/.
 */
export async function checkPage(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  const violations = await seriousViolations(page);
  if (violations.length) throw new Error(`${name}: axe found\n${violations.join('\n')}`);
  const size = page.viewportSize();
  mkdirSync('test-results/web', { recursive: true });
  for (const width of [360, 390, 1280]) {
    await page.setViewportSize({ width, height: width === 1280 ? desk.viewport.height : phone.viewport.height });
    if (width === 360 && !(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth))) {
      throw new Error(`${name}: scrolls sideways at 360 px`);
    }
    if (width !== 360) await page.screenshot({ path: `test-results/web/${name}-${width}.png`, fullPage: true, scale: 'css' });
  }
  if (size) await page.setViewportSize(size);
}

/**
 * Ideographs whose glyph Noto CJK shares with a CJK radical: Chromium's font subset maps the glyph back to the
 * radical's code point (食 is extracted as ⻝). Kangxi radicals fold by NFKC; these supplement ones need the table.
 */
const radicalIdeographs: Record<string, string> = { '⻝': '食', '⻟': '食', '⻔': '门', '⻓': '长', '⻢': '马', '⻋': '车', '⻅': '见', '⻆': '角', '⻘': '青', '⻛': '风', '⻜': '飞', '⻚': '页', '⻬': '齐', '⻮': '齿', '⻤': '鬼', '⻩': '黄', '⻰': '龙', '⻳': '龟' };

/** The text a PDF holds, every page joined (pdf.js via unpdf, reading Chromium's embedded fonts' Unicode maps). */
export async function pdfText(pdf: Uint8Array): Promise<string> {
  const { extractText } = await import('unpdf');
  const { text } = await extractText(new Uint8Array(pdf), { mergePages: true });
  return text.normalize('NFKC').replace(/[\u2e80-\u2eff]/gu, (radical) => radicalIdeographs[radical] ?? radical);
}
