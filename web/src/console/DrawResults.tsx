/**
 * Who a draw drew, a page at a time by the API's cursor: each company with its grade and stratum, the inspectors
 * sent, the visit's state and, for the draw's departments, its code and notice; the companies no inspector could be
 * found for, with why; and the CSV of every company drawn.
 */
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { Responses } from '../app/api.ts';
import { useApi, useRead } from '../app/data.ts';
import type { Key } from '../app/messages.ts';
import { Loaded, UnassignedCompanies } from '../app/ui.tsx';
import { everyPage, ExportButton } from './ExportButton.tsx';
import { ListTable } from './ListControls.tsx';
import { useConsoleText } from './text.ts';

type Draw = Responses['getDraw'];
type Drawn = Responses['drawResults']['companies'][number];

export function DrawResultsList({ draw }: { draw: Draw }) {
  const text = useConsoleText();
  const { c, t } = text;
  const api = useApi();
  // Cursors of the pages seen so far, for "previous page".
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors.at(-1);
  const query = useRead('drawResults', { params: { id: draw.id }, query: { limit: 25, ...(cursor ? { cursor } : {}) } });
  // While codes are issued, each batch done shows on the page.
  const { refetch } = query;
  const done = draw.issuance?.done;
  useEffect(() => void refetch(), [done, refetch]);

  const stratum = (company: Drawn) => (company.stratum === 'all' ? c('drawStratumAll') : c('drawStratumGrade', { grade: company.stratum }));
  const grade = (company: Drawn) => ('grade' in company && company.grade ? company.grade : c('notGraded'));
  const inspectors = (company: Drawn) => text.list(company.inspectors.map((i) => ('name' in i && i.name ? text.text(i.name) : i.id)));
  const status = (company: Drawn) =>
    (company.status === 'pending' ? c('drawNotIssued') : t(`status_${company.status}` as Key)) + ('outcome' in company && company.outcome ? ` · ${t(`outcome_${company.outcome}`)}` : '');

  /** Every company drawn (the file is the whole result, read a page after another). */
  async function allRows() {
    const companies = await everyPage(async (next) => {
      const page = await api.call('drawResults', { params: { id: draw.id }, query: { limit: 100, ...(next ? { cursor: next } : {}) } });
      return { items: page.companies, ...('cursor' in page && page.cursor ? { cursor: page.cursor } : {}) };
    });
    return {
      header: [c('columnCompany'), 'entityId', c('grade'), c('stratum'), c('drawColumnInspectors'), c('columnStatus'), c('drawColumnCode'), 'inspectionId'],
      rows: companies.map((company) => [
        text.text(company.entityName ?? company.entityId),
        company.entityId,
        grade(company),
        stratum(company),
        inspectors(company),
        status(company),
        ('code' in company && company.code) || '',
        ('inspectionId' in company && company.inspectionId) || '',
      ]),
    };
  }

  return (
    <section aria-labelledby="draw-results">
      <h2 id="draw-results">{c('drawResultsTitle')}</h2>
      <Loaded query={query}>
        {(page) => (
          <>
            <div className="actions pager">
              <p className="hint">{c('drawResultsTotal', { total: text.number(page.total) })}</p>
              <ExportButton fileName={`draw-${draw.id}-results.csv`} rows={allRows} />
            </div>
            <ListTable<Drawn>
              rowKey="entityId"
              dataSource={page.companies}
              pagination={false}
              columns={[
                {
                  title: c('columnCompany'),
                  key: 'company',
                  render: (_, company) => <Link to={`/console/companies/${encodeURIComponent(company.entityId)}`}>{text.text(company.entityName ?? company.entityId)}</Link>,
                },
                { title: c('grade'), key: 'grade', render: (_, company) => grade(company) },
                { title: c('stratum'), key: 'stratum', render: (_, company) => stratum(company) },
                { title: c('drawColumnInspectors'), key: 'inspectors', render: (_, company) => inspectors(company) },
                { title: c('columnStatus'), key: 'status', render: (_, company) => status(company) },
                {
                  title: c('drawColumnCode'),
                  key: 'code',
                  render: (_, company) =>
                    'inspectionId' in company && company.inspectionId ? (
                      <Link to={`/console/inspections/${encodeURIComponent(company.inspectionId)}/notice`}>
                        <span className="hash">{'code' in company && company.code ? company.code : c('drawNotice')}</span>
                      </Link>
                    ) : (
                      ''
                    ),
                },
              ]}
            />
            <nav className="actions pager" aria-label={c('drawResultsPages')}>
              <button type="button" className="secondary" disabled={cursors.length === 1} onClick={() => setCursors(cursors.slice(0, -1))}>
                {c('previousPage')}
              </button>
              <span>{c('pageN', { n: cursors.length })}</span>
              <button type="button" className="secondary" disabled={!('cursor' in page && page.cursor)} onClick={() => setCursors([...cursors, 'cursor' in page ? page.cursor : undefined])}>
                {c('nextPage')}
              </button>
            </nav>
            <UnassignedCompanies unassigned={'unassigned' in page ? page.unassigned : undefined} linkTo={(entityId) => `/console/companies/${encodeURIComponent(entityId)}`} />
          </>
        )}
      </Loaded>
    </section>
  );
}
