/**
 * The inspections of the supervisor's department (city-wide: any, or one chosen): by status, open ones (no results
 * yet) soonest due first; overdue, due this week or this week; filtered and paged by the server's byDue index, with
 * each visit's company, code and printed documents; the list under its filters to CSV.
 */
import { Tag } from 'antd';
import { Link } from 'react-router';
import { listInspectionsQuery } from '#shared/api/schemas.ts';
import { localDay } from '#shared/dates.ts';
import { departmentNames } from '#shared/labels.ts';
import type { Responses } from '../app/api.ts';
import { useAuth } from '../app/auth.tsx';
import { useApi, useRead } from '../app/data.ts';
import { stateKey } from '../app/inspection.tsx';
import { DocumentLinks } from './DocumentLinks.tsx';
import { everyPage, ExportButton } from './ExportButton.tsx';
import { FilterSelect, PagedTable, useCursorPages, useSearchFilters } from './ListControls.tsx';
import { useConsoleText, type ConsoleKey } from './text.ts';
import { VisitActions } from './VisitActions.tsx';
import { useHereAsFrom } from './way-back.ts';

type Listed = Responses['listInspections']['items'][number];
type Status = NonNullable<(typeof listInspectionsQuery)['_zod']['output']['status']>;
type Due = NonNullable<(typeof listInspectionsQuery)['_zod']['output']['due']>;

const statuses = listInspectionsQuery.shape.status.def.innerType.options as readonly Status[];
const dues = listInspectionsQuery.shape.due.def.innerType.options as readonly Due[];

export default function Inspections() {
  const text = useConsoleText();
  const here = useHereAsFrom();
  const { c, t } = text;
  const { principal } = useAuth();
  const api = useApi();
  const { search, choose } = useSearchFilters();
  const filter = {
    status: (search.get('status') ?? 'open') as Status,
    ...(search.get('due') ? { due: search.get('due') as Due } : {}),
    ...(search.get('department') ? { department: search.get('department')! } : {}),
  };
  const pages = useCursorPages();
  const query = useRead('listInspections', { query: { ...filter, limit: 25, ...(pages.cursor ? { cursor: pages.cursor } : {}) } });
  const today = localDay(new Date(), text.timeZone);
  // A visit whose code was revoked is cancelled, not overdue.
  const overdue = (inspection: Listed) => (inspection.status === 'scheduled' || inspection.status === 'on-site') && inspection.codeState !== 'revoked' && inspection.window.end < today;
  const statusName = (status: Status) => (status === 'open' ? c('inspectionsStatusOpen') : status === 'cancelled' ? c('inspectionsStatusCancelled') : t(`status_${status}`));

  /** Every inspection under these filters, page after page of the server's cursor. */
  async function allRows() {
    const all = await everyPage((next) => api.call('listInspections', { query: { ...filter, limit: 100, ...(next ? { cursor: next } : {}) } }));
    return {
      header: [c('columnCompany'), c('windowStart'), c('windowEnd'), t('drawDepartments'), c('columnStatus'), c('columnOverdue'), c('inspectionsCode'), 'id'],
      rows: all.map((i) => [text.text(i.entityName), i.window.start, i.window.end, text.list(i.departments.map(text.department)), t(stateKey(i)), overdue(i) ? c('yes') : c('no'), i.code ?? '', i.id]),
    };
  }

  const select = (name: 'status' | 'due' | 'department', label: string, options: [string, string][], anyLabel?: string) => (
    <FilterSelect label={label} value={search.get(name) ?? (name === 'status' ? 'open' : undefined)} options={options} onChange={(value) => choose(name, value)} {...(anyLabel ? { anyLabel } : {})} />
  );

  return (
    <>
      <h1>{c('inspectionsTitle')}</h1>
      <p className="actions">
        <Link to="/console/inspections/new">{c('inspectionsPlanLink')}</Link>
      </p>
      <section aria-labelledby="filters" className="console-filters">
        <h2 id="filters">{c('filters')}</h2>
        <div className="filter-row">
          {select('status', c('filterStatus'), statuses.map((status) => [status, statusName(status)]))}
          {select('due', c('inspectionsDue'), dues.map((due) => [due, c(`inspectionsDue_${due}` as ConsoleKey)]), c('inspectionsDueAny'))}
          {/* A department's supervisor sees their own; a city-wide one chooses. */}
          {!principal?.department &&
            select('department', c('inspectionsDepartment'), Object.keys(departmentNames).map((id) => [id, text.department(id)]), c('inspectionsEveryDepartment'))}
        </div>
      </section>
      <div className="actions pager">
        <p className="hint">{filter.status === 'open' || filter.status === 'scheduled' || filter.status === 'on-site' ? c('inspectionsOpenOrder') : c('inspectionsDoneOrder')}</p>
        <ExportButton fileName={`inspections-${filter.status}${filter.due ? `-${filter.due}` : ''}-${today}.csv`} rows={allRows} filtered />
      </div>
      <PagedTable<Listed>
        query={query}
        pages={pages}
        empty={c('inspectionsNone')}
        columns={[
                  {
                    title: c('columnCompany'),
                    key: 'company',
                    render: (_, inspection) => <Link to={`/console/companies/${encodeURIComponent(inspection.entityId)}`} state={here}>{text.text(inspection.entityName)}</Link>,
                  },
                  {
                    title: c('columnWindow'),
                    key: 'window',
                    render: (_, inspection) => (
                      <>
                        {text.day(inspection.window.start)} – {text.day(inspection.window.end)} {overdue(inspection) && <Tag color="red">{c('inspectionsOverdueTag')}</Tag>}
                      </>
                    ),
                  },
                  { title: t('drawDepartments'), key: 'departments', render: (_, inspection) => text.list(inspection.departments.map(text.department)) },
                  { title: c('columnStatus'), key: 'status', render: (_, inspection) => t(stateKey(inspection)) },
                  { title: c('inspectionsDocuments'), key: 'documents', render: (_, inspection) => (
                      <>
                        <DocumentLinks inspection={inspection} />
                        <VisitActions inspection={inspection} />
                      </>
                    ),
                  },
        ]}
      />
    </>
  );
}
