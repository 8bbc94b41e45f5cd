/**
 * Every day the system computes or shows is a day of the authority's calendar (Asia/Shanghai here), never the UTC
 * date: 2024-04-09T16:30Z is already 2024-04-10 in Shanghai.
 */
import { describe, expect, it } from 'vitest';
import type { CodeRecord } from '../../shared/codes/code.ts';
import { renderScanPage } from '../../shared/codes/scan-page.ts';
import { scanView } from '../../shared/codes/scan-view.ts';
import type { Job } from '../../shared/jobs.ts';
import { evaluateRule } from '../../shared/rules/evaluate.ts';
import { runScoringJob } from '../../shared/scoring/jobs.ts';
import type { ModelSet } from '../../shared/scoring/models.ts';
import type { ScoringStore } from '../../shared/store/ports.ts';
import { as, sampleInspection } from '../support/inspections.ts';
import { view } from '../support/views.ts';
import { warningModels } from '../../shared/warnings/models.ts';

const timeZone = 'Asia/Shanghai';
const afterMidnightInShanghai = '2024-04-09T16:30:00.000Z';

describe("the authority's day, across the UTC/Shanghai boundary", () => {
  it('scores a run started at 00:30 Shanghai as of that Shanghai day, not the UTC one', async () => {
    const started: { asOf: string }[] = [];
    const sent: Job[] = [];
    await runScoringJob(
      {
        scoring: { startRun: async (run: { asOf: string }) => void started.push(run) } as unknown as ScoringStore,
        jobs: { send: async (jobs: Job[]) => void sent.push(...jobs) },
        models: {} as ModelSet,
        now: () => afterMidnightInShanghai,
        timeZone,
        segments: 2,
      },
      { kind: 'score-start' },
    );
    expect(started[0]!.asOf).toBe('2024-04-10');
    expect(sent.map((job) => (job as { asOf: string }).asOf)).toEqual(['2024-04-10', '2024-04-10']);
  });

  it('shows a rectification submitted after 16:00 UTC on the Shanghai day it was submitted', () => {
    const inspection = sampleInspection({
      status: 'rectifying',
      rectifications: [{ id: 'r1', note: 'fixed', evidence: [], submittedBy: 'co', submittedAt: afterMidnightInShanghai, status: 'submitted' }],
    });
    const code: CodeRecord = { code: 'c', inspectionId: 'ins_1', state: 'active', issuedAt: '2024-04-01T00:00:00.000Z', expiresAt: '2024-05-10T16:00:00.000Z' };
    const html = renderScanPage(scanView(inspection, code, as.company, timeZone), 'en', timeZone);
    expect(html).toContain('<time datetime="2024-04-10">Apr 10, 2024</time>');
    expect(html).toContain('<time datetime="2024-05-10">May 10, 2024</time>');
  });

  it('dates a grade change by the authority day it happened on', () => {
    const model = warningModels().find((m) => m.id === 'grade-drop')!;
    const dropped = view({ grades: [['A', '2024-01-01'], ['B', '2024-04-10']] });
    dropped.grades[1]!.at = afterMidnightInShanghai;
    expect(evaluateRule(model, dropped, '2024-04-10')?.[0]?.reason).toContain('on 2024-04-10');
  });
});
