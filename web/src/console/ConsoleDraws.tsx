/** Every draw, newest first, as a table a supervisor scans (status, segment, window, when announced), and the way to announce one. */
import { Link } from 'react-router';
import type { Responses } from '../app/api.ts';
import { useRead } from '../app/data.ts';
import { Loaded } from '../app/ui.tsx';
import { ExportButton } from './ExportButton.tsx';
import { ListTable } from './ListControls.tsx';
import { useConsoleText } from './text.ts';

type Draw = Responses['listDraws']['draws'][number];

export default function ConsoleDraws() {
  const { c, t, text, segment, day, instant } = useConsoleText();
  const query = useRead('listDraws', { query: { limit: 200 } });
  return (
    <>
      <h1>{c('drawsTitle')}</h1>
      <p>
        <Link className="button" to="/console/draws/new">
          {c('announceLink')}
        </Link>
      </p>
      <Loaded query={query}>
        {({ draws }) => (
          <>
            <ExportButton
              fileName="draws.csv"
              rows={async () => ({
                header: [c('columnDraw'), c('columnStatus'), c('columnSegment'), c('windowStart'), c('windowEnd'), c('columnAnnounced'), 'id'],
                rows: draws.map((d) => [text(d.parameters.title), t(`draw_${d.status}`), segment(d.parameters.segment), d.parameters.window.start, d.parameters.window.end, d.announcedAt ?? d.createdAt, d.id]),
              })}
            />
            <ListTable<Draw>
              rowKey="id"
              dataSource={draws}
              pagination={{ pageSize: 25, hideOnSinglePage: true }}
              locale={{ emptyText: t('noDraws') }}
              columns={[
                { title: c('columnDraw'), key: 'title', render: (_, d) => <Link to={`/console/draws/${encodeURIComponent(d.id)}`}>{text(d.parameters.title)}</Link> },
                { title: c('columnStatus'), key: 'status', render: (_, d) => t(`draw_${d.status}`) },
                { title: c('columnSegment'), key: 'segment', render: (_, d) => segment(d.parameters.segment) },
                { title: c('columnWindow'), key: 'window', render: (_, d) => `${day(d.parameters.window.start)} – ${day(d.parameters.window.end)}` },
                { title: c('columnAnnounced'), key: 'announced', render: (_, d) => instant(d.announcedAt ?? d.createdAt) },
              ]}
            />
          </>
        )}
      </Loaded>
    </>
  );
}
