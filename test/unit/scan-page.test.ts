import { describe, expect, it } from 'vitest';
import type { CodeRecord } from '../../shared/codes/code.ts';
import { renderScanPage, renderScanProblemPage, signInPath } from '../../shared/codes/scan-page.ts';
import { scanView } from '../../shared/codes/scan-view.ts';
import { as, sampleInspection } from '../support/inspections.ts';

const timeZone = 'Asia/Shanghai';
const code: CodeRecord = { code: 'c', inspectionId: 'ins_1', state: 'active', issuedAt: '2030-02-20T00:00:00.000Z', expiresAt: '2030-04-03T00:00:00.000Z' };

describe('the scan page', () => {
  it('escapes what users typed, so a company name cannot inject markup', () => {
    const html = renderScanPage(scanView(sampleInspection(), code, undefined, timeZone), 'en', timeZone);
    expect(html).toContain('Pujiang &lt;Demo&gt; Catering &amp; Co.');
    expect(html).not.toContain('<Demo>');
  });

  it('declares its language and fits a phone screen', () => {
    const html = renderScanPage(scanView(sampleInspection(), code, undefined, timeZone), 'zh-CN', timeZone);
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('name="viewport" content="width=device-width,initial-scale=1"');
    expect(html).toContain('href="?lang=en"');
  });

  it('tells the company why it is inspected: the trigger and what fired it, or the draw to verify; the public sees neither', () => {
    const triggered = sampleInspection({
      trigger: { id: 'sampling-failure', name: { zh: '抽检不合格', en: 'Failed product sampling' }, firedOn: '2030-02-18', evidence: [{ reason: '1 × sampling value ≥ 1 in the last 90 days (threshold 1)' }] },
    });
    const english = renderScanPage(scanView(triggered, code, as.company, timeZone), 'en', timeZone);
    expect(english).toContain('Trigger inspection: Failed product sampling');
    expect(english).toContain('1 × sampling value ≥ 1 in the last 90 days');
    expect(renderScanPage(scanView(triggered, code, as.company, timeZone), 'zh-CN', timeZone)).toContain('触发式检查: 抽检不合格');
    expect(renderScanPage(scanView(triggered, code, undefined, timeZone), 'en', timeZone)).not.toContain('Failed product sampling');
    const drawn = renderScanPage(scanView(sampleInspection({ drawIds: ['drw_1'] }), code, as.company, timeZone), 'en', timeZone);
    expect(drawn).toContain('href="/draws/drw_1/verify"');
  });

  it('lists what is checked in the reader’s language', () => {
    const inspection = sampleInspection({ items: ['生产许可条件 Production licence conditions', 'Own item'] });
    const chinese = renderScanPage(scanView(inspection, code, undefined, timeZone), 'zh-CN', timeZone);
    expect(chinese).toContain('<li>生产许可条件</li><li>Own item</li>');
    expect(renderScanPage(scanView(inspection, code, undefined, timeZone), 'en', timeZone)).toContain('<li>Production licence conditions</li>');
  });

  it('writes the days as the web app does, in the reader’s language, keeping the ISO day for machines', () => {
    const view = scanView(sampleInspection(), code, undefined, timeZone);
    const chinese = renderScanPage(view, 'zh-CN', timeZone);
    expect(chinese).toContain('<time datetime="2030-03-01">2030年3月1日</time> 至 <time datetime="2030-03-03">2030年3月3日</time>');
    expect(renderScanPage(view, 'en', timeZone)).toContain('<time datetime="2030-03-01">Mar 1, 2030</time> to <time datetime="2030-03-03">Mar 3, 2030</time>');
    expect(chinese).not.toMatch(/>\d{4}-\d{2}-\d{2}</);
  });

  it('makes the coordination phone number tappable', () => {
    expect(renderScanPage(scanView(sampleInspection(), code, undefined, timeZone), 'en', timeZone)).toContain('href="tel:+862160001234"');
  });

  it('names the departments in the reader’s language, not by their ids', () => {
    const inspection = sampleInspection({ departments: ['food-safety'] });
    expect(renderScanPage(scanView(inspection, code, undefined, timeZone), 'zh-CN', timeZone)).toContain('食品安全监管处');
    expect(renderScanPage(scanView(inspection, code, undefined, timeZone), 'en', timeZone)).toContain('<dd>Food safety</dd>');
  });

  it('offers the company a link, not a script, to sign in and land back on this inspection', () => {
    const html = renderScanPage(scanView(sampleInspection(), code, undefined, timeZone), 'zh-CN', timeZone, signInPath('ins_1', 'demo-canteen'));
    expect(html).toContain('<a class="button" href="/app/inspections/ins_1?login_hint=demo-canteen">以本企业身份登录</a>');
    expect(html).not.toContain('<script');
  });

  it('announces the verdict to screen readers first', () => {
    const html = renderScanPage(scanView(sampleInspection(), code, undefined, timeZone), 'en', timeZone);
    expect(html.indexOf('role="status"')).toBeLessThan(html.indexOf('<h1'));
  });

  it('shows the company its rectification history with the review comment', () => {
    const inspection = sampleInspection({
      status: 'rectifying',
      rectifications: [
        { id: 'r1', note: 'done', evidence: [], submittedBy: 'owner', submittedAt: '2030-03-05T00:00:00.000Z', status: 'rejected', review: { by: 'insp-a', at: '2030-03-06T00:00:00.000Z', comment: 'Photo is blurred' } },
      ],
    });
    const html = renderScanPage(scanView(inspection, code, as.company, timeZone), 'en', timeZone);
    expect(html).toContain('Rejected');
    expect(html).toContain('Photo is blurred');
  });

  it('tells the holder of an unknown code that they may refuse the inspection, in both languages', () => {
    expect(renderScanProblemPage('not-found', 'en')).toContain('you may refuse it');
    expect(renderScanProblemPage('not-found', 'zh-CN')).toContain('您可以拒绝');
    expect(renderScanProblemPage('expired', 'en')).toContain('expired');
    expect(renderScanProblemPage('revoked', 'en')).toContain('<h1>✗ This code was revoked</h1>');
  });
});
