/**
 * The figures as charts (GET /stats): grades by segment and by district, clues by model and by status, inspections
 * with the detection rate and visits saved, trigger inspections, camera alerts by type, and inspections with the
 * detection rate week by week or month by month. Each with its description and table.
 */
import { Grid } from 'antd';
import { useMemo, useState } from 'react';
import type { PeriodKind } from '#shared/stats/series.ts';
import { shippedTriggers } from '#shared/triggers/definitions.ts';
import { warningModels } from '#shared/warnings/models.ts';
import type { Responses } from '../app/api.ts';
import { useRead } from '../app/data.ts';
import type { Key } from '../app/messages.ts';
import { Loaded } from '../app/ui.tsx';
import { Chart, type ChartProps } from './Chart.tsx';
import { useConsoleText } from './text.ts';

type Stats = Responses['stats'];
const grades = ['A', 'B', 'C', 'D'] as const;
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

export default function Figures() {
  const { c } = useConsoleText();
  const query = useRead('stats', {});
  return (
    <>
      <h1>{c('figuresTitle')}</h1>
      <Loaded query={query}>
        {(stats) => (
          <>
            <OverTime series={stats.overTime} />
            <Charts stats={stats} />
          </>
        )}
      </Loaded>
    </>
  );
}

/** A horizontal bar per label: easier to read long Chinese names than under a column. */
function bars(labels: string[], values: number[], name: string): ChartProps['option'] {
  return {
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: labels, inverse: true },
    series: [{ type: 'bar', name, data: values, barMaxWidth: 28, label: { show: true, position: 'right' } }],
  };
}

function Charts({ stats }: { stats: Stats }) {
  const text = useConsoleText();
  const { c, t, language, percent, segment, district } = text;
  const named = (names: { id: string; name: { zh: string; en: string } }[]) => (id: string) => {
    const found = names.find((n) => n.id === id);
    return found ? (language === 'en' ? found.name.en : found.name.zh) : id;
  };
  const modelName = named(warningModels());
  const triggerName = named(shippedTriggers().triggers);

  const charts = useMemo(() => {
    const list: ChartProps[] = [];
    const top = (entries: [string, number][]) => entries.reduce<[string, number]>((best, entry) => (entry[1] > best[1] ? entry : best), ['', 0]);

    for (const [id, title, by, label] of [
      ['grades-segment', c('gradesBySegment'), stats.grades?.bySegment, segment],
      ['grades-district', c('gradesByDistrict'), stats.grades?.byDistrict, district],
    ] as const) {
      const rows = Object.entries(by ?? {});
      const total = stats.grades?.total;
      list.push({
        id,
        title,
        description: total ? c('gradesDescription', { total: sum(grades.map((g) => total[g])), ...total }) : c('noGrades'),
        option: {
          legend: { top: 0 },
          grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
          xAxis: { type: 'value', minInterval: 1 },
          yAxis: { type: 'category', data: rows.map(([key]) => label(key)), inverse: true },
          series: grades.map((grade) => ({ type: 'bar', stack: 'grades', name: grade, barMaxWidth: 28, data: rows.map(([, counts]) => counts[grade]) })),
        },
        table: { head: [c('kind'), ...grades], rows: rows.map(([key, counts]) => [label(key), ...grades.map((g) => counts[g])]) },
        height: Math.max(160, 40 + rows.length * 32),
      });
    }

    const byModel = Object.entries(stats.clues.byModel);
    const [topModel, topModelCount] = top(byModel);
    list.push({
      id: 'clues-model',
      title: c('cluesByModel'),
      description: byModel.length ? c('cluesByModelDescription', { total: sum(byModel.map(([, n]) => n)), top: modelName(topModel), count: topModelCount }) : c('noData'),
      option: bars(byModel.map(([id]) => modelName(id)), byModel.map(([, n]) => n), c('count')),
      table: { head: [c('columnModel'), c('count')], rows: byModel.map(([id, n]) => [modelName(id), n]) },
      height: Math.max(160, 40 + byModel.length * 36),
    });

    const byStatus = Object.entries(stats.clues.byStatus);
    list.push({
      id: 'clues-status',
      title: c('cluesByStatus'),
      description: c('cluesByStatusDescription', { ...stats.clues.byStatus, escalations: stats.clues.escalations }),
      option: {
        legend: { bottom: 0 },
        series: [{ type: 'pie', radius: ['35%', '65%'], name: c('cluesByStatus'), data: byStatus.filter(([, n]) => n > 0).map(([status, n]) => ({ name: c(`status_${status}` as 'status_open'), value: n })) }],
      },
      table: { head: [c('columnStatus'), c('count')], rows: byStatus.map(([status, n]) => [c(`status_${status}` as 'status_open'), n]) },
    });

    const planned = stats.inspections - stats.inspectionsFromDraws - stats.triggerInspections.total;
    const inspectionBars: [string, number][] = [
      [c('inspectionsPlanned'), planned],
      [c('inspectionsFromDraws'), stats.inspectionsFromDraws],
      [c('inspectionsFromTriggers'), stats.triggerInspections.total],
      [c('withResults'), stats.inspectionsWithResults],
      [c('visitsSavedShort'), stats.visitsSaved],
    ];
    list.push({
      id: 'inspections',
      title: c('inspectionsFigure'),
      description: c('inspectionsDescription', {
        total: stats.inspections,
        draws: stats.inspectionsFromDraws,
        triggers: stats.triggerInspections.total,
        withResults: stats.inspectionsWithResults,
        rate: percent(stats.detectionRate),
        saved: stats.visitsSaved,
      }),
      option: bars(inspectionBars.map(([label]) => label), inspectionBars.map(([, n]) => n), c('count')),
      table: { head: [c('kind'), c('count')], rows: [...inspectionBars, [c('rate'), percent(stats.detectionRate)] as [string, string]] },
      height: 240,
    });

    const byTrigger = Object.entries(stats.triggerInspections.byTrigger);
    list.push({
      id: 'triggers',
      title: c('triggersFigure'),
      description: c('triggersDescription', { total: stats.triggerInspections.total, withResults: stats.triggerInspections.withResults, rate: percent(stats.triggerInspections.detectionRate) }),
      option: bars(byTrigger.map(([id]) => triggerName(id)), byTrigger.map(([, n]) => n), c('count')),
      table: { head: [c('kind'), c('count')], rows: byTrigger.map(([id, n]) => [triggerName(id), n]) },
      height: Math.max(160, 40 + byTrigger.length * 36),
    });

    const byType = Object.entries(stats.alerts.byType);
    const alertName = (type: string) => t(`alert_${type}` as Key);
    const [topType, topTypeCount] = top(byType);
    list.push({
      id: 'alerts',
      title: c('alertsByType'),
      description: byType.length ? c('alertsDescription', { total: sum(byType.map(([, n]) => n)), top: alertName(topType), count: topTypeCount }) : c('noData'),
      option: bars(byType.map(([type]) => alertName(type)), byType.map(([, n]) => n), c('count')),
      table: { head: [c('kind'), c('count')], rows: byType.map(([type, n]) => [alertName(type), n]) },
      height: Math.max(160, 40 + byType.length * 36),
    });
    return list;
    // Rebuilt when the data or the language (every label) changes.
  }, [stats, language]);

  return (
    <div className="chart-grid">
      {charts.map((chart) => (
        <Chart key={chart.id} {...chart} />
      ))}
    </div>
  );
}

/** The periods a phone's chart shows: two months of weeks, half a year of months. */
const phonePeriods: Record<PeriodKind, number> = { week: 8, month: 6 };

/** Inspections with results and with findings as bars, the detection rate as a line on its own axis, per week or month. */
function OverTime({ series }: { series: Stats['overTime'] }) {
  const { c, percent, number, language } = useConsoleText();
  const [kind, setKind] = useState<PeriodKind>('week');
  // A phone has room for a few bars: the latest periods, said so, rather than every one squeezed.
  const narrow = !Grid.useBreakpoint().sm;
  const chart = useMemo(() => {
    const all = series[kind];
    const shown = narrow ? all.slice(-phonePeriods[kind]) : all;
    const made = overTimeChart(shown, kind, { c, percent, number });
    return shown.length < all.length ? { ...made, description: `${made.description} ${c(`figuresOverTimeNarrow_${kind}`, { shown: shown.length, all: all.length })}` } : made;
  }, [series, kind, language, narrow]);
  return (
    <div className="over-time">
      <fieldset className="period-switch">
        <legend>{c('figuresOverTimeBy')}</legend>
        {(['week', 'month'] as const).map((option) => (
          <label key={option}>
            <input type="radio" name="over-time-period" value={option} checked={kind === option} onChange={() => setKind(option)} />
            {c(`figuresOverTime_${option}`)}
          </label>
        ))}
      </fieldset>
      <Chart {...chart} />
    </div>
  );
}

function overTimeChart(
  periods: Stats['overTime'][PeriodKind],
  kind: PeriodKind,
  { c, percent, number }: Pick<ReturnType<typeof useConsoleText>, 'c' | 'percent' | 'number'>,
): ChartProps {
  const label = (period: string) => (kind === 'week' ? period.slice(5) : period);
  const total = (pick: (p: (typeof periods)[number]) => number) => sum(periods.map(pick));
  const withResults = total((p) => p.inspectionsWithResults);
  const withFindings = total((p) => p.inspectionsWithFindings);
  const latest = periods.at(-1);
  return {
    id: 'over-time',
    title: c('figuresOverTimeTitle'),
    description: c(`figuresOverTimeDescription_${kind}`, {
      periods: periods.length,
      withResults,
      withFindings,
      rate: percent(withResults ? withFindings / withResults : null),
      latestResults: latest?.inspectionsWithResults ?? 0,
      latestRate: percent(latest?.detectionRate ?? null),
      saved: total((p) => p.visitsSaved),
      clues: total((p) => p.cluesOpened),
      triggers: total((p) => p.triggersFired),
    }),
    option: {
      legend: { top: 0 },
      grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: periods.map((p) => label(p.period)) },
      yAxis: [
        { type: 'value', minInterval: 1 },
        { type: 'value', min: 0, max: 1, axisLabel: { formatter: (value: number) => percent(value) }, splitLine: { show: false } },
      ],
      series: [
        { type: 'bar', name: c('figuresOverTimeWithResults'), data: periods.map((p) => p.inspectionsWithResults), barMaxWidth: 18 },
        { type: 'bar', name: c('figuresOverTimeWithFindings'), data: periods.map((p) => p.inspectionsWithFindings), barMaxWidth: 18 },
        { type: 'line', name: c('rate'), yAxisIndex: 1, data: periods.map((p) => p.detectionRate), connectNulls: true, tooltip: { valueFormatter: (value: number) => percent(value) } },
      ],
    },
    // The periods in which something happened (the chart shows the empty ones too).
    table: {
      head: [c(`figuresOverTimePeriod_${kind}`), c('figuresOverTimePlanned'), c('figuresOverTimeWithResults'), c('figuresOverTimeWithFindings'), c('rate'), c('figuresOverTimeSaved'), c('figuresOverTimeClues'), c('figuresOverTimeTriggers')],
      rows: periods
        .filter((p) => p.inspections + p.inspectionsWithResults + p.visitsSaved + p.cluesOpened + p.triggersFired > 0)
        .map((p) => [p.period, number(p.inspections), number(p.inspectionsWithResults), number(p.inspectionsWithFindings), percent(p.detectionRate), number(p.visitsSaved), number(p.cluesOpened), number(p.triggersFired)]),
    },
  };
}
