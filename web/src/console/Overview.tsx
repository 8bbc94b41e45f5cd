/**
 * The landing page: what needs a supervisor now — this week's inspections, those due and overdue, clues to work
 * and overdue, trigger inspections fired, draws waiting to be executed — and how supervision is going, each figure
 * a link to its list. Read from GET /inspections/counts, GET /stats, the clue queue and the draw list; nothing here
 * fetches a whole table.
 */
import { Card, Col, Row, Statistic } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { localDay } from '#shared/dates.ts';
import { isOverdue } from '#shared/warnings/lifecycle.ts';
import { useRead } from '../app/data.ts';
import { Loaded } from '../app/ui.tsx';
import { useConsoleText } from './text.ts';

/** Clues of the queue's first page (soonest due first): the overdue ones come first, so a full page means "at least". */
const queuePage = 100;

function Figure({ to, title, value, hint }: { to: string; title: string; value: ReactNode; hint: string }) {
  return (
    <Col xs={24} sm={12} lg={8}>
      <Link to={to} className="figure-link">
        <Card>
          <Statistic title={title} value={value as string} />
          <p className="hint">{hint}</p>
        </Card>
      </Link>
    </Col>
  );
}

export default function Overview() {
  const text = useConsoleText();
  const { c, t, percent, number, timeZone } = text;
  const stats = useRead('stats', {});
  const due = useRead('inspectionCounts', {});
  const draws = useRead('listDraws', { query: { limit: 200 } });
  const open = useRead('listWarnings', { query: { status: 'open', limit: queuePage } });
  const assigned = useRead('listWarnings', { query: { status: 'assigned', limit: queuePage } });
  const today = localDay(new Date(), timeZone);
  const overdue = (page?: { items: { status: 'open' | 'assigned' | 'handled' | 'closed'; dueBy: string }[]; cursor?: string }) => ({
    count: page?.items.filter((clue) => isOverdue(clue, today)).length ?? 0,
    more: Boolean(page?.cursor && page.items.every((clue) => isOverdue(clue, today))),
  });
  const overdueOpen = overdue(open.data);
  const overdueAssigned = overdue(assigned.data);
  const overdueCount = overdueOpen.count + overdueAssigned.count;
  return (
    <>
      <h1>{c('overviewTitle')}</h1>
      <Loaded query={due}>
        {(counts) => (
          <Row gutter={[16, 16]} className="figures">
            <Figure
              to="/console/inspections?due=this-week"
              title={c('inspectionsThisWeek')}
              value={number(counts.thisWeek)}
              hint={c('inspectionsThisWeekHint', { start: text.day(counts.week.start), end: text.day(counts.week.end) })}
            />
            <Figure to="/console/inspections?due=due-this-week" title={c('inspectionsDueThisWeek')} value={number(counts.dueThisWeek)} hint={c('inspectionsDueThisWeekHint')} />
            <Figure to="/console/inspections?due=overdue" title={c('inspectionsOverdue')} value={number(counts.overdue)} hint={c('inspectionsOverdueHint')} />
          </Row>
        )}
      </Loaded>
      <Loaded query={stats}>
        {(figures) => (
          <Row gutter={[16, 16]} className="figures">
            <Figure
              to="/console/warnings?status=open"
              title={c('openClues')}
              value={number((figures.clues.byStatus.open ?? 0) + (figures.clues.byStatus.assigned ?? 0))}
              hint={c('openCluesHint', { open: figures.clues.byStatus.open ?? 0, assigned: figures.clues.byStatus.assigned ?? 0 })}
            />
            <Figure
              to="/console/warnings?status=open"
              title={c('overdueClues')}
              value={overdueOpen.more || overdueAssigned.more ? c('overdueMore', { count: overdueCount }) : number(overdueCount)}
              hint={c('overdueCluesHint', { count: figures.clues.escalations })}
            />
            <Figure
              to="/console/figures#triggers"
              title={c('triggersFired')}
              value={number(figures.triggerInspections.total)}
              hint={c('triggersFiredHint', { count: figures.triggerInspections.withResults })}
            />
            <Figure
              to="/console/draws"
              title={c('drawsPending')}
              value={draws.data ? number(draws.data.draws.filter((d) => d.status === 'announced' || d.status === 'preparing').length) : t('loading')}
              hint={c('drawsExecuting', { count: draws.data?.draws.filter((d) => d.status === 'executing').length ?? 0 })}
            />
            <Figure
              to="/console/figures#inspections"
              title={c('detectionRate')}
              value={percent(figures.detectionRate)}
              hint={c('detectionRateHint', { count: figures.inspectionsWithResults })}
            />
            <Figure
              to="/console/figures#inspections"
              title={c('visitsSaved')}
              value={number(figures.visitsSaved)}
              hint={c('visitsSavedHint', { count: figures.inspections })}
            />
          </Row>
        )}
      </Loaded>
    </>
  );
}
