/**
 * A company as a supervisor reads it: who it is, its credit grade and why (the indicators that cost the most
 * points, marked where they rest on no data), how its grade changed, the timeline of facts the models read, its
 * inspections (a trigger inspection says which trigger fired) and its camera alerts.
 */
import { Descriptions } from 'antd';
import { Link, useParams } from 'react-router';
import type { Entity } from '#shared/inspections/model.ts';
import { useApi, useRead } from '../app/data.ts';
import { stateKey } from '../app/inspection.tsx';
import type { Key } from '../app/messages.ts';
import { Loaded } from '../app/ui.tsx';
import { Chart } from './Chart.tsx';
import { DocumentLinks } from './DocumentLinks.tsx';
import { everyPage, ExportButton } from './ExportButton.tsx';
import { Clues, GradeHistory, Timeline } from './CompanyHistory.tsx';
import { GradeTag } from './GradeTag.tsx';
import { useScope } from './scope.ts';
import { useConsoleText, type ConsoleKey } from './text.ts';
import { VisitActions } from './VisitActions.tsx';
import { useCameFrom } from './way-back.ts';

/** The ways back a company page names, by where they lead (a clue, the clue list, the inspections, the companies). */
const waysBack: [start: string, label: ConsoleKey][] = [
  ['/console/warnings/', 'companiesBackToClue'],
  ['/console/warnings', 'backToQueue'],
  ['/console/inspections', 'companiesBackToInspections'],
  ['/console/companies', 'companiesBack'],
];

export default function CompanyPage() {
  const { id = '' } = useParams();
  const query = useRead('getEntity', { params: { id } });
  return <Loaded query={query}>{(entity) => <Company entity={entity} />}</Loaded>;
}

function Company({ entity }: { entity: Entity }) {
  const text = useConsoleText();
  const { c, t, language } = text;
  const inspections = useRead('listInspections', { query: { entityId: entity.id, limit: 25 } });
  const alerts = useRead('listAlerts', { query: { entityId: entity.id, limit: 25 } });
  const costliest = entity.explanation?.costliest ?? [];
  const indicatorName = (indicator: { name: string; value: number | null }) => text.text(indicator.name) + (indicator.value === null ? c('noDataMark') : '');
  const top = costliest[0];
  const api = useApi();
  const scope = useScope();
  // One way back: to the page the company was opened from, else the companies list.
  const cameFrom = useCameFrom();
  const way = waysBack.find(([start]) => cameFrom?.startsWith(start));
  const back = cameFrom && way ? { to: cameFrom, label: way[1] } : { to: '/console/companies', label: 'companiesBack' as const };
  const triggerName = (trigger: { name: { zh: string; en: string } }) => (language === 'en' ? trigger.name.en : trigger.name.zh);

  /** Every inspection of the company this supervisor sees. */
  async function inspectionRows() {
    const all = await everyPage((cursor) => api.call('listInspections', { query: { entityId: entity.id, limit: 100, ...(cursor ? { cursor } : {}) } }));
    return {
      header: [c('windowStart'), c('windowEnd'), c('columnStatus'), t('drawDepartments'), c('inspectionsFromTriggers'), 'id'],
      rows: all.map((i) => [i.window.start, i.window.end, t(stateKey(i)), text.list(i.departments.map(text.department)), i.trigger ? triggerName(i.trigger) : '', i.id]),
    };
  }
  return (
    <>
      <h1>{text.text(entity.name)}</h1>
      <section aria-labelledby="company-facts">
        <h2 id="company-facts">{c('companyPage')}</h2>
        <Descriptions
          column={{ xs: 1, sm: 1, md: 2 }}
          items={[
            { key: 'grade', label: c('creditGrade'), children: <GradeTag grade={entity.grade} /> },
            { key: 'score', label: c('score'), children: entity.score === undefined ? '—' : text.number(Math.round(entity.score * 10) / 10) },
            // Scored without a grade (too little data) is not graded: no grading time to give.
            { key: 'graded', label: c('gradedAt'), children: entity.grade && entity.gradedAt ? text.instant(entity.gradedAt) : '—' },
            { key: 'code', label: c('creditCode'), children: entity.creditCode ?? '—' },
            { key: 'segment', label: c('filterSegment'), children: text.segment(entity.segment) },
            { key: 'district', label: c('filterDistrict'), children: text.district(entity.district) },
            { key: 'address', label: c('address'), children: entity.address ?? '—' },
          ]}
        />
      </section>
      <Chart
        id="explanation"
        title={c('explanationTitle')}
        description={
          !entity.explanation
            ? c('notScored')
            : entity.score === undefined
              ? c('scoredNoData')
              : top
                ? c('explanationDescription', { score: Math.round(entity.score * 10) / 10, grade: entity.grade ?? '—', top: indicatorName(top), points: Math.round(top.pointsLost * 10) / 10 })
                : c('explanationNothingLost', { score: Math.round(entity.score * 10) / 10, grade: entity.grade ?? '—' })
        }
        option={{
          grid: { left: 8, right: 32, top: 8, bottom: 8, containLabel: true },
          xAxis: { type: 'value' },
          yAxis: { type: 'category', data: costliest.map(indicatorName), inverse: true },
          series: [{ type: 'bar', name: c('pointsLost'), barMaxWidth: 28, data: costliest.map((i) => Math.round(i.pointsLost * 10) / 10), label: { show: true, position: 'right' } }],
        }}
        table={{
          head: [c('indicator'), c('pointsLost')],
          rows: [
            ...costliest.map((i) => [indicatorName(i), Math.round(i.pointsLost * 10) / 10]),
            ...(entity.explanation?.categories ?? []).map((category) => [`${text.text(category.name)} · ${c('category')}`, Math.round(category.score * 10) / 10]),
          ],
        }}
        height={Math.max(160, 40 + costliest.length * 36)}
      />
      <GradeHistory entity={entity} />
      <Timeline entity={entity} />
      <section aria-labelledby="company-inspections">
        <h2 id="company-inspections">{c('companyInspections')}</h2>
        {/* Offered where the supervisor's scope covers the company, as the companies search finds it for them. */}
        {scope.worksSegment(entity.segment) && (
          <p className="actions">
            <Link to={`/console/inspections/new?entity=${encodeURIComponent(entity.id)}`}>{c('planFromCompany')}</Link>
          </p>
        )}
        <ExportButton fileName={`inspections-${entity.id}.csv`} rows={inspectionRows} />
        <Loaded query={inspections}>
          {({ items }) =>
            items.length === 0 ? (
              <p>{c('noneYet')}</p>
            ) : (
              <ul className="console-list">
                {items.map((inspection) => (
                  <li key={inspection.id}>
                    <strong>
                      {text.day(inspection.window.start)} – {text.day(inspection.window.end)} · {t(stateKey(inspection))}
                    </strong>
                    <span>{text.list(inspection.departments.map(text.department))}</span>
                    {inspection.trigger && <span>{c('triggeredBy', { name: triggerName(inspection.trigger), date: text.day(inspection.trigger.firedOn) })}</span>}
                    <DocumentLinks inspection={inspection} />
                    <VisitActions inspection={inspection} />
                  </li>
                ))}
              </ul>
            )
          }
        </Loaded>
      </section>
      <Clues entity={entity} />
      <section aria-labelledby="company-alerts">
        <h2 id="company-alerts">{c('companyAlerts')}</h2>
        <Loaded query={alerts}>
          {({ items }) =>
            items.length === 0 ? (
              <p>{c('noneYet')}</p>
            ) : (
              <ul className="console-list">
                {items.map((alert) => (
                  <li key={alert.id}>
                    <strong>{t(`alert_${alert.type}` as Key)}</strong>
                    <span>{t('alertAt', { camera: alert.cameraId, time: text.instant(alert.at) })}</span>
                    <span>{alert.status === 'answered' ? c('alertAnswered') : c('alertOpen')}</span>
                  </li>
                ))}
              </ul>
            )
          }
        </Loaded>
      </section>
      <p className="actions">
        <Link to={back.to}>{c(back.label)}</Link>
      </p>
    </>
  );
}
