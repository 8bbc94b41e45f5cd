/**
 * The warning-clue queue: filtered on the server (status, model, district, segment, assignee), soonest due first,
 * a page at a time by the API's cursor; overdue and escalated clues marked.
 */
import { Tag } from 'antd';
import { Link } from 'react-router';
import { clueStatus } from '#shared/api/schemas.ts';
import { localDay } from '#shared/dates.ts';
import { districtIds } from '#shared/labels.ts';
import { isOverdue } from '#shared/warnings/lifecycle.ts';
import { warningModels } from '#shared/warnings/models.ts';
import type { Responses } from '../app/api.ts';
import { useApi, useRead } from '../app/data.ts';
import { everyPage, ExportButton } from './ExportButton.tsx';
import { FilterSelect, PagedTable, useCursorPages, useSearchFilters } from './ListControls.tsx';
import { useScope } from './scope.ts';
import { useConsoleText } from './text.ts';

type ClueSummary = Responses['listWarnings']['items'][number];


export default function Warnings() {
  const text = useConsoleText();
  const { c, language } = text;
  const scope = useScope();
  const { search, choose } = useSearchFilters();
  const filter = {
    status: (search.get('status') ?? 'open') as ClueSummary['status'],
    model: search.get('model') ?? undefined,
    district: search.get('district') ?? undefined,
    segment: search.get('segment') ?? undefined,
    assignee: search.get('assignee') ?? undefined,
  };
  const pages = useCursorPages();
  const query = useRead('listWarnings', { query: { ...filter, limit: 25, ...(pages.cursor ? { cursor: pages.cursor } : {}) } });
  const today = localDay(new Date(), text.timeZone);
  const api = useApi();
  const modelName = (clue: ClueSummary) => (language === 'en' ? clue.modelName.en : clue.modelName.zh);

  /** Every clue under these filters (the file is what the queue shows, not a table scan). */
  async function allRows() {
    const clues = await everyPage((cursor) => api.call('listWarnings', { query: { ...filter, limit: 100, ...(cursor ? { cursor } : {}) } }));
    return {
      header: [c('columnCompany'), c('columnModel'), c('columnSeverity'), c('filterSegment'), c('filterDistrict'), c('columnDue'), c('columnOverdue'), c('columnEscalations'), c('columnStatus'), c('columnAssignee'), 'id'],
      rows: clues.map((clue) => [
        text.text(clue.entityName),
        modelName(clue),
        c(`severity_${clue.severity}`),
        text.segment(clue.segment),
        text.district(clue.district),
        clue.dueBy,
        isOverdue(clue, today) ? c('yes') : c('no'),
        clue.escalations,
        c(`status_${clue.status}`),
        clue.assigneeName ? text.text(clue.assigneeName) : (clue.assignee ?? ''),
        clue.id,
      ]),
    };
  }

  const select = (name: keyof typeof filter, label: string, options: [string, string][], anyLabel?: string) => (
    <FilterSelect label={label} value={filter[name]} options={options} onChange={(value) => choose(name, value)} {...(anyLabel ? { anyLabel } : {})} />
  );

  return (
    <>
      <h1>{c('warningsTitle')}</h1>
      <section aria-labelledby="filters" className="console-filters">
        <h2 id="filters">{c('filters')}</h2>
        <div className="filter-row">
          {select('status', c('filterStatus'), clueStatus.options.map((status) => [status, c(`status_${status}`)]))}
          {select('model', c('filterModel'), warningModels().map((model) => [model.id, language === 'en' ? model.name.en : model.name.zh]), c('all'))}
          {select('segment', c('filterSegment'), scope.segments.map((segment) => [segment, text.segment(segment)]), c('all'))}
          {select('district', c('filterDistrict'), districtIds.map((district) => [district, text.district(district)]), c('all'))}
          {select('assignee', c('filterAssignee'), [[scope.subject, c('mine')]], c('anyone'))}
        </div>
      </section>
      <div className="actions pager">
        <p className="hint">{c('soonestFirst')}</p>
        <ExportButton fileName={`clues-${filter.status}-${today}.csv`} rows={allRows} filtered />
      </div>
      <PagedTable<ClueSummary>
        query={query}
        pages={pages}
        empty={c('noClues')}
        columns={[
                  {
                    title: c('columnCompany'),
                    key: 'company',
                    render: (_, clue) => (
                      <Link to={`/console/warnings/${encodeURIComponent(clue.id)}`}>{text.text(clue.entityName)}</Link>
                    ),
                  },
                  { title: c('columnModel'), key: 'model', render: (_, clue) => modelName(clue) },
                  { title: c('columnSeverity'), key: 'severity', render: (_, clue) => <SeverityTag severity={clue.severity} /> },
                  { title: c('filterDistrict'), key: 'district', render: (_, clue) => text.district(clue.district) },
                  {
                    title: c('columnDue'),
                    key: 'due',
                    render: (_, clue) => (
                      <>
                        {text.day(clue.dueBy)} <DueTags clue={clue} today={today} />
                      </>
                    ),
                  },
                  { title: c('columnStatus'), key: 'status', render: (_, clue) => c(`status_${clue.status}`) },
                  { title: c('columnAssignee'), key: 'assignee', render: (_, clue) => (clue.assigneeName ? text.text(clue.assigneeName) : (clue.assignee ?? '')) },
        ]}
      />
    </>
  );
}

export function SeverityTag({ severity }: { severity: ClueSummary['severity'] }) {
  const { c } = useConsoleText();
  return <Tag color={severity === 'high' ? 'red' : severity === 'medium' ? 'orange' : 'default'}>{c(`severity_${severity}`)}</Tag>;
}

/** Overdue and escalated, said in words (not colour alone). */
export function DueTags({ clue, today }: { clue: Pick<ClueSummary, 'status' | 'dueBy' | 'escalations'>; today: string }) {
  const { c } = useConsoleText();
  return (
    <>
      {isOverdue(clue, today) && <Tag color="red">{c('overdue')}</Tag>}
      {clue.escalations > 0 && <Tag color="volcano">{c('escalated', { count: clue.escalations })}</Tag>}
    </>
  );
}
