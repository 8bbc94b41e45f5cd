/** A company's past on its page: how its credit grade changed (a chart with its table), the timeline of facts, its clues. */
import { Link } from 'react-router';
import { dayMs, localDay } from '#shared/dates.ts';
import type { Entity } from '#shared/inspections/model.ts';
import type { Responses } from '../app/api.ts';
import { useRead, useReadPages } from '../app/data.ts';
import type { Key } from '../app/messages.ts';
import { Loaded } from '../app/ui.tsx';
import { Chart } from './Chart.tsx';
import { ShowMore } from './ListControls.tsx';
import { useScope } from './scope.ts';
import { useConsoleText, type ConsoleKey } from './text.ts';
import { DueTags, SeverityTag } from './Warnings.tsx';

type Fact = Responses['entityFacts']['items'][number];

/** The grade changes the chart draws: the latest hundred (the API pages further back). */
const shownChanges = 100;
const ungraded = '—';
/** The grades from the lowest, a point's height being its index here. */
const levels = [ungraded, 'D', 'C', 'B', 'A'];

/** A day on the authority's calendar (its time zone), as dates say it; a month and year where ticks are months apart. */
function gradeDates(language: string, timeZone: string) {
  const day = new Intl.DateTimeFormat(language, { timeZone, dateStyle: 'medium' });
  const shortDay = new Intl.DateTimeFormat(language, { timeZone, month: 'short', day: 'numeric' });
  const month = new Intl.DateTimeFormat(language, { timeZone, year: 'numeric', month: 'short' });
  return { day: (at: string | number) => day.format(new Date(at)), tick: (spanDays: number) => (at: number) => (spanDays > 90 ? month : shortDay).format(new Date(at)) };
}

export function GradeHistory({ entity }: { entity: Entity }) {
  const text = useConsoleText();
  const { c } = text;
  const history = useRead('entityGrades', { params: { id: entity.id }, query: { limit: shownChanges } });
  return (
    <Loaded query={history}>
      {({ items }) => {
        const oldestFirst = [...items].reverse();
        const gradeOf = (grade: string) => (grade === 'ungraded' ? ungraded : grade);
        const first = oldestFirst[0];
        const last = oldestFirst.at(-1);
        // Scored but never given a grade (too little data): no history of grades to tell, nor to draw.
        const neverGraded = items.every((change) => change.grade === 'ungraded');
        const dates = gradeDates(text.language, text.timeZone);
        const now = new Date().toISOString();
        const spanDays = first ? (Date.parse(now) - Date.parse(first.at)) / dayMs : 0;
        return (
          <Chart
            id="grade-history"
            title={c('companiesGradeHistory')}
            description={
              !first || !last
                ? c('companiesNoGradeHistory')
                : neverGraded
                  ? c('companiesNeverGraded')
                  : c('companiesGradeHistoryDescription', { count: items.length, first: dates.day(first.at), last: dates.day(last.at), grade: entity.grade ?? c('notGraded') })
            }
            option={{
              grid: { left: 8, right: 24, top: 16, bottom: 8, containLabel: true },
              // Dates on the authority's calendar, whatever the reader's clock says: at least a day between ticks and
              // a week on the axis, so a company graded only today shows its day, not the hours since.
              xAxis: {
                type: 'time',
                minInterval: dayMs,
                min: ({ min, max }: { min: number; max: number }) => Math.min(min, max - 7 * dayMs),
                axisLabel: { formatter: dates.tick(spanDays), hideOverlap: true },
              },
              // A value axis labelled with the grades, so that time is the base axis the steps follow.
              yAxis: { type: 'value', min: 0, max: levels.length - 1, interval: 1, axisLabel: { formatter: (level: number) => levels[level] ?? '' } },
              tooltip: {
                formatter: ({ value }: { value: [string, number] }) => `${dates.day(value[0])}: ${levels[value[1]] === ungraded ? c('companiesUngraded') : levels[value[1]]}`,
              },
              series: [
                {
                  type: 'line',
                  step: 'end',
                  name: c('creditGrade'),
                  symbolSize: 10,
                  data: [
                    ...oldestFirst.map((change) => [change.at, levels.indexOf(gradeOf(change.grade))]),
                    // The latest grade holds until today.
                    ...(last ? [{ value: [now, levels.indexOf(gradeOf(last.grade))], symbol: 'none' }] : []),
                  ],
                },
              ],
            }}
            table={{
              head: [c('companiesGradedOn'), c('creditGrade'), c('score'), c('companiesModel'), c('companiesAsOf')],
              rows: neverGraded
                ? []
                : items.map((change) => [
                    text.instant(change.at),
                    change.grade === 'ungraded' ? c('companiesUngraded') : change.grade,
                    change.score === undefined ? '—' : text.number(Math.round(change.score * 10) / 10),
                    change.model ?? '—',
                    change.asOf ? text.day(change.asOf.slice(0, 10)) : '—',
                  ]),
            }}
            height={220}
          />
        );
      }}
    </Loaded>
  );
}

export function Timeline({ entity }: { entity: Entity }) {
  const text = useConsoleText();
  const { c, t } = text;
  const facts = useReadPages('entityFacts', { params: { id: entity.id }, query: { limit: 20 } });
  /** What the fact says: a camera alert's type in words, other details as recorded (in the reader's half when bilingual). */
  const detail = (fact: Fact) => (fact.kind === 'alert' && fact.detail ? t(`alert_${fact.detail}` as Key) : fact.detail ? text.text(fact.detail) : '');
  /** A fact's value as its kind means it (shared/facts/model.ts): a score, a failed sample, a verified complaint, a fine. */
  const value = ({ kind, value }: Fact): string => {
    if (value === undefined) return '';
    if (kind === 'inspection') return c('companiesFactScore', { value: text.number(value) });
    if (kind === 'sampling') return value >= 1 ? c('companiesFactFailed') : c('companiesFactPassed');
    if (kind === 'complaint' || kind === 'report') return value >= 1 ? c('companiesFactVerified') : c('companiesFactUnverified');
    if (kind === 'penalty') return c('companiesFactFine', { value: text.number(value) });
    if (kind === 'annual-report') return value >= 1 ? c('companiesFactOnTime') : c('companiesFactLate');
    if (kind === 'tax-rating') return c('companiesFactTaxGrade', { grade: 'DCBA'[value - 1] ?? text.number(value) });
    return c('companiesFactValue', { value: text.number(value) });
  };
  return (
    <section aria-labelledby="company-timeline">
      <h2 id="company-timeline">{c('companiesTimeline')}</h2>
      <p className="hint">{c('companiesTimelineHint')}</p>
      <Loaded query={facts}>
        {({ pages }) => {
          const items = pages.flatMap((page) => page.items);
          return items.length === 0 ? (
            <p>{c('companiesNoFacts')}</p>
          ) : (
            <>
              <ol className="console-list">
                {items.map((fact) => (
                  <li key={`${fact.kind}-${fact.id}`}>
                    <strong>
                      <time dateTime={fact.date}>{text.day(fact.date.slice(0, 10))}</time> · {c(`fact_${fact.kind}` as ConsoleKey)}
                    </strong>
                    {detail(fact) && <span>{detail(fact)}</span>}
                    {(fact.value !== undefined || fact.until) && <span>{[value(fact), fact.until ? c('companiesFactUntil', { date: text.day(fact.until) }) : ''].filter(Boolean).join(' · ')}</span>}
                  </li>
                ))}
              </ol>
              <ShowMore pages={facts} />
            </>
          );
        }}
      </Loaded>
    </section>
  );
}

/** Its warning clues of every status, newest first, each a link to work it: only for the supervisors of its segment. */
export function Clues({ entity }: { entity: Entity }) {
  const text = useConsoleText();
  const { c, language } = text;
  const works = useScope().worksSegment(entity.segment);
  const clues = useReadPages('entityWarnings', { params: { id: entity.id }, query: { limit: 10 } }, { enabled: works });
  const today = localDay(new Date(), text.timeZone);
  if (!works) return null;
  return (
    <section aria-labelledby="company-clues">
      <h2 id="company-clues">{c('companiesClues')}</h2>
      <Loaded query={clues}>
        {({ pages }) => {
          const items = pages.flatMap((page) => page.items);
          return items.length === 0 ? (
            <p>{c('noneYet')}</p>
          ) : (
            <>
              <ul className="console-list">
                {items.map((clue) => (
                  <li key={clue.id}>
                    <Link to={`/console/warnings/${encodeURIComponent(clue.id)}`}>{language === 'en' ? clue.modelName.en : clue.modelName.zh}</Link>
                    <span>
                      <SeverityTag severity={clue.severity} /> {c(`status_${clue.status}`)} · {c('columnDue')} {text.day(clue.dueBy)} <DueTags clue={clue} today={today} />
                    </span>
                  </li>
                ))}
              </ul>
              <ShowMore pages={clues} />
            </>
          );
        }}
      </Loaded>
    </section>
  );
}
